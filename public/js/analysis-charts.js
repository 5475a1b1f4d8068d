// Draws the analysis charts from their escaped data- attributes (the CSP forbids inline scripts).
(function () {
  'use strict';
  if (typeof window.Chart === 'undefined') return;
  var quadrants = {
    id: 'quadrants',
    afterDraw: function (chart) {
      var x = chart.scales.x, y = chart.scales.y, ctx = chart.ctx;
      ctx.save();
      ctx.strokeStyle = '#888';
      ctx.setLineDash([4, 4]);
      ctx.beginPath();
      ctx.moveTo(x.getPixelForValue(0.5), y.top);
      ctx.lineTo(x.getPixelForValue(0.5), y.bottom);
      ctx.moveTo(x.left, y.getPixelForValue(0.5));
      ctx.lineTo(x.right, y.getPixelForValue(0.5));
      ctx.stroke();
      ctx.restore();
    },
  };
  document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
    var data = JSON.parse(canvas.getAttribute('data-chart-data') || '{}');
    var kind = canvas.getAttribute('data-chart');
    if (kind === 'pareto') {
      new window.Chart(canvas, {
        data: {
          labels: data.labels,
          datasets: [
            { type: 'bar', label: data.barLabel, data: data.bars, yAxisID: 'y', backgroundColor: '#2f6f9f', order: 2 },
            { type: 'line', label: 'Cumulative share (%)', data: data.line.map(function (v) { return v * 100; }), yAxisID: 'y1', borderColor: '#c0392b', order: 1, clip: false },
          ],
        },
        options: { scales: { y: { beginAtZero: true }, y1: { position: 'right', min: 0, max: 100, grid: { drawOnChartArea: false } } } },
      });
    } else if (kind === 'matrix') {
      new window.Chart(canvas, {
        type: 'scatter',
        data: { datasets: [{ label: 'Problems', data: data, backgroundColor: '#2f6f9f' }] },
        options: {
          scales: { x: { min: 0, max: 1, title: { display: true, text: 'Share frequent' } }, y: { min: 0, max: 1, title: { display: true, text: 'Share bothersome' } } },
          plugins: { tooltip: { callbacks: { label: function (c) { return c.raw.label; } } } },
        },
        plugins: [quadrants],
      });
    } else if (kind === 'bars') {
      new window.Chart(canvas, { type: 'bar', data: { labels: data.labels, datasets: [{ label: data.label, data: data.values, backgroundColor: '#2f6f9f' }] } });
    } else if (kind === 'trend') {
      new window.Chart(canvas, { type: 'line', data: { labels: data.labels, datasets: [{ label: 'NPS', data: data.nps, borderColor: '#2f6f9f' }] } });
    }
  });
})();
