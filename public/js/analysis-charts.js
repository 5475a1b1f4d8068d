// The one bootstrap for the analysis charts (the CSP forbids inline scripts). Each chart is a
// canvas with data-chart="<kind>" and its escaped JSON in data-chart-data; options a kind needs
// come in further data-chart-* attributes (the matrix: data-chart-threshold).
(function () {
  'use strict';
  if (typeof window.Chart === 'undefined') return;

  /** Dashed lines at x = xValue and y = yValue: the matrix's quadrants, the drivers' averages. */
  function crossLines(xValue, yValue) {
    return {
      id: 'crossLines',
      afterDraw: function (chart) {
        var x = chart.scales.x, y = chart.scales.y, ctx = chart.ctx;
        ctx.save();
        ctx.strokeStyle = '#888';
        ctx.setLineDash([4, 4]);
        ctx.beginPath();
        ctx.moveTo(x.getPixelForValue(xValue), y.top);
        ctx.lineTo(x.getPixelForValue(xValue), y.bottom);
        ctx.moveTo(x.left, y.getPixelForValue(yValue));
        ctx.lineTo(x.right, y.getPixelForValue(yValue));
        ctx.stroke();
        ctx.restore();
      },
    };
  }

  var charts = {
    drivers: function (data) {
      return {
        type: 'scatter',
        data: { datasets: [{ label: 'Touchpoints', data: data.points, backgroundColor: '#2f6f9f', pointRadius: 6 }] },
        options: {
          scales: {
            x: { min: 0, max: 1, title: { display: true, text: 'Performance (mean on its scale)' }, ticks: { callback: function (v) { return Math.round(v * 100) + ' %'; } } },
            y: { min: -1, max: 1, title: { display: true, text: 'Importance (correlation)' } },
          },
          plugins: { tooltip: { callbacks: { label: function (c) { return c.raw.label; } } } },
        },
        plugins: [crossLines(data.performanceLine, data.importanceLine)],
      };
    },
    pareto: function (data) {
      return {
        data: {
          labels: data.labels,
          datasets: [
            { type: 'bar', label: data.barLabel, data: data.bars, yAxisID: 'y', backgroundColor: '#2f6f9f', order: 2 },
            { type: 'line', label: 'Cumulative share (%)', data: data.line.map(function (v) { return v * 100; }), yAxisID: 'y1', borderColor: '#c0392b', order: 1, clip: false },
          ],
        },
        options: { scales: { y: { beginAtZero: true }, y1: { position: 'right', min: 0, max: 100, grid: { drawOnChartArea: false } } } },
      };
    },
    matrix: function (data, canvas) {
      return {
        type: 'scatter',
        data: { datasets: [{ label: 'Problems', data: data, backgroundColor: '#2f6f9f' }] },
        options: {
          scales: { x: { min: 0, max: 1, title: { display: true, text: 'Share frequent' } }, y: { min: 0, max: 1, title: { display: true, text: 'Share bothersome' } } },
          plugins: { tooltip: { callbacks: { label: function (c) { return c.raw.label; } } } },
        },
        plugins: [crossLines(Number(canvas.getAttribute('data-chart-threshold')), Number(canvas.getAttribute('data-chart-threshold')))],
      };
    },
    bars: function (data) {
      return { type: 'bar', data: { labels: data.labels, datasets: [{ label: data.label, data: data.values, backgroundColor: '#2f6f9f' }] } };
    },
    trend: function (data) {
      var band = function (sign) {
        return data.nps.map(function (v, i) { return v === null || data.margin[i] === null ? null : v + sign * data.margin[i]; });
      };
      return {
        type: 'line',
        data: {
          labels: data.labels,
          datasets: [
            { label: 'NPS', data: data.nps, borderColor: '#2f6f9f' },
            { label: 'Margin of error (95 %)', data: band(1), borderColor: 'rgba(47, 111, 159, 0.35)', borderDash: [4, 4], pointRadius: 0, fill: '+1', backgroundColor: 'rgba(47, 111, 159, 0.1)' },
            { label: 'Lower bound', data: band(-1), borderColor: 'rgba(47, 111, 159, 0.35)', borderDash: [4, 4], pointRadius: 0 },
          ],
        },
        options: { scales: { y: { min: -100, max: 100 } }, plugins: { legend: { labels: { filter: function (item) { return item.text !== 'Lower bound'; } } } } },
      };
    },
  };

  document.querySelectorAll('canvas[data-chart][data-chart-data]').forEach(function (canvas) {
    var kind = canvas.getAttribute('data-chart');
    var config = Object.prototype.hasOwnProperty.call(charts, kind) ? charts[kind] : null;
    if (config) new window.Chart(canvas, config(JSON.parse(canvas.getAttribute('data-chart-data') || '{}'), canvas));
  });
})();
