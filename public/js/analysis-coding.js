// Coding page extra: a "select all" box for bulk coding. The page works fully without it.
(function () {
  'use strict';
  var table = document.getElementById('mentions');
  if (!table) return;
  var head = table.querySelector('thead th');
  var box = document.createElement('input');
  box.type = 'checkbox';
  box.setAttribute('aria-label', 'Select all mentions');
  head.appendChild(box);
  box.addEventListener('change', function () {
    table.querySelectorAll('input[name="mentionIds"]').forEach(function (c) { c.checked = box.checked; });
  });
})();
