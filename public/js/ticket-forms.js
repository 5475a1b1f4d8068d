// The ticket page has one form per action. Sending one (a status button, the comment, the
// details) reloads the page, so what was typed into the others would be lost: this keeps it in
// sessionStorage, per ticket, and puts it back after the reload. The form that was sent is never
// restored (the server shows its values, or its saved result), and its stored values are dropped.
(function () {
  var marker = document.getElementById('ticket-forms');
  if (!marker || !window.sessionStorage) return;
  var key = 'ticket-forms:' + marker.getAttribute('data-ticket-id');
  var forms = Array.prototype.slice.call(document.querySelectorAll('form[data-ticket-form]'));

  function fieldsOf(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.name !== '_csrf' && (el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || (el.tagName === 'INPUT' && el.type !== 'hidden' && el.type !== 'submit'));
    });
  }
  function isChanged(el) {
    if (el.tagName === 'SELECT') return Array.prototype.some.call(el.options, function (o) { return o.selected !== o.defaultSelected; });
    if (el.type === 'checkbox') return el.checked !== el.defaultChecked;
    return el.value !== el.defaultValue;
  }
  function formKey(form) {
    return form.getAttribute('data-ticket-form') || form.getAttribute('action');
  }
  function read() {
    try {
      return JSON.parse(sessionStorage.getItem(key) || '{}') || {};
    } catch (e) {
      return {};
    }
  }

  // Put back what was typed before the last reload.
  var stored = read();
  forms.forEach(function (form) {
    var values = stored[formKey(form)];
    if (!values) return;
    fieldsOf(form).forEach(function (el) {
      if (!Object.prototype.hasOwnProperty.call(values, el.name)) return;
      if (el.type === 'checkbox') el.checked = values[el.name] === true;
      else el.value = values[el.name];
    });
  });

  // On sending one form, keep the typed values of the others; forget the one sent.
  forms.forEach(function (sent) {
    sent.addEventListener('submit', function () {
      var next = {};
      forms.forEach(function (form) {
        if (form === sent) return;
        var values = {};
        var typed = false;
        fieldsOf(form).forEach(function (el) {
          values[el.name] = el.type === 'checkbox' ? el.checked : el.value;
          typed = typed || isChanged(el);
        });
        if (typed) next[formKey(form)] = values;
      });
      try {
        if (Object.keys(next).length) sessionStorage.setItem(key, JSON.stringify(next));
        else sessionStorage.removeItem(key);
      } catch (e) {
        // Storage full or refused: the reload loses what was typed elsewhere, as without the script.
      }
    });
  });
})();
