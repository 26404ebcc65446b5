/* The overview's charts, drawn with Chart.js from the JSON the page embeds.
   Readable on a 360 px phone: fixed heights, horizontal bars for long Vietnamese
   labels wrapped on words, and numbers written the Vietnamese way (1.500). */
(function () {
  "use strict";
  var source = document.getElementById("overview-charts");
  if (!source || typeof Chart === "undefined") return;
  var data = JSON.parse(source.textContent);
  var narrow = window.matchMedia("(max-width: 600px)").matches;
  var ACCENT = "#0b5cab";

  function number(value) {
    return Number(value).toLocaleString("vi-VN");
  }

  // "Cổng thông tin điện tử xã" -> ["Cổng thông tin", "điện tử xã"]: lines of whole words.
  function wrap(label, width) {
    var lines = [], line = "";
    String(label).split(" ").forEach(function (word) {
      if (line && (line + " " + word).length > width) {
        lines.push(line);
        line = word;
      } else {
        line = line ? line + " " + word : word;
      }
    });
    if (line) lines.push(line);
    return lines;
  }

  // Each bar's value written at its end, so that a phone needs no tooltip.
  var valueLabels = {
    id: "valueLabels",
    afterDatasetsDraw: function (chart) {
      var ctx = chart.ctx, horizontal = chart.options.indexAxis === "y";
      ctx.save();
      ctx.font = "600 13px " + Chart.defaults.font.family;
      ctx.fillStyle = "#1a1a1a";
      chart.getDatasetMeta(0).data.forEach(function (bar, i) {
        var text = number(chart.data.datasets[0].data[i]);
        if (horizontal) {
          ctx.textAlign = "left";
          ctx.textBaseline = "middle";
          ctx.fillText(text, bar.x + 4, bar.y);
        } else {
          ctx.textAlign = "center";
          ctx.textBaseline = "bottom";
          ctx.fillText(text, bar.x, bar.y - 2);
        }
      });
      ctx.restore();
    },
  };

  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.font.size = narrow ? 12 : 13;
  Chart.defaults.color = "#1a1a1a";

  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var series = data[canvas.dataset.chart];
    var horizontal = canvas.dataset.horizontal === "1";
    var unit = canvas.dataset.unit;
    var labels = horizontal
      ? series.labels.map(function (label) { return wrap(label, narrow ? 14 : 26); })
      : series.labels;
    if (horizontal) {
      // Room for every bar and its two-line label: the height follows the count.
      var perBar = narrow ? 42 : 34;
      canvas.parentElement.style.height = Math.max(140, series.labels.length * perBar + 36) + "px";
    }
    var valueAxis = {
      beginAtZero: true,
      grace: "12%",
      ticks: { precision: 0, maxTicksLimit: narrow ? 4 : 6, callback: number },
    };
    var labelAxis = { ticks: { autoSkip: false }, grid: { display: false } };
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: labels,
        datasets: [{ label: unit, data: series.values, backgroundColor: ACCENT, borderRadius: 3 }],
      },
      plugins: [valueLabels],
      options: {
        indexAxis: horizontal ? "y" : "x",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        layout: { padding: horizontal ? { right: 8 } : { top: 4 } },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              title: function (items) {
                var i = items[0].dataIndex;
                return (series.titles || series.labels)[i];
              },
              label: function (item) { return number(item.raw) + " " + unit; },
            },
          },
        },
        scales: horizontal ? { x: valueAxis, y: labelAxis } : { x: labelAxis, y: valueAxis },
      },
    });
  });
})();
