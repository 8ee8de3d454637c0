const WIDTH = 640
const HEIGHT = 220
const PAD = 32
const COLOURS = ['#1f5fa8', '#b5452b', '#2f7d32', '#7a4ea3', '#a66b00']

function escapeXml(text: string) {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/**
 * A server-drawn SVG line chart of overall scores (1–5) by month, one line per
 * series (at most five): no script, readable by screen readers through its title and the table beside it.
 */
export function trendSvg(title: string, months: string[], series: { label: string; points: Map<string, number> }[]) {
  if (!months.length || !series.length) return ''
  const x = (index: number) => PAD + (months.length === 1 ? (WIDTH - 2 * PAD) / 2 : (index * (WIDTH - 2 * PAD)) / (months.length - 1))
  const y = (score: number) => HEIGHT - PAD - ((score - 1) / 4) * (HEIGHT - 2 * PAD)
  const grid = [1, 2, 3, 4, 5]
    .map((score) => `<line x1="${PAD}" x2="${WIDTH - PAD}" y1="${y(score)}" y2="${y(score)}" stroke="#ddd"/><text x="4" y="${y(score) + 4}" font-size="11">${score}</text>`)
    .join('')
  const labels = months.map((month, index) => `<text x="${x(index)}" y="${HEIGHT - 8}" font-size="11" text-anchor="middle">${month.slice(5)}.${month.slice(0, 4)}</text>`).join('')
  const lines = series
    .slice(0, COLOURS.length)
    .map((line, index) => {
      const points = months.flatMap((month, at) => (line.points.has(month) ? [`${x(at)},${y(line.points.get(month)!)}`] : []))
      return `<polyline fill="none" stroke="${COLOURS[index]}" stroke-width="2" points="${points.join(' ')}"><title>${escapeXml(line.label)}</title></polyline>`
    })
    .join('')
  const legend = series
    .slice(0, COLOURS.length)
    .map((line, index) => `<text x="${PAD + 4}" y="${14 + index * 13}" font-size="11" fill="${COLOURS[index]}">● ${escapeXml(line.label)}</text>`)
    .join('')
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeXml(title)}" class="chart"><title>${escapeXml(title)}</title>${grid}${labels}${lines}${legend}</svg>`
}
