// Stacked bar chart of counts per month, drawn as SVG (no inline styles: colours come from the style sheet),
// with the same numbers in a table for screen readers and for copying.
const SVG = 'http://www.w3.org/2000/svg';
const PALETTE_SIZE = 8;

function svg(tag, attributes = {}) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) {
    node.setAttribute(name, String(value));
  }
  return node;
}

/**
 * @param figure  the <figure> to fill
 * @param title   its caption
 * @param points  [{month: 'yyyy-mm', series: name}], one per counted event
 */
export function drawMonthlyChart(figure, title, points, { empty, monthLabel }) {
  figure.replaceChildren();
  const caption = document.createElement('figcaption');
  caption.textContent = title;
  figure.append(caption);
  if (points.length === 0) {
    const p = document.createElement('p');
    p.textContent = empty;
    figure.append(p);
    return;
  }
  const months = [...new Set(points.map((p) => p.month))].sort();
  const series = [...new Set(points.map((p) => p.series))].sort();
  const counts = new Map();
  for (const p of points) {
    const key = p.month + '\u0000' + p.series;
    counts.set(key, (counts.get(key) || 0) + 1);
  }
  const count = (m, s) => counts.get(m + '\u0000' + s) || 0;
  const totals = months.map((m) => series.reduce((n, s) => n + count(m, s), 0));
  const max = Math.max(...totals);

  const width = 520;
  const height = 220;
  const left = 36;
  const bottom = 28;
  const top = 10;
  const plot = height - bottom - top;
  const band = (width - left - 8) / months.length;
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title, class: 'bars' });
  chart.append(svg('line', { x1: left, y1: top + plot, x2: width - 4, y2: top + plot, class: 'axis' }));
  for (const tick of [0, max]) {
    const y = top + plot - (plot * tick) / max;
    const label = svg('text', { x: left - 6, y: y + 4, 'text-anchor': 'end', class: 'tick' });
    label.textContent = String(tick);
    chart.append(label);
  }
  months.forEach((m, i) => {
    let y = top + plot;
    const barWidth = Math.min(band * 0.7, 56);
    const x = left + i * band + (band - barWidth) / 2;
    series.forEach((s, j) => {
      const n = count(m, s);
      if (n === 0) {
        return;
      }
      const h = (plot * n) / max;
      y -= h;
      const bar = svg('rect', { x, y, width: barWidth, height: h, class: 'series-' + (j % PALETTE_SIZE) });
      const tip = svg('title');
      tip.textContent = `${m} ${s}: ${n}`;
      bar.append(tip);
      chart.append(bar);
    });
    const label = svg('text', { x: x + barWidth / 2, y: height - 10, 'text-anchor': 'middle', class: 'tick' });
    label.textContent = m;
    chart.append(label);
  });
  figure.append(chart);

  const legend = document.createElement('ul');
  legend.className = 'legend';
  series.forEach((s, j) => {
    const item = document.createElement('li');
    const swatch = svg('svg', { width: 12, height: 12, 'aria-hidden': 'true' });
    swatch.append(svg('rect', { width: 12, height: 12, class: 'series-' + (j % PALETTE_SIZE) }));
    item.append(swatch, ' ' + s);
    legend.append(item);
  });
  figure.append(legend);

  const table = document.createElement('table');
  table.className = 'chart-data';
  const head = table.createTHead().insertRow();
  for (const text of [monthLabel, ...series]) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = text;
    head.append(th);
  }
  const body = table.createTBody();
  for (const m of months) {
    const row = body.insertRow();
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = m;
    row.append(th);
    for (const s of series) {
      const td = row.insertCell();
      td.className = 'num';
      td.textContent = String(count(m, s));
    }
  }
  figure.append(table);
}
