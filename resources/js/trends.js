// Trend charts of the ratings and media pages: lines of places over editions
// (place 1 on top) and stacked bars of publications by tone. The tables next
// to each chart carry the same figures for screen readers and without JS.
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js'

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip)

const PALETTE = ['#0b4f8a', '#a4161a', '#2d6a4f', '#7b2cbf', '#b85c00', '#3a506b', '#6a994e', '#9d0208']

for (const canvas of document.querySelectorAll('canvas[data-trend]')) {
  const { kind, labels, series, reverse } = JSON.parse(canvas.dataset.trend)
  const line = kind === 'line'
  new Chart(canvas, {
    type: line ? 'line' : 'bar',
    data: {
      labels,
      datasets: series.map((entry, index) => ({
        label: entry.label,
        data: entry.values,
        borderColor: entry.color || PALETTE[index % PALETTE.length],
        backgroundColor: entry.color || PALETTE[index % PALETTE.length],
        spanGaps: false,
        tension: 0.2,
      })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      scales: {
        x: { stacked: !line },
        y: { stacked: !line, reverse: !!reverse, ticks: { precision: 0 }, beginAtZero: !line },
      },
    },
  })
}
