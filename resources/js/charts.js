// Draws the charts of a page from the data its table already shows; the
// table stays the accessible, no-JavaScript source of the same figures.
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js'

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip)

for (const canvas of document.querySelectorAll('canvas[data-chart]')) {
  // axis and stacked are optional: a series by month reads left to right, its categories stacked
  const { labels, series, axis, stacked = false } = JSON.parse(canvas.dataset.chart)
  const narrow = window.matchMedia('(max-width: 40rem)').matches
  new Chart(canvas, {
    type: 'bar',
    data: {
      labels,
      datasets: series.map((entry) => ({ label: entry.label, data: entry.values, backgroundColor: entry.color })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      indexAxis: axis ?? (labels.length > 6 ? 'y' : 'x'),
      scales: { x: { stacked, ticks: { precision: 0 } }, y: { stacked, ticks: { precision: 0 } } },
      plugins: { legend: { position: narrow && series.length > 3 ? 'bottom' : 'top', labels: { boxWidth: narrow ? 12 : 40 } } },
    },
  })
}
