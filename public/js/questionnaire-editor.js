// The questionnaire editor with JavaScript. Everything works without it (plain forms, move
// up/down buttons). With it: questions and sections move by drag and drop or with the arrow
// keys on their handle, edit forms save themselves as you type ("Saved" / "Not saved —
// retrying"), and what is typed is kept in this browser until the server has it, so a
// validation error or an ended session loses nothing.
(function () {
  'use strict';

  var RETRY_MS = [2000, 4000, 8000, 15000, 30000];

  // The page's messages in the reader's language (views/questionnaires/_editor-texts.ejs).
  var TEXTS = {};
  function text(key, vars) {
    var s = TEXTS[key] || '';
    Object.keys(vars || {}).forEach(function (name) { s = s.split('{{' + name + '}}').join(String(vars[name])); });
    return s;
  }

  function post(url, body) {
    // redirect: 'manual': an ended session redirects to the sign-in page, which is no success.
    return fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Autosave': '1', Accept: 'application/json' },
      body: body,
    });
  }

  function timeNow() {
    var d = new Date();
    return String(d.getHours()).padStart(2, '0') + ':' + String(d.getMinutes()).padStart(2, '0');
  }

  // The synchroniser CSRF token belongs to the session: after signing in again (another tab)
  // the page's token is stale, so fetch the page again and take the new one.
  function freshToken() {
    return fetch(window.location.href, { credentials: 'same-origin', redirect: 'manual' })
      .then(function (res) { return res.ok ? res.text() : ''; })
      .then(function (html) {
        var m = /name="_csrf" value="([^"]+)"/.exec(html);
        return m ? m[1] : null;
      })
      .catch(function () { return null; });
  }

  /**
   * Sends `body()` until the server has it. `status` shows the state; `onSaved(json)` and
   * `onRefused(json)` (a 422: the server will not take it as it is) end the attempt.
   */
  function saver(status, url, body, tokenHolder, onSaved, onRefused) {
    var attempt = 0;
    var timer = null;
    var busy = false;
    var again = false;

    function show(text, kind) {
      status.textContent = text;
      status.className = 'autosave-status' + (kind ? ' autosave-status--' + kind : '');
    }

    function retry(text) {
      show(text, 'error');
      var wait = RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)];
      attempt += 1;
      timer = window.setTimeout(send, wait);
    }

    function send() {
      window.clearTimeout(timer);
      if (busy) { again = true; return; }
      busy = true;
      show(text('saving'));
      post(url, body())
        .then(function (res) {
          if (res.type === 'opaqueredirect' || res.status === 401) {
            return retry(text('sessionEnded'));
          }
          if (res.status === 403) {
            return freshToken().then(function (token) {
              if (token) tokenHolder.set(token);
              retry(text('retrying'));
            });
          }
          if (res.status === 422) {
            return res.json().then(function (json) {
              attempt = 0;
              onRefused(json, show);
            });
          }
          if (!res.ok) return retry(text('retrying'));
          return res.json().then(function (json) {
            attempt = 0;
            show(text('savedAt', { time: timeNow() }), 'ok');
            onSaved(json);
          });
        })
        .catch(function () { retry(text('retrying')); })
        .then(function () {
          busy = false;
          if (again) { again = false; send(); }
        });
    }

    return { send: send, show: show };
  }

  function firstMessage(errors) {
    var keys = Object.keys(errors || {});
    for (var i = 0; i < keys.length; i++) {
      var list = errors[keys[i]];
      if (list && list.length) return list[0];
    }
    return text('checkFields');
  }

  // ---- what is typed, kept in this browser --------------------------------------------------

  function pairsOf(form) {
    var out = [];
    new FormData(form).forEach(function (value, name) {
      if (name !== '_csrf' && typeof value === 'string') out.push([name, value]);
    });
    return out;
  }

  function restore(form, pairs) {
    var byName = {};
    pairs.forEach(function (p) { (byName[p[0]] = byName[p[0]] || []).push(p[1]); });
    var used = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name === '_csrf' || el.type === 'submit' || el.type === 'button') return;
      var values = byName[el.name] || [];
      if (el.type === 'checkbox' || el.type === 'radio') {
        el.checked = values.indexOf(el.value) >= 0;
      } else if (el.type !== 'hidden') {
        var i = used[el.name] || 0;
        el.value = values[i] !== undefined ? values[i] : '';
        used[el.name] = i + 1;
      }
    });
  }

  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }

  function keepTyped(form) {
    var key = 'pds-editor:' + form.getAttribute('data-keep');
    var status = form.querySelector('[data-autosave-status]');
    var store = window.localStorage;
    function remember() { try { store.setItem(key, JSON.stringify(pairsOf(form))); } catch (e) { /* full or disabled */ } }
    function forget() { try { store.removeItem(key); } catch (e) { /* disabled */ } }

    var kept = null;
    try { kept = JSON.parse(store.getItem(key) || 'null'); } catch (e) { kept = null; }
    if (kept && !same(kept, pairsOf(form))) {
      restore(form, kept);
      if (status) {
        status.textContent = text('restored');
        var discard = document.createElement('button');
        discard.type = 'button';
        discard.className = 'button button--quiet button--small';
        discard.textContent = text('discard');
        discard.addEventListener('click', function () { forget(); window.location.reload(); });
        status.appendChild(discard);
      }
    } else if (kept) {
      forget();
    }
    form.addEventListener('input', remember);
    form.addEventListener('change', remember);
    form.addEventListener('submit', function () {
      remember();
      try { window.sessionStorage.setItem('pds-editor:sent', key); } catch (e) { /* disabled */ }
    });
    return { forget: forget, isRestored: Boolean(kept && !same(kept, pairsOf(form))) };
  }

  function enhanceAutosave(form) {
    var kept = keepTyped(form);
    if (!form.hasAttribute('data-autosave')) return;
    var status = form.querySelector('[data-autosave-status]');
    var tokenField = form.querySelector('input[name="_csrf"]');
    var typeSelect = form.querySelector('select[name="type"]');
    var typeBefore = form.getAttribute('data-type');
    var tokenHolder = { set: function (t) { tokenField.value = t; } };
    var s = saver(status, form.getAttribute('action'), function () {
      return new URLSearchParams(new FormData(form)).toString();
    }, tokenHolder, function (json) {
      kept.forget();
      // New options now have ids: keep them, so the next save does not add them twice.
      if (json.optionIds) {
        var rows = Array.prototype.filter.call(form.querySelectorAll('[data-option-id]'), function (input) {
          var row = input.parentNode;
          var typed = Array.prototype.some.call(row.querySelectorAll('input:not([type=hidden]), textarea'), function (el) { return el.value.trim(); });
          return input.value || typed;
        });
        rows.forEach(function (input, i) { if (json.optionIds[i]) input.value = json.optionIds[i]; });
      }
    }, function (json, show) {
      show(text('notSaved', { message: firstMessage(json.errors) }), 'error');
    });
    var timer = null;
    function changed() {
      if (typeSelect && typeSelect.value !== typeBefore) {
        s.show(text('newType'));
        return;
      }
      s.show(text('notSavedYet'));
      window.clearTimeout(timer);
      timer = window.setTimeout(s.send, 1200);
    }
    form.addEventListener('input', changed);
    form.addEventListener('change', changed);
    form.addEventListener('submit', function () { window.clearTimeout(timer); });
    if (kept.isRestored) changed();
  }

  // ---- reordering -----------------------------------------------------------------------------

  function enhanceReorder(root) {
    var url = root.getAttribute('data-reorder');
    var token = root.getAttribute('data-csrf');
    var status = document.querySelector('[data-reorder-status]');
    var help = document.querySelector('[data-reorder-help]');
    if (help) help.hidden = false;
    root.classList.add('js-reorder');

    function sections() { return Array.prototype.slice.call(root.querySelectorAll(':scope > [data-section-id]')); }
    function questionsOf(section) { return Array.prototype.slice.call(section.querySelectorAll('[data-questions] > [data-question-id]')); }
    function order() {
      return sections().map(function (s) {
        return { id: s.getAttribute('data-section-id'), questions: questionsOf(s).map(function (q) { return q.getAttribute('data-question-id'); }) };
      });
    }

    var saved = order();
    var s = saver(status, url, function () {
      return new URLSearchParams({ _csrf: token, order: JSON.stringify(order()) }).toString();
    }, { set: function (t) { token = t; } }, function () {
      saved = order();
    }, function (json, show) {
      putBack(saved);
      show(text('notMoved', { message: firstMessage(json.errors) }), 'error');
    });

    // The last order the server took, put back after a refusal.
    function putBack(o) {
      var byId = {};
      sections().forEach(function (sec) { byId[sec.getAttribute('data-section-id')] = sec; });
      var all = {};
      sections().forEach(function (sec) { questionsOf(sec).forEach(function (q) { all[q.getAttribute('data-question-id')] = q; }); });
      o.forEach(function (entry) {
        var sec = byId[entry.id];
        if (!sec) return;
        root.appendChild(sec);
        var list = sec.querySelector('[data-questions]');
        entry.questions.forEach(function (id) { if (all[id]) list.appendChild(all[id]); });
      });
      renumber();
    }

    function setAll(scope, selector, value) {
      Array.prototype.forEach.call(scope.querySelectorAll(selector), function (el) { el.textContent = value; });
    }
    function showMove(scope, direction, show) {
      var form = scope.querySelector(':scope > .row-actions > form[data-move="' + direction + '"]');
      if (form) form.hidden = !show;
    }

    // After a move the page reads as after a reload: positions in the titles and in the buttons'
    // hidden texts, the move buttons that can move (none up for the very first question, none down
    // for the very last), "no question yet" in an emptied section.
    function renumber() {
      var all = sections();
      all.forEach(function (sec, i) {
        var head = sec.querySelector('.builder-section__head');
        var pos = sec.querySelector('[data-position]');
        if (pos) pos.textContent = String(i + 1);
        setAll(head, '[data-section-number]', String(i + 1));
        setAll(head, '[data-section-n]', text('sectionN', { number: i + 1 }));
        showMove(head, 'up', i > 0);
        showMove(head, 'down', i < all.length - 1);
        var label = sec.querySelector('[data-add-question-label]');
        if (label) label.textContent = text('addQuestionTo', { number: i + 1 });
        var questions = questionsOf(sec);
        var empty = sec.querySelector('[data-no-question]');
        if (empty) empty.hidden = questions.length > 0;
        questions.forEach(function (q, j) {
          setAll(q, '[data-question-n]', text('questionN', { number: j + 1, section: i + 1 }));
          showMove(q, 'up', i > 0 || j > 0);
          showMove(q, 'down', i < all.length - 1 || j < questions.length - 1);
        });
      });
    }

    function changed(message) {
      renumber();
      if (same(order(), saved)) return;
      s.send();
      if (message) announce(message);
    }

    var live = document.createElement('p');
    live.className = 'visually-hidden';
    live.setAttribute('aria-live', 'assertive');
    root.parentNode.insertBefore(live, root);
    function announce(text) {
      live.textContent = '';
      window.setTimeout(function () { live.textContent = text; }, 50);
    }

    function where(item) {
      if (item.hasAttribute('data-section-id')) return text('sectionOf', { number: sections().indexOf(item) + 1, total: sections().length });
      var sec = item.closest('[data-section-id]');
      return text('questionOf', { number: questionsOf(sec).indexOf(item) + 1, total: questionsOf(sec).length, section: sec.getAttribute('data-name') });
    }

    function moveQuestion(item, direction) {
      var sec = item.closest('[data-section-id]');
      var list = sec.querySelector('[data-questions]');
      var siblings = questionsOf(sec);
      var i = siblings.indexOf(item);
      var all = sections();
      var neighbour = all[all.indexOf(sec) + (direction === 'up' ? -1 : 1)];
      if (direction === 'up' && i > 0) list.insertBefore(item, siblings[i - 1]);
      else if (direction === 'down' && i < siblings.length - 1) list.insertBefore(siblings[i + 1], item);
      else if (neighbour) {
        var other = neighbour.querySelector('[data-questions]');
        if (direction === 'up') other.appendChild(item);
        else other.insertBefore(item, other.firstChild);
      } else return announce(text(direction === 'up' ? 'firstQuestion' : 'lastQuestion'));
      return true;
    }

    function moveSection(item, direction) {
      var all = sections();
      var i = all.indexOf(item);
      if (direction === 'up' && i > 0) root.insertBefore(item, all[i - 1]);
      else if (direction === 'down' && i < all.length - 1) root.insertBefore(all[i + 1], item);
      else return announce(text(direction === 'up' ? 'firstSection' : 'lastSection'));
      return true;
    }

    function addHandle(item, isSection) {
      var name = item.getAttribute('data-name');
      var handle = document.createElement('button');
      handle.type = 'button';
      handle.className = 'drag-handle';
      handle.setAttribute('aria-describedby', 'reorder-help');
      handle.innerHTML = '<span aria-hidden="true">⠿</span> ';
      var label = document.createElement('span');
      label.className = 'visually-hidden';
      label.textContent = text(isSection ? 'moveSection' : 'moveQuestion', { name: name });
      handle.appendChild(label);
      handle.addEventListener('keydown', function (event) {
        if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
        event.preventDefault();
        var direction = event.key === 'ArrowUp' ? 'up' : 'down';
        if ((isSection ? moveSection : moveQuestion)(item, direction) === true) {
          handle.focus();
          changed(text('moved', { where: where(item) }));
        }
      });
      // Only the handle starts a drag, so text in the row can still be selected.
      handle.addEventListener('pointerdown', function () { item.draggable = true; });
      item.addEventListener('dragend', function () { item.draggable = false; });
      var head = isSection ? item.querySelector('.builder-section__head') : item;
      head.insertBefore(handle, head.firstChild);
    }

    var dragged = null;
    sections().forEach(function (sec) {
      addHandle(sec, true);
      questionsOf(sec).forEach(function (q) { addHandle(q, false); });
    });

    root.addEventListener('dragstart', function (event) {
      var item = event.target.closest && event.target.closest('[data-question-id], [data-section-id]');
      if (!item || !item.draggable) return;
      dragged = item;
      item.classList.add('is-dragging');
      event.dataTransfer.effectAllowed = 'move';
      event.dataTransfer.setData('text/plain', item.getAttribute('data-name') || '');
    });

    function after(container, selector, y) {
      var items = Array.prototype.slice.call(container.querySelectorAll(selector)).filter(function (el) { return el !== dragged; });
      for (var i = 0; i < items.length; i++) {
        var box = items[i].getBoundingClientRect();
        if (y < box.top + box.height / 2) return items[i];
      }
      return null;
    }

    root.addEventListener('dragover', function (event) {
      if (!dragged) return;
      event.preventDefault();
      if (dragged.hasAttribute('data-question-id')) {
        var sec = event.target.closest('[data-section-id]');
        if (!sec) return;
        var list = sec.querySelector('[data-questions]');
        var before = after(list, ':scope > [data-question-id]', event.clientY);
        if (before) { if (before !== dragged.nextSibling) list.insertBefore(dragged, before); }
        else if (list.lastElementChild !== dragged) list.appendChild(dragged);
      } else {
        var next = after(root, ':scope > [data-section-id]', event.clientY);
        if (next) { if (next !== dragged.nextElementSibling) root.insertBefore(dragged, next); }
        else if (root.lastElementChild !== dragged) root.appendChild(dragged);
      }
    });

    root.addEventListener('drop', function (event) { if (dragged) event.preventDefault(); });
    root.addEventListener('dragend', function () {
      if (!dragged) return;
      var item = dragged;
      dragged = null;
      item.classList.remove('is-dragging');
      changed(text('moved', { where: where(item) }));
    });
  }

  // A form sent with its button that led to a page saying it succeeded (an added question, a
  // new section) needs nothing kept any more; after an error or a sign-in page it is kept.
  function forgetSent() {
    var key = null;
    try { key = window.sessionStorage.getItem('pds-editor:sent'); } catch (e) { return; }
    if (!key) return;
    window.sessionStorage.removeItem('pds-editor:sent');
    if (document.querySelector('.flash--success')) {
      try { window.localStorage.removeItem(key); } catch (e) { /* disabled */ }
    }
  }

  // ---- a question's texts edited in place on the overview ------------------------------------

  function enhanceInlineEdit(form) {
    var row = form.closest('[data-question-id]');
    var link = row && row.querySelector('[data-inline-link]');
    var status = form.querySelector('[data-inline-status]');
    var open = document.createElement('button');
    open.type = 'button';
    open.className = 'button button--quiet';
    open.setAttribute('aria-expanded', 'false');
    open.setAttribute('aria-controls', form.id);
    open.textContent = text('inlineEdit');
    var hidden = link && link.querySelector('.visually-hidden');
    if (hidden) open.appendChild(hidden.cloneNode(true));
    if (link) link.parentNode.insertBefore(open, link.nextSibling);
    function toggle(show) {
      form.hidden = !show;
      open.setAttribute('aria-expanded', show ? 'true' : 'false');
      if (show) { var first = form.querySelector('input:not([type=hidden]), textarea'); if (first) first.focus(); } else open.focus();
    }
    open.addEventListener('click', function () { toggle(form.hidden); });
    form.querySelector('[data-inline-close]').addEventListener('click', function () { toggle(false); });

    function clearErrors() {
      Array.prototype.forEach.call(form.querySelectorAll('[data-inline-error]'), function (p) { p.hidden = true; p.textContent = ''; });
      Array.prototype.forEach.call(form.querySelectorAll('[aria-invalid]'), function (el) { el.removeAttribute('aria-invalid'); el.removeAttribute('aria-describedby'); });
      Array.prototype.forEach.call(form.querySelectorAll('.field--error'), function (el) { el.classList.remove('field--error'); });
    }
    function showErrors(errors) {
      var firstInvalid = null;
      Object.keys(errors || {}).forEach(function (key) {
        var p = form.querySelector('[data-inline-error="' + key + '"]') || form.querySelector('[data-inline-error="_form"]');
        p.textContent = (errors[key] || []).join(' ');
        p.hidden = false;
        var box = p.parentNode;
        box.classList.add('field--error');
        Array.prototype.forEach.call(box.querySelectorAll('input, textarea'), function (el) {
          el.setAttribute('aria-invalid', 'true');
          if (p.id) el.setAttribute('aria-describedby', p.id);
          if (!firstInvalid) firstInvalid = el;
        });
      });
      if (firstInvalid) firstInvalid.focus();
    }
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      clearErrors();
      status.className = 'autosave-status';
      status.textContent = text('saving');
      // What is typed stays in the fields whatever the answer: nothing here resets them.
      fetch(form.getAttribute('action'), {
        method: 'POST',
        credentials: 'same-origin',
        redirect: 'manual',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: new URLSearchParams(new FormData(form)).toString(),
      })
        .then(function (res) {
          if (res.type === 'opaqueredirect' || res.status === 401) { status.textContent = text('sessionEnded'); status.className = 'autosave-status autosave-status--error'; return; }
          if (res.status === 403) {
            return freshToken().then(function (token) {
              if (token) form.querySelector('input[name="_csrf"]').value = token;
              status.textContent = text('retrying');
              status.className = 'autosave-status autosave-status--error';
            });
          }
          return res.json().then(function (json) {
            if (!json.saved) {
              status.textContent = text('inlineNotSaved');
              status.className = 'autosave-status autosave-status--error';
              showErrors(json.errors);
              return;
            }
            status.textContent = text('inlineSaved');
            status.className = 'autosave-status autosave-status--ok';
            var strong = row.querySelector('[data-question-text]');
            if (strong) strong.textContent = json.text || text('noText');
            var meta = row.querySelector('[data-question-meta]');
            if (meta) meta.textContent = meta.getAttribute('data-type-name') + (json.required ? text('required') : '') + (meta.getAttribute('data-rest') || '');
            var gaps = row.querySelector('[data-question-gaps]');
            if (gaps) { gaps.textContent = json.missing; gaps.hidden = !json.missing; }
          });
        })
        .catch(function () { status.textContent = text('retrying'); status.className = 'autosave-status autosave-status--error'; });
    });
  }

  function init() {
    var texts = document.getElementById('editor-texts');
    try { TEXTS = JSON.parse((texts && texts.getAttribute('data-texts')) || '{}'); } catch (e) { TEXTS = {}; }
    forgetSent();
    Array.prototype.forEach.call(document.querySelectorAll('form[data-inline-edit]'), enhanceInlineEdit);
    Array.prototype.forEach.call(document.querySelectorAll('form[data-keep]'), enhanceAutosave);
    var root = document.querySelector('[data-reorder]');
    if (root) enhanceReorder(root);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
