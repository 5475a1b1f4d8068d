// Progressive enhancement for the respondent pages. Everything works without it: the rank
// fields order the problems. With it, each problem gets "Move up" / "Move down" buttons that
// reorder the list, renumber the hidden rank fields and announce the new position.
(function () {
  'use strict';

  function fill(template, vars) {
    return template.replace(/\{\{(\w+)\}\}/g, function (m, k) { return k in vars ? String(vars[k]) : m; });
  }

  function enhanceRanking(group) {
    var list = group.querySelector('[data-problem-list]');
    var live = group.querySelector('[data-announce]');
    var hint = group.querySelector('[data-rank-hint]');
    if (!list || !live) return;
    var d = group.dataset;
    group.classList.add('js-ranking');
    if (hint) hint.hidden = true;

    function items() { return Array.prototype.slice.call(list.querySelectorAll(':scope > [data-problem]')); }

    function describe(item) {
      var text = item.querySelector('[data-problem-text]');
      var pick = item.querySelector('[data-problem-pick]');
      if (text && text.value.trim()) return text.value.trim();
      if (pick && pick.value) return pick.options[pick.selectedIndex].text;
      return '';
    }

    function renumber() {
      items().forEach(function (item, i) {
        var n = i + 1;
        var rank = item.querySelector('[data-rank]');
        if (rank) rank.value = String(n);
        var legend = item.querySelector('[data-problem-legend]');
        if (legend) legend.textContent = fill(d.legend, { n: n });
        // The visible text starts the accessible name (WCAG 2.5.3); the position follows, hidden.
        Array.prototype.forEach.call(item.querySelectorAll('[data-move-context]'), function (span) {
          span.textContent = ' (' + fill(d.legend, { n: n }) + ')';
        });
      });
    }

    function announce(message) {
      // Clear first so the same message twice is still read out.
      live.textContent = '';
      window.setTimeout(function () { live.textContent = message; }, 50);
    }

    function move(item, direction) {
      var all = items();
      var index = all.indexOf(item);
      var target = direction === 'up' ? index - 1 : index + 1;
      if (target < 0) return announce(d.atTop);
      if (target >= all.length) return announce(d.atBottom);
      if (direction === 'up') list.insertBefore(item, all[target]);
      else list.insertBefore(all[target], item);
      renumber();
      var label = describe(item);
      var vars = { text: label, n: target + 1, count: all.length };
      announce(label ? fill(d.moved, vars) : fill(d.movedEmpty, vars));
      var button = item.querySelector('[data-move="' + direction + '"]');
      if (button) button.focus();
      item.classList.add('is-moved');
      window.setTimeout(function () { item.classList.remove('is-moved'); }, 600);
    }

    items().forEach(function (item) {
      var box = item.querySelector('.problem__box') || item;
      var bar = document.createElement('div');
      bar.className = 'problem__move';
      ['up', 'down'].forEach(function (direction) {
        var button = document.createElement('button');
        button.type = 'button';
        button.className = 'button button--quiet button--small';
        button.dataset.move = direction;
        button.textContent = direction === 'up' ? d.moveUp : d.moveDown;
        var context = document.createElement('span');
        context.className = 'visually-hidden';
        context.dataset.moveContext = '';
        button.appendChild(context);
        button.addEventListener('click', function () { move(item, direction); });
        bar.appendChild(button);
      });
      box.appendChild(bar);
    });
    // The rank fields may have been typed in before (no JavaScript, or a saved draft): the
    // server already lists the problems in rank order, so the list order is the ranking.
    renumber();
  }

  function focusErrorSummary() {
    var summary = document.querySelector('[data-error-summary]');
    if (summary) summary.focus();
  }

  function blockPreviewSubmit() {
    var form = document.querySelector('form[data-preview]');
    if (form) form.addEventListener('submit', function (event) { event.preventDefault(); });
  }

  // Questions shown only for some earlier answers: hidden until that answer is given. Without
  // this script they stay visible with their note, and the server ignores them when hidden.
  function enhanceConditions() {
    var blocks = Array.prototype.slice.call(document.querySelectorAll('[data-show-if]'));
    if (!blocks.length) return;
    var form = blocks[0].closest('form');
    function picked(field) {
      return Array.prototype.slice.call(form.querySelectorAll('[name="' + field + '"]'))
        .filter(function (el) { return (el.type !== 'radio' && el.type !== 'checkbox') || el.checked; })
        .map(function (el) { return el.value; });
    }
    function update() {
      blocks.forEach(function (block) {
        var c = JSON.parse(block.getAttribute('data-show-if'));
        var values = picked(c.field);
        var shown = c.anyOf
          ? values.some(function (v) { return c.anyOf.indexOf(v) >= 0; })
          : values.some(function (v) { var n = Number(v); return /^\d+$/.test(v) && (c.min == null || n >= c.min) && (c.max == null || n <= c.max); });
        block.hidden = !shown;
        var note = block.querySelector('.q__condition');
        if (note) note.hidden = true;
      });
    }
    form.addEventListener('change', update);
    update();
  }

  function init() {
    enhanceConditions();
    Array.prototype.forEach.call(document.querySelectorAll('[data-ranking]'), enhanceRanking);
    focusErrorSummary();
    blockPreviewSubmit();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
