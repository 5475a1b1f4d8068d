// Draws the campaign progress chart from the escaped data-chart attribute (no inline script).
(function () {
  var canvas = document.getElementById('progress-chart');
  if (!canvas || typeof window.Chart === 'undefined') return;
  var data = JSON.parse(canvas.getAttribute('data-chart') || '{}');
  new window.Chart(canvas, {
    type: 'bar',
    data: {
      labels: data.labels,
      datasets: [
        { label: 'Invited', data: data.invited, backgroundColor: '#9bb7d4' },
        { label: 'Submitted', data: data.submitted, backgroundColor: '#1f5f99' },
      ],
    },
    options: { responsive: true, maintainAspectRatio: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  });
})();
