// The one bootstrap for the analysis charts (the CSP forbids inline scripts). Each chart is a
// canvas with data-chart="<kind>" and its escaped JSON in data-chart-data; its texts (axis
// titles, legends, the reader's decimal sign) come from the page in data-chart-texts, in the
// reader's language; options a kind needs come in further data-chart-* attributes (the matrix:
// data-chart-threshold). Each canvas sits in a box of a set height (analysis.css): the chart
// fills it (maintainAspectRatio false) at any width. Every chart has a table with its numbers.
(function () {
  'use strict';
  if (typeof window.Chart === 'undefined') return;

  var reducedMotion = typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  if (reducedMotion) window.Chart.defaults.animation = false;

  /** A number with the reader's decimal sign and at most `decimals` decimals. */
  function number(texts, value, decimals) {
    if (value === null || value === undefined || !isFinite(value)) return '—';
    var text = String(Number(Number(value).toFixed(decimals)));
    return texts.decimal && texts.decimal !== '.' ? text.replace('.', texts.decimal) : text;
  }
  function percent(texts, share, decimals) {
    return number(texts, share * 100, decimals) + ' %';
  }
  function axisTitle(text) {
    return { display: Boolean(text), text: text || '', font: { weight: 'bold' } };
  }
  /** Category ticks: rotated at most 45°, skipped rather than overlapping, long names cut. */
  function categoryTicks() {
    return {
      autoSkip: true,
      maxRotation: 45,
      minRotation: 0,
      callback: function (value) {
        var label = String(this.getLabelForValue(value));
        return label.length > 24 ? label.slice(0, 23) + '…' : label;
      },
    };
  }

  /** Dashed lines at x = xValue and y = yValue: the matrix's quadrants, the drivers' averages. */
  function crossLines(xValue, yValue) {
    return {
      id: 'crossLines',
      afterDraw: function (chart) {
        var x = chart.scales.x, y = chart.scales.y, ctx = chart.ctx;
        if (xValue === null || yValue === null || !isFinite(xValue) || !isFinite(yValue)) return;
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

  /** Each point's name written beside it (the scatter charts), kept inside the chart area. */
  var pointLabels = {
    id: 'pointLabels',
    afterDatasetsDraw: function (chart) {
      var ctx = chart.ctx, area = chart.chartArea;
      ctx.save();
      ctx.font = '12px system-ui, sans-serif';
      ctx.fillStyle = '#1f2933';
      ctx.textBaseline = 'middle';
      chart.data.datasets.forEach(function (dataset, i) {
        chart.getDatasetMeta(i).data.forEach(function (point, j) {
          var raw = dataset.data[j];
          if (!raw || !raw.label) return;
          var label = raw.label.length > 28 ? raw.label.slice(0, 27) + '…' : raw.label;
          var width = ctx.measureText(label).width;
          var right = point.x + 8 + width <= area.right;
          ctx.textAlign = right ? 'left' : 'right';
          ctx.fillText(label, right ? point.x + 8 : point.x - 8, Math.min(Math.max(point.y, area.top + 6), area.bottom - 6));
        });
      });
      ctx.restore();
    },
  };

  /** The options every chart shares, with the kind's own (its plugins merged into the shared ones). */
  function options(texts, extra) {
    var o = {
      responsive: true,
      maintainAspectRatio: false,
      animation: reducedMotion ? false : { duration: 400 },
      plugins: { legend: { labels: { boxWidth: 12 } } },
    };
    Object.keys(extra).forEach(function (k) {
      if (k === 'plugins') Object.keys(extra.plugins).forEach(function (p) { o.plugins[p] = extra.plugins[p]; });
      else o[k] = extra[k];
    });
    return o;
  }

  var charts = {
    drivers: function (data, canvas, texts) {
      return {
        type: 'scatter',
        data: { datasets: [{ label: texts.dataset, data: data.points, backgroundColor: '#2f6f9f', pointRadius: 6 }] },
        options: options(texts, {
          layout: { padding: { right: 8 } },
          scales: {
            x: { min: 0, max: 1, title: axisTitle(texts.x), ticks: { stepSize: 0.25, callback: function (v) { return percent(texts, v, 0); } } },
            y: { min: -1, max: 1, title: axisTitle(texts.y), ticks: { stepSize: 0.5, callback: function (v) { return number(texts, v, 1); } } },
          },
          plugins: {
            legend: { display: false },
            tooltip: { callbacks: { label: function (c) { return c.raw.label + ': ' + percent(texts, c.raw.x, 0) + ', ' + number(texts, c.raw.y, 2); } } },
          },
        }),
        plugins: [crossLines(data.performanceLine, data.importanceLine), pointLabels],
      };
    },
    pareto: function (data, canvas, texts) {
      return {
        data: {
          labels: data.labels,
          datasets: [
            { type: 'bar', label: data.barLabel, data: data.bars, yAxisID: 'y', backgroundColor: '#2f6f9f', order: 2 },
            { type: 'line', label: texts.line, data: data.line.map(function (v) { return v * 100; }), yAxisID: 'y1', borderColor: '#c0392b', backgroundColor: '#c0392b', order: 1, clip: false },
          ],
        },
        options: options(texts, {
          scales: {
            x: { title: axisTitle(texts.x), ticks: categoryTicks() },
            y: { beginAtZero: true, title: axisTitle(texts.y), ticks: { callback: function (v) { return number(texts, v, 2); } } },
            y1: { position: 'right', min: 0, max: 100, title: axisTitle(texts.y1), grid: { drawOnChartArea: false }, ticks: { stepSize: 25, callback: function (v) { return number(texts, v, 0) + ' %'; } } },
          },
          plugins: {
            tooltip: {
              callbacks: {
                label: function (c) { return c.dataset.label + ': ' + (c.dataset.yAxisID === 'y1' ? number(texts, c.raw, 1) + ' %' : number(texts, c.raw, 3)); },
              },
            },
          },
        }),
      };
    },
    matrix: function (data, canvas, texts) {
      var threshold = Number(canvas.getAttribute('data-chart-threshold'));
      return {
        type: 'scatter',
        data: { datasets: [{ label: texts.dataset, data: data, backgroundColor: '#2f6f9f', pointRadius: 5 }] },
        options: options(texts, {
          scales: {
            x: { min: 0, max: 1, title: axisTitle(texts.x), ticks: { stepSize: 0.25, callback: function (v) { return percent(texts, v, 0); } } },
            y: { min: 0, max: 1, title: axisTitle(texts.y), ticks: { stepSize: 0.25, callback: function (v) { return percent(texts, v, 0); } } },
          },
          plugins: {
            legend: { display: false },
            tooltip: { callbacks: { label: function (c) { return c.raw.label + ': ' + percent(texts, c.raw.x, 1) + ', ' + percent(texts, c.raw.y, 1); } } },
          },
        }),
        plugins: [crossLines(threshold, threshold), pointLabels],
      };
    },
    bars: function (data, canvas, texts) {
      return {
        type: 'bar',
        data: { labels: data.labels, datasets: [{ label: data.label, data: data.values, backgroundColor: '#2f6f9f' }] },
        options: options(texts, {
          scales: {
            x: { title: axisTitle(texts.x), ticks: categoryTicks() },
            y: { min: data.min === undefined ? 1 : data.min, max: data.max === undefined ? 5 : data.max, title: axisTitle(texts.y), ticks: { stepSize: 1, callback: function (v) { return number(texts, v, 1); } } },
          },
          plugins: {
            legend: { display: false },
            tooltip: { callbacks: { label: function (c) { return c.dataset.label + ': ' + number(texts, c.raw, 2); } } },
          },
        }),
      };
    },
    trend: function (data, canvas, texts) {
      var band = function (sign) {
        return data.nps.map(function (v, i) { return v === null || data.margin[i] === null ? null : v + sign * data.margin[i]; });
      };
      return {
        type: 'line',
        data: {
          labels: data.labels,
          datasets: [
            { label: texts.nps, data: data.nps, borderColor: '#2f6f9f', backgroundColor: '#2f6f9f' },
            { label: texts.margin, data: band(1), borderColor: 'rgba(47, 111, 159, 0.35)', borderDash: [4, 4], pointRadius: 0, fill: '+1', backgroundColor: 'rgba(47, 111, 159, 0.1)' },
            { label: texts.lower, data: band(-1), borderColor: 'rgba(47, 111, 159, 0.35)', borderDash: [4, 4], pointRadius: 0 },
          ],
        },
        options: options(texts, {
          scales: {
            x: { title: axisTitle(texts.x), ticks: categoryTicks() },
            y: { min: -100, max: 100, title: axisTitle(texts.y), ticks: { stepSize: 50, callback: function (v) { return number(texts, v, 0); } } },
          },
          plugins: {
            legend: { labels: { boxWidth: 12, filter: function (item) { return item.datasetIndex !== 2; } } },
            tooltip: { filter: function (item) { return item.datasetIndex === 0; }, callbacks: { label: function (c) { return c.dataset.label + ': ' + number(texts, c.raw, 0); } } },
          },
        }),
      };
    },
  };

  function parse(text) {
    try {
      return JSON.parse(text || '{}');
    } catch (e) {
      return {};
    }
  }

  document.querySelectorAll('canvas[data-chart][data-chart-data]').forEach(function (canvas) {
    var kind = canvas.getAttribute('data-chart');
    var config = Object.prototype.hasOwnProperty.call(charts, kind) ? charts[kind] : null;
    if (config) new window.Chart(canvas, config(parse(canvas.getAttribute('data-chart-data')), canvas, parse(canvas.getAttribute('data-chart-texts'))));
  });
})();
