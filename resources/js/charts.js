// Draws the charts of a page from the data its table already shows; the
// table stays the accessible, no-JavaScript source of the same figures.
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js'

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip)

for (const canvas of document.querySelectorAll('canvas[data-chart]')) {
  const { labels, series } = JSON.parse(canvas.dataset.chart)
  new Chart(canvas, {
    type: 'bar',
    data: {
      labels,
      datasets: series.map((entry) => ({ label: entry.label, data: entry.values, backgroundColor: entry.color })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      indexAxis: labels.length > 6 ? 'y' : 'x',
      scales: { x: { ticks: { precision: 0 } }, y: { ticks: { precision: 0 } } },
    },
  })
}
