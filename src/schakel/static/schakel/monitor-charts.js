// Monitor charts: draws each <figure data-schakel-chart="ID"> from the JSON in <script id="ID">
// (made by monitor/charts.py from the published tables). The table with the same numbers is
// always on the page; the chart only adds a picture. A value of null is a number we do not
// show ("<5" or "x"): it stays a gap, labelled with its text, never a bar or a point.
(function () {
  "use strict";
  if (!window.Chart) {
    return;
  }
  var Chart = window.Chart;
  // Dark enough for 3:1 against white, and told apart by dash and point shape as well. The
  // three lists have different lengths, so no two of the first lines look the same.
  var COLOURS = ["#1a4f8a", "#a23b00", "#1b6b35", "#6a2c85", "#4d4d4d", "#7a5a00", "#005f73", "#8a1c4a"];
  var DASHES = [[], [8, 4], [2, 3], [10, 3, 2, 3], [4, 4]];
  var POINTS = ["circle", "triangle", "rect", "rectRot", "crossRot", "star", "rectRounded"];
  Chart.defaults.color = "#1a1a1a";
  Chart.defaults.font.size = 14;

  function hatch(colour) {
    var tile = document.createElement("canvas");
    tile.width = 8;
    tile.height = 8;
    var context = tile.getContext("2d");
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, 8, 8);
    context.strokeStyle = colour;
    context.lineWidth = 2;
    context.beginPath();
    context.moveTo(0, 8);
    context.lineTo(8, 0);
    context.moveTo(-2, 2);
    context.lineTo(2, -2);
    context.moveTo(6, 10);
    context.lineTo(10, 6);
    context.stroke();
    return context.createPattern(tile, "repeat");
  }

  // Writes "<5" or "x" where a value is not shown, at the foot of the chart.
  var hiddenMarkers = {
    id: "schakelHiddenMarkers",
    afterDatasetsDraw: function (chart) {
      var context = chart.ctx;
      var area = chart.chartArea;
      context.save();
      context.font = "bold 13px sans-serif";
      context.textAlign = "center";
      context.textBaseline = "bottom";
      chart.data.datasets.forEach(function (dataset, datasetIndex) {
        var meta = chart.getDatasetMeta(datasetIndex);
        if (meta.hidden) {
          return;
        }
        dataset.data.forEach(function (value, index) {
          var element = meta.data[index];
          if (value !== null || !element || !dataset.shown[index]) {
            return;
          }
          var lift = chart.config.type === "line" ? 16 * datasetIndex : 0;
          context.fillStyle = dataset.markerColour;
          context.fillText(dataset.shown[index], element.x, area.bottom - 2 - lift);
        });
      });
      context.restore();
    },
  };

  function datasets(spec) {
    return spec.series.map(function (series, index) {
      var colour = COLOURS[index % COLOURS.length];
      var common = {
        label: series.label,
        data: series.values,
        shown: series.shown,
        markerColour: colour,
        borderColor: colour,
        borderWidth: 2,
      };
      if (spec.type === "line") {
        common.backgroundColor = colour;
        common.borderDash = DASHES[index % DASHES.length];
        common.pointStyle = POINTS[index % POINTS.length];
        common.pointRadius = 5;
        common.spanGaps = false;
      } else {
        // Two years side by side: the earlier one hatched, the later one solid.
        var solid = index === spec.series.length - 1;
        common.backgroundColor = solid ? colour : hatch(colour);
      }
      return common;
    });
  }

  function draw(figure) {
    var source = document.getElementById(figure.getAttribute("data-schakel-chart"));
    var canvas = figure.querySelector("canvas");
    if (!source || !canvas) {
      return;
    }
    var spec = JSON.parse(source.textContent);
    figure.hidden = false;
    new Chart(canvas, {
      type: spec.type,
      data: { labels: spec.labels, datasets: datasets(spec) },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        layout: { padding: { top: 8 } },
        scales: {
          y: {
            beginAtZero: true,
            ticks: { precision: 0 },
            title: { display: true, text: spec.axis },
          },
        },
        plugins: {
          legend: { labels: { usePointStyle: spec.type === "line" } },
          tooltip: {
            callbacks: {
              label: function (item) {
                return item.dataset.label + ": " + item.dataset.shown[item.dataIndex];
              },
            },
          },
        },
      },
      plugins: [hiddenMarkers],
    });
    figure.setAttribute("data-drawn", "true");
  }

  document.querySelectorAll("figure[data-schakel-chart]").forEach(draw);
})();
