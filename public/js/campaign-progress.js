// Draws the campaign progress chart from the escaped data-chart attribute (no inline script).
(function () {
  var canvas = document.getElementById('progress-chart');
  if (!canvas || typeof window.Chart === 'undefined') return;
  var data = JSON.parse(canvas.getAttribute('data-chart') || '{}');
  // The series' names come from the page, in the reader's language.
  var names = data.names || { invited: 'Invited', submitted: 'Submitted' };
  new window.Chart(canvas, {
    type: 'bar',
    data: {
      labels: data.labels,
      datasets: [
        { label: names.invited, data: data.invited, backgroundColor: '#9bb7d4' },
        { label: names.submitted, data: data.submitted, backgroundColor: '#1f5f99' },
      ],
    },
    options: { responsive: true, maintainAspectRatio: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  });
})();
