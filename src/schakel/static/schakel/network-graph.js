// Context network: draws <figure data-network-graph="ID"> with cytoscape.js from the JSON in
// <script id="ID" type="application/json"> (made by network/selectors.py). The list of groups
// on the same page says the same in words; the drawing only adds a picture, so the figure stays
// hidden when this script or cytoscape.js does not run. No inline script: the page's
// Content-Security-Policy allows only Schakel's own files.
(function () {
  "use strict";
  if (!window.cytoscape) {
    return;
  }
  // Dark enough for 3:1 against white; kinds also differ by shape (the caption names them).
  var CASE = "#1a4f8a";
  var SIGNAL = "#a23b00";
  var ENTITY = "#ffffff";
  var LINE = "#4d4d4d";
  var TEXT = "#1a1a1a";

  function draw(figure) {
    var source = document.getElementById(figure.getAttribute("data-network-graph"));
    var container = figure.querySelector("#network-graph");
    if (!source || !container) {
      return;
    }
    var data = JSON.parse(source.textContent);
    var elements = [];
    data.nodes.forEach(function (node) {
      elements.push({ group: "nodes", data: node });
    });
    data.edges.forEach(function (edge) {
      elements.push({ group: "edges", data: edge });
    });
    figure.hidden = false; // shown before drawing: cytoscape needs the container's size
    var graph = window.cytoscape({
      container: container,
      elements: elements,
      userZoomingEnabled: true,
      boxSelectionEnabled: false,
      autoungrabify: false,
      style: [
        {
          selector: "node",
          style: {
            shape: "data(shape)",
            label: "data(label)",
            "background-color": ENTITY,
            "border-color": TEXT,
            "border-width": 2,
            color: TEXT,
            "font-size": 16,
            "text-valign": "bottom",
            "text-margin-y": 4,
            "text-wrap": "ellipsis",
            "text-max-width": 160,
            "text-background-color": "#ffffff",
            "text-background-opacity": 0.85,
            "text-background-padding": 2,
            width: 26,
            height: 26,
          },
        },
        {
          selector: 'node[kind = "case"]',
          style: { "background-color": CASE, "border-color": CASE },
        },
        {
          selector: 'node[kind = "signal"]',
          style: { "background-color": SIGNAL, "border-color": SIGNAL },
        },
        // An entity that connects more young people is drawn a little larger.
        {
          selector: "node[degree >= 2]",
          style: {
            width: "mapData(degree, 2, 8, 32, 48)",
            height: "mapData(degree, 2, 8, 32, 48)",
            "border-width": 3,
          },
        },
        { selector: "edge", style: { width: 2, "line-color": LINE, "curve-style": "straight" } },
        { selector: "node:selected", style: { "border-width": 4, "border-color": "#000000" } },
      ],
      layout: {
        name: "cose",
        animate: false,
        padding: 24,
        nodeDimensionsIncludeLabels: true,
        idealEdgeLength: 90,
        nodeRepulsion: 20000,
        componentSpacing: 80,
      },
    });
    graph.on("tap", "node", function (event) {
      var href = event.target.data("href");
      if (href && href.charAt(0) === "/") {
        window.location.assign(href);
      }
    });
    container.setAttribute("data-drawn", String(graph.nodes().length));
  }

  function start() {
    var figures = document.querySelectorAll("[data-network-graph]");
    Array.prototype.forEach.call(figures, draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
