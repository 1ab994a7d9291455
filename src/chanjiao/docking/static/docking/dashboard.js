// Supply–demand dashboard charts (Chart.js served by the platform). Bars open the drill-down.
(function () {
  const source = document.getElementById("charts-data");
  if (!source || typeof Chart === "undefined") return;
  const data = JSON.parse(source.textContent);
  const red = "rgba(220, 38, 38, 0.75)";
  const blue = "rgba(37, 99, 235, 0.75)";
  const grey = "rgba(100, 116, 139, 0.8)";

  function bars(id, rows, colour) {
    const canvas = document.getElementById(id);
    if (!canvas || !rows.length) return;
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: rows.map((r) => r.label),
        datasets: [{ data: rows.map((r) => Math.abs(r.gap)), backgroundColor: colour }],
      },
      options: {
        indexAxis: "y",
        plugins: { legend: { display: false } },
        onClick: (event, elements) => {
          if (elements.length) window.location.href = rows[elements[0].index].url;
        },
        onHover: (event, elements) => {
          event.native.target.style.cursor = elements.length ? "pointer" : "default";
        },
      },
    });
  }

  function trend(id, rows) {
    const canvas = document.getElementById(id);
    if (!canvas || !rows.length) return;
    const labels = rows.map((r) => String(r.year));
    const forecastAt = rows.findIndex((r) => r.forecast !== null && r.forecast !== undefined && r.forecast > 0);
    const forecast = rows.map(() => null);
    if (forecastAt >= 0) {
      labels.push(String(rows[forecastAt].year + 1));
      forecast[forecastAt] = rows[forecastAt].demand;
      forecast.push(rows[forecastAt].forecast);
    }
    new Chart(canvas, {
      type: "line",
      data: {
        labels: labels,
        datasets: [
          { label: canvas.dataset.demand || "Seats posted", data: rows.map((r) => r.demand), borderColor: red, backgroundColor: red },
          { label: canvas.dataset.supply || "Expected graduates", data: rows.map((r) => r.supply), borderColor: blue, backgroundColor: blue },
          { label: canvas.dataset.forecast || "Forecast", data: forecast, borderColor: grey, borderDash: [6, 4], backgroundColor: grey },
        ],
      },
    });
  }

  function monthly(id, rows) {
    const canvas = document.getElementById(id);
    if (!canvas || !rows.length) return;
    new Chart(canvas, {
      type: "line",
      data: {
        labels: rows.map((r) => r.label),
        datasets: [{ label: canvas.dataset.seats || "Seats", data: rows.map((r) => r.seats), borderColor: red, pointRadius: 0 }],
      },
      options: { plugins: { legend: { display: false } } },
    });
  }

  bars("chart-shortages", data.shortages, red);
  bars("chart-surpluses", data.surpluses, blue);
  trend("chart-trend", data.trend);
  monthly("chart-monthly", data.monthly);
})();
