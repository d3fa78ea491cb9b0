/**
 * A chart panel as one standalone SVG figure: a title, the panel's charts as
 * drawn (the small multiples in their grid), its legend, and in small type at
 * the foot the permalink that reproduces it. Standalone: styles inlined, a
 * font stack that ends in a generic family, no external reference, valid XML
 * with an xmlns and a viewBox.
 *
 * The figure is as wide as the charts on screen, so a PNG at twice its size is
 * at twice the on-screen size of the charts.
 */
import { estimateTextWidth, wrapText } from '../charts/labels';
import { INK } from '../charts/palette';
import { FONT_FAMILY } from '../charts/theme';
import { inlineComputedStyles } from './inlineStyles';

const SVG_NS = 'http://www.w3.org/2000/svg';
/** Families an editor without the system UI font will still find, before the generic one. */
const FIGURE_FONT = FONT_FAMILY.replace(/sans-serif$/, '"DejaVu Sans", Arial, sans-serif');

export interface FigureText {
  title: string;
  /** a line under the title: what was trained, how far */
  subtitle: string;
  permalink: string;
}

export interface Figure {
  svg: string;
  width: number;
  height: number;
}

const TITLE_SIZE = 16;
const SUBTITLE_SIZE = 12;
const LEGEND_SIZE = 12;
const FOOT_SIZE = 9;
/** Vertical space between the parts. */
const PAD = 12;
/** Texts start here; the charts keep their own margins, so the figure is exactly as wide as they are. */
const TEXT_X = 4;

function el<K extends keyof SVGElementTagNameMap>(
  name: K,
  attrs: Record<string, string | number>,
  text?: string,
): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

/** The charts of a panel: its SVG images, not the swatches in a legend (those are aria-hidden). */
export function panelCharts(panel: Element): SVGSVGElement[] {
  return [...panel.querySelectorAll<SVGSVGElement>('svg[role="img"]')].filter((s) => {
    const r = s.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  });
}

/** The on-screen box the panel's charts cover together. */
export function chartsBox(charts: readonly Element[]): { left: number; top: number; width: number; height: number } {
  const rects = charts.map((c) => c.getBoundingClientRect());
  const left = Math.min(...rects.map((r) => r.left));
  const top = Math.min(...rects.map((r) => r.top));
  const right = Math.max(...rects.map((r) => r.right));
  const bottom = Math.max(...rects.map((r) => r.bottom));
  return { left, top, width: right - left, height: bottom - top };
}

/** A chart's copy, taken at the click: the snapshot the figure is made of. */
interface ChartSnapshot {
  chart: SVGSVGElement;
  clone: SVGSVGElement;
  rect: DOMRect;
}

/** The copy with inlined styles and without what only the page needs (focus, pointer targets, hover read-out). */
async function chartGroup({ chart, clone }: ChartSnapshot): Promise<SVGGElement> {
  await inlineComputedStyles(chart, clone);
  for (const extra of clone.querySelectorAll('.pointer-target, .readout')) extra.remove();
  const g = el('g', { class: chart.getAttribute('class') ?? 'chart' });
  const label = chart.getAttribute('aria-label');
  if (label) g.setAttribute('aria-label', label);
  const style = clone.getAttribute('style');
  if (style) g.setAttribute('style', style);
  // The figure names the chart's font with fallbacks; the chart's own attribute would hide them.
  for (const attr of ['font-size', 'fill', 'stroke'])
    if (clone.hasAttribute(attr)) g.setAttribute(attr, clone.getAttribute(attr)!);
  while (clone.firstChild) g.appendChild(clone.firstChild);
  return g;
}

interface LegendRow {
  swatch: { color: string; dash: string | null } | null;
  cells: string[];
}

/** The rows of an HTML legend table (the loss chart's), with each row's colour swatch. */
export function legendRows(panel: Element): { header: string[]; rows: LegendRow[]; notes: string[] } | null {
  const table = panel.querySelector('table');
  if (!table) return null;
  const text = (c: Element): string => (c.textContent ?? '').replace(/\s+/g, ' ').trim();
  const header = [...table.querySelectorAll('thead th')].map((th) => (th.querySelector('svg, span') ? '' : text(th)));
  const rows = [...table.querySelectorAll('tbody tr')].map((tr) => {
    const cells = [...tr.children];
    const line = cells[0]?.querySelector('line');
    const swatch = line
      ? { color: line.getAttribute('stroke') ?? INK.text, dash: line.getAttribute('stroke-dasharray') }
      : null;
    return { swatch, cells: cells.slice(line ? 1 : 0).map(text) };
  });
  const notes = [...(table.parentElement?.querySelectorAll(':scope > p') ?? [])].map(text).filter(Boolean);
  return { header: header.slice(rows[0]?.swatch ? 1 : 0), rows, notes };
}

