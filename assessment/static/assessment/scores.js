// The office's result chart: each peer group's totals as a bar chart (data from a json_script element).
(function () {
  var el = document.getElementById("score-chart");
  var data = document.getElementById("score-data");
  if (!el || !data || typeof echarts === "undefined") { return; }
  var groups = JSON.parse(data.textContent).groups;
  var names = [], totals = [];
  Object.keys(groups).forEach(function (g) {
    groups[g].forEach(function (row) { names.push(row.name); totals.push(row.total); });
  });
  var chart = echarts.init(el);
  chart.setOption({
    tooltip: {}, grid: { left: 40, right: 10, bottom: 80 },
    xAxis: { type: "category", data: names, axisLabel: { rotate: 60, fontSize: 10 } },
    yAxis: { type: "value", min: 0, max: 105 },
    series: [{ type: "bar", data: totals }]
  });
  window.addEventListener("resize", function () { chart.resize(); });
})();
