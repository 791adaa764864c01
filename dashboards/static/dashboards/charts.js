// The dashboards' charts (ECharts, vendored): data from a json_script element, one chart per [data-chart]
// element; every chart has its table beside it, and a button switches between the two views.
(function () {
  "use strict";
  var PALETTE = { red: "#c62828", amber: "#e0a100", green: "#2e7d32", blue: "#1565c0", grey: "#9e9e9e" };
  var OTHER = ["#1565c0", "#6a1b9a", "#00838f", "#ef6c00"];

  function readData() {
    var el = document.getElementById("dash-data") || document.getElementById("burden-data");
    return el ? JSON.parse(el.textContent) : null;
  }

  function option(spec, kind, words) {
    var series = spec.series.map(function (s, i) {
      var name = s.name || (words && words[s.color]) || s.color;
      var color = PALETTE[s.color] || OTHER[i % OTHER.length];
      var one = { name: name, type: kind === "trend" ? "line" : "bar", data: s.data, itemStyle: { color: color } };
      if (kind === "trend") { one.lineStyle = { color: color }; } else { one.stack = "all"; }
      return one;
    });
    var categoryAxis = { type: "category", data: spec.categories, axisLabel: { fontSize: 11, width: 110, overflow: "truncate" } };
    var valueAxis = { type: "value", minInterval: 1 };
    var sideways = kind !== "trend" && kind !== "columns";
    return {
      tooltip: { trigger: "axis" },
      legend: { top: 0, type: "scroll" },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: sideways ? valueAxis : categoryAxis,
      yAxis: sideways ? Object.assign({}, categoryAxis, { inverse: true }) : valueAxis,
      series: series
    };
  }

  function draw(el, data) {
    var key = el.getAttribute("data-chart");
    var kind = el.getAttribute("data-kind") || "bars";
    var spec = key === "burden" ? data : data[key];
    if (!spec || !spec.categories || !spec.categories.length) { return null; }
    if (kind === "bars") {
      el.classList.add("rows-" + Math.min(spec.categories.length, 15));
    }
    var chart = echarts.init(el);
    chart.setOption(option(spec, kind, data.words));
    return chart;
  }

  function toggle(button) {
    var table = document.getElementById(button.getAttribute("data-table"));
    var chart = document.getElementById(button.getAttribute("data-chart-id"));
    if (!table) { return; }
    var showTable = table.classList.contains("is-collapsed");
    table.classList.toggle("is-collapsed", !showTable);
    if (chart) { chart.hidden = showTable; }
    button.setAttribute("aria-expanded", showTable ? "true" : "false");
    button.textContent = button.getAttribute(showTable ? "data-label-chart" : "data-label-table");
  }

  var data = readData();
  var charts = [];
  if (data && typeof echarts !== "undefined") {
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var chart = draw(el, data);
      if (!chart) { return; }
      charts.push(chart);
      // with a chart drawn, its table waits behind the button: out of sight, still read by screen readers
      var button = document.querySelector("[data-chart-id='" + el.id + "']");
      var table = button && document.getElementById(button.getAttribute("data-table"));
      if (table) {
        table.classList.add("is-collapsed");
        button.setAttribute("aria-expanded", "false");
        button.textContent = button.getAttribute("data-label-table");
      }
    });
  }
  document.querySelectorAll("button.table-toggle").forEach(function (button) {
    button.addEventListener("click", function () {
      toggle(button);
      charts.forEach(function (c) { c.resize(); });
    });
  });
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll(".chart-table").forEach(function (t) { t.classList.remove("is-collapsed"); });
  });
})();