function legendGroup(
  legend: NonNullable<ReturnType<typeof legendRows>>,
  top: number,
): { g: SVGGElement; width: number; height: number } {
  const g = el('g', { class: 'legend', 'font-size': LEGEND_SIZE, fill: INK.text });
  const swatchW = LEGEND_SIZE * 2;
  const gap = LEGEND_SIZE;
  const columns = Math.max(legend.header.length, ...legend.rows.map((r) => r.cells.length));
  const widths = Array.from({ length: columns }, (_, c) =>
    Math.max(
      estimateTextWidth(legend.header[c] ?? '', LEGEND_SIZE),
      ...legend.rows.map((r) => estimateTextWidth(r.cells[c] ?? '', LEGEND_SIZE)),
    ),
  );
  const xs = widths.reduce<number[]>(
    (acc, _, c) => [...acc, c === 0 ? swatchW + gap : acc[c - 1]! + widths[c - 1]! + gap],
    [],
  );
  const lineH = LEGEND_SIZE * 1.5;
  let y = top + LEGEND_SIZE;
  if (legend.header.some((h) => h !== '')) {
    legend.header.forEach((h, c) => g.appendChild(el('text', { x: xs[c]!, y, fill: INK.axis }, h)));
    y = round(y + lineH);
  }
  for (const row of legend.rows) {
    if (row.swatch) {
      const attrs: Record<string, string | number> = {
        x1: 0,
        x2: swatchW,
        y1: y - LEGEND_SIZE * 0.35,
        y2: y - LEGEND_SIZE * 0.35,
        stroke: row.swatch.color,
        'stroke-width': 3,
      };
      if (row.swatch.dash) attrs['stroke-dasharray'] = row.swatch.dash;
      g.appendChild(el('line', attrs));
    }
    row.cells.forEach((cell, c) => g.appendChild(el('text', { x: xs[c]!, y }, cell)));
    y = round(y + lineH);
  }
  for (const note of legend.notes) {
    g.appendChild(el('text', { x: 0, y, fill: INK.axis }, note));
    y = round(y + lineH);
  }
  const width = (xs[columns - 1] ?? 0) + (widths[columns - 1] ?? 0);
  return { g, width, height: y - top - LEGEND_SIZE + LEGEND_SIZE * 0.5 };
}

/** A long URL broken where a reader expects it (after '&' and '?'), to fit the width. */
export function wrapUrl(url: string, maxWidth: number, fontSize: number): string[] {
  const pieces = url.split(/(?<=[?&])/);
  const lines: string[] = [];
  let line = '';
  for (const piece of pieces) {
    if (line && estimateTextWidth(line + piece, fontSize) > maxWidth) {
      lines.push(line);
      line = piece;
    } else line += piece;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * Builds the figure from the panel as it is drawn at the call: the charts,
 * their positions and the legend are copied at once; the styles are then
 * read in slices (inlineStyles.ts), so a large panel does not hold up the
 * page while a run trains.
 */
export async function buildFigure(panel: Element, text: FigureText): Promise<Figure | null> {
  const start = performance.now();
  const charts = panelCharts(panel);
  if (charts.length === 0) return null;
  const box = chartsBox(charts);
  const legend = legendRows(panel);
  const snapshots: ChartSnapshot[] = charts.map((chart) => ({
    chart,
    clone: chart.cloneNode(true) as SVGSVGElement,
    rect: chart.getBoundingClientRect(),
  }));
  performance.measure('nwl-export:snapshot', { start, end: performance.now() });

  const body = el('g', { class: 'figure' });
  let y = PAD;
  const titleLines = wrapText(text.title, Math.max(100, box.width - TEXT_X * 2), TITLE_SIZE);
  for (const line of titleLines) {
    y = round(y + TITLE_SIZE);
    body.appendChild(el('text', { x: TEXT_X, y, 'font-size': TITLE_SIZE, 'font-weight': 700, fill: INK.text }, line));
    y = round(y + TITLE_SIZE * 0.3);
  }
  for (const line of wrapText(text.subtitle, Math.max(100, box.width - TEXT_X * 2), SUBTITLE_SIZE)) {
    y = round(y + SUBTITLE_SIZE * 1.2);
    body.appendChild(el('text', { x: TEXT_X, y, 'font-size': SUBTITLE_SIZE, fill: INK.axis }, line));
  }
  y += PAD * 0.75;

  const chartsTop = y;
  for (const snapshot of snapshots) {
    const r = snapshot.rect;
    const g = await chartGroup(snapshot);
    g.setAttribute('transform', `translate(${round(r.left - box.left)},${round(chartsTop + r.top - box.top)})`);
    body.appendChild(g);
  }
  y = round(chartsTop + box.height + PAD * 0.75);

  let width = box.width;
  if (legend && legend.rows.length > 0) {
    const l = legendGroup(legend, y);
    l.g.setAttribute('transform', `translate(${TEXT_X},0)`);
    body.appendChild(l.g);
    width = Math.max(width, l.width + TEXT_X * 2);
    y += l.height + PAD * 0.5;
  }

  for (const line of wrapUrl(text.permalink, width - TEXT_X * 2, FOOT_SIZE)) {
    y = round(y + FOOT_SIZE * 1.25);
    body.appendChild(el('text', { x: TEXT_X, y, class: 'permalink', 'font-size': FOOT_SIZE, fill: INK.axis }, line));
  }
  y += PAD;

  const assemble = performance.now();
  const w = Math.ceil(width);
  const h = Math.ceil(y);
  // createElementNS gives the root its xmlns when serialised; setting it as an attribute too would write it twice.
  const svg = el('svg', {
    width: w,
    height: h,
    viewBox: `0 0 ${w} ${h}`,
    'font-family': FIGURE_FONT,
  });
  svg.appendChild(el('title', {}, text.title));
  svg.appendChild(el('rect', { width: w, height: h, fill: '#ffffff' }));
  svg.appendChild(body);
  const xml = new XMLSerializer().serializeToString(svg);
  performance.measure('nwl-export:assemble', { start: assemble, end: performance.now() });
  return { svg: `<?xml version="1.0" encoding="UTF-8"?>\n${xml}\n`, width: w, height: h };
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}
