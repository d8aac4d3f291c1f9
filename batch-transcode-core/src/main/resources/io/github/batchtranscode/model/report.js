// Links each failed task's bar to its row in the failures table; the page reads fine without this script.
(function () {
  'use strict';
  var bars = document.querySelectorAll('svg.timeline rect.bar');
  var rows = document.querySelectorAll('table.failures tr[data-task]');
  var barByTask = {};
  var rowByTask = {};
  bars.forEach(function (bar) { barByTask[bar.getAttribute('data-task')] = bar; });
  rows.forEach(function (row) { rowByTask[row.getAttribute('data-task')] = row; });

  function highlight(task, on) {
    [barByTask[task], rowByTask[task]].forEach(function (el) {
      if (el) { el.classList.toggle('hl', on); }
    });
  }
  rows.forEach(function (row) {
    var task = row.getAttribute('data-task');
    row.addEventListener('mouseenter', function () { highlight(task, true); });
    row.addEventListener('mouseleave', function () { highlight(task, false); });
  });
  bars.forEach(function (bar) {
    var task = bar.getAttribute('data-task');
    var row = rowByTask[task];
    if (!row) { return; }
    bar.addEventListener('click', function () {
      row.scrollIntoView({ behavior: 'smooth', block: 'center' });
      highlight(task, true);
      setTimeout(function () { highlight(task, false); }, 1500);
    });
  });

  // Marks a page whose script ran to the end (tests look for it).
  var ready = document.createElement('p');
  ready.id = 'report-ready';
  ready.hidden = true;
  ready.setAttribute('data-bars', String(bars.length));
  document.body.appendChild(ready);
}());
