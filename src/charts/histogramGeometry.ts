/**
 * Geometry of the weight and pre-activation histograms, without a DOM.
 *
 * Bars show density, count / (total * binWidth), so their total area is the
 * fraction of values inside the bins and an exact density overlays on the same
 * scale. A point mass has no density; it is drawn as a spike whose height is
 * its probability on a second, right-hand axis. The bar of a bin that holds a
 * point mass is drawn on that axis too (as the bin's probability, outlined),
 * so it meets the spike's dot when the sample agrees with the distribution,
 * and the continuous part keeps a readable scale beside a mass of 0.9.
 */
import { curveMonotoneX, line, scaleLinear, type ScaleLinear } from 'd3';
import { bottomAxisLayout, sideAxisLayout, type BottomAxisLayout, type SideAxisLayout } from './axisLayout';
import { formatProbability, linearTickFormatter, px } from './format';
import { estimateTextWidth, placeLabels, thinTicks, wrapText, type LabelSpot, type TickLabel } from './labels';
import { chartType, frame, type ChartType, type Frame } from './theme';

export interface PointMass {
  x: number;
  p: number;
}

export interface HistogramInput {
  title: string;
  /** bin edges, one more than the bins; fixed by the caller so successive histograms are comparable */
  edges: ArrayLike<number>;
  counts: ArrayLike<number>;
  /** number of values, including those outside the bins */
  total: number;
  /** exact density of the continuous part, in probability-density units */
  density?: { x: number[]; y: number[] } | null;
  pointMasses?: readonly PointMass[];
  /** values below the first edge and above the last, which no bar shows */
  outOfRange?: { below: number; above: number };
  width: number;
  height: number;
  fontScale?: number;
  xLabel?: string;
  note?: string;
  /** further samples in the same bins, drawn over the bars, each in density units of its own total */
  overlays?: readonly HistogramOverlay[];
  /** what the bars are, for the key that names the overlays */
  barsLabel?: string;
  /** colour of the bars, for the key */
  barsColor?: string;
}

/** A second sample over the same bins (pattern units over all units, secret over other projections). */
export interface HistogramOverlay {
  label: string;
  color: string;
  counts: ArrayLike<number>;
  total: number;
  /** filled bars drawn over the main ones, or the outline of its bars */
  style: 'fill' | 'outline';
}

export interface OverlayGeometry {
  label: string;
  color: string;
  style: 'fill' | 'outline';
  bars: HistogramBar[];
  /** the outline of the bars as one path (style 'outline') */
  outline: string | null;
}

export interface KeyItem {
  x: number;
  /** text baseline (SVG coordinates) */
  y: number;
  label: string;
  color: string;
  style: 'bars' | 'fill' | 'outline';
}

export interface HistogramBar {
  /** bin edges in px (exact, before any inset for drawing) */
  x0: number;
  x1: number;
  /** top of the bar in px */
  y: number;
  count: number;
  probability: number;
  density: number;
  /** which axis gives the bar's height: density (left), or probability for a bin holding a point mass (right) */
  axis: 'density' | 'mass';
}

export interface SpikeGeometry {
  x: number;
  /** top of the spike, where the dot sits */
  y: number;
  p: number;
  label: string;
  labelSpot: LabelSpot | null;
}

export interface HistogramGeometry {
  frame: Frame;
  type: ChartType;
  x: ScaleLinear<number, number>;
  /** density scale (left axis) */
  y: ScaleLinear<number, number>;
  /** point-mass scale (right axis), when there are point masses */
  yMass: ScaleLinear<number, number> | null;
  xTicks: TickLabel[];
  /** empty when nothing continuous is shown (only point masses) */
  yTicks: TickLabel[];
  massTicks: TickLabel[];
  xAxis: BottomAxisLayout;
  yAxis: SideAxisLayout | null;
  massAxis: SideAxisLayout | null;
  bars: HistogramBar[];
  densityPath: string | null;
  spikes: SpikeGeometry[];
  /** title lines (baselines relative to the SVG top) */
  titleLines: { text: string; y: number }[];
  /** note lines under the x-axis (baselines relative to the SVG top) */
  noteLines: { text: string; y: number }[];
  dotRadius: number;
  overlays: OverlayGeometry[];
  /** names of bars and overlays, under the title; empty without overlays */
  key: KeyItem[];
  /** side of a key swatch */
  keySize: number;
}

/** Bin of `v` as metrics.histogram assigns it: [e_i, e_i+1), the last bin closed. -1 when outside. */
export function binIndex(edges: ArrayLike<number>, v: number): number {
  const bins = edges.length - 1;
  if (bins < 1 || !(v >= edges[0]!) || !(v <= edges[bins]!)) return -1;
  let lo = 0;
  let hi = bins;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (v >= edges[mid]!) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** The sentence about values no bar shows, or null when every value is inside. */
export function outOfRangeNote(
  outOfRange: { below: number; above: number } | undefined,
  total: number,
  lo: number,
  hi: number,
): string | null {
  if (!outOfRange) return null;
  const { below, above } = outOfRange;
  if (below + above <= 0) return null;
  const fmt = (v: number): string => String(Number(v.toPrecision(3)));
  const parts: string[] = [];
  if (below > 0) parts.push(`${below} below ${fmt(lo)}`);
  if (above > 0) parts.push(`${above} above ${fmt(hi)}`);
  const share = total > 0 ? ` (${(((below + above) / total) * 100).toPrecision(2)}%)` : '';
  return `Not drawn: ${parts.join(' and ')}${share}, outside the bins.`;
}

export function histogramGeometry(input: HistogramInput): HistogramGeometry {
  const type = chartType(input.fontScale);
  const edges = Array.from(input.edges);
  const counts = Array.from(input.counts);
  const bins = Math.max(0, Math.min(counts.length, edges.length - 1));
  const lo = edges[0] ?? 0;
  const hi = edges[bins] ?? lo + 1;
  const masses = (input.pointMasses ?? []).filter((m) => Number.isFinite(m.x) && m.p > 0);
  const total = input.total > 0 ? input.total : 0;

  // bars in data units; which bins hold a point mass
  const massBins = new Set(masses.map((m) => binIndex(edges, m.x)).filter((i) => i >= 0));
  const raw = counts.slice(0, bins).map((count, i) => {
    const width = edges[i + 1]! - edges[i]!;
    const probability = total > 0 ? count / total : 0;
    return { i, count, probability, density: width > 0 ? probability / width : 0, mass: massBins.has(i) };
  });

  const overlayRaw = (input.overlays ?? []).map((o) => {
    const oTotal = o.total > 0 ? o.total : 0;
    return Array.from({ length: bins }, (_, i) => {
      const count = o.counts[i] ?? 0;
      const width = edges[i + 1]! - edges[i]!;
      const probability = oTotal > 0 ? count / oTotal : 0;
      return { i, count, probability, density: width > 0 ? probability / width : 0, mass: massBins.has(i) };
    });
  });
  const everyBar = [...raw, ...overlayRaw.flat()];

  const xLo = Math.min(lo, ...masses.map((m) => m.x));
  const xHi = Math.max(hi, ...masses.map((m) => m.x));
  const densityPoints = (input.density?.x ?? [])
    .map((xv, i) => [xv, input.density!.y[i] ?? 0] as [number, number])
    .filter(([xv, yv]) => xv >= xLo && xv <= xHi && Number.isFinite(yv));
  const continuousTop = Math.max(
    0,
    ...everyBar.filter((b) => !b.mass).map((b) => b.density),
    ...densityPoints.map((d) => d[1]),
  );
  const continuous = continuousTop > 0 || densityPoints.length > 0;
  const massTop = Math.max(0, ...masses.map((m) => m.p), ...everyBar.filter((b) => b.mass).map((b) => b.probability));

  // vertical layout: title lines and the key on top; x-axis and notes below
  const titleLines0 = wrapText(input.title, Math.max(40, input.width - type.gap * 2), type.title);
  const titleLineHeight = type.title * 1.25;
  const keySize = type.small * 0.85;
  const keyEntries: Omit<KeyItem, 'x' | 'y'>[] = input.overlays?.length
    ? [
        { label: input.barsLabel ?? 'all', color: input.barsColor ?? '#888888', style: 'bars' as const },
        ...input.overlays.map((o) => ({ label: o.label, color: o.color, style: o.style })),
      ]
    : [];
  const keyRow = type.small * 1.45;
  const keyTop = titleLines0.length * titleLineHeight + type.gap;
  const key: KeyItem[] = [];
  let kx = type.gap;
  let krow = 0;
  for (const e of keyEntries) {
    const w = keySize + type.gap + estimateTextWidth(e.label, type.small) + type.gap * 3;
    if (kx > type.gap && kx + w > input.width) {
      krow++;
      kx = type.gap;
    }
    key.push({ ...e, x: px(kx), y: px(keyTop + type.small + krow * keyRow) });
    kx += w;
  }
  const keyHeight = key.length ? (krow + 1) * keyRow : 0;
  const top = titleLines0.length * titleLineHeight + keyHeight + type.gap + type.small * 0.6;
  const xAxis = bottomAxisLayout(type, true);
  const notes = [outOfRangeNote(input.outOfRange, input.total, lo, hi), input.note ?? null].filter(
    (n): n is string => !!n,
  );
  const noteLines0 = notes.flatMap((n) => wrapText(n, Math.max(40, input.width - type.gap * 2), type.small));
  const noteLineHeight = type.small * 1.3;
  const bottom = xAxis.height + noteLines0.length * noteLineHeight;
  // Titles, keys and notes come first; the chart grows taller rather than squash the plot below a readable height.
  const innerHeight = Math.max(type.small * 6, input.height - top - bottom);
  const height = top + innerHeight + bottom;
  const tickCount = Math.max(2, Math.min(6, Math.floor(innerHeight / (type.small * 2.5))));

  const y = scaleLinear()
    .domain([0, continuous && continuousTop > 0 ? continuousTop * 1.08 : 1])
    .range([innerHeight, 0])
    .nice(tickCount);
  const yValues = continuous ? y.ticks(tickCount) : [];
  const yFormat = linearTickFormatter(yValues);
  const yLabels = yValues.map((v) => yFormat(v));
  const yAxis = continuous ? sideAxisLayout(yLabels, type, true) : null;

  const yMass = masses.length
    ? scaleLinear()
        // headroom above the tallest spike for its probability label
        .domain([0, Math.min(1, massTop * 1.3)])
        .range([innerHeight, 0])
        .nice(tickCount)
    : null;
  const massValues = yMass ? yMass.ticks(tickCount) : [];
  const massFormat = linearTickFormatter(massValues);
  const massLabels = massValues.map((v) => massFormat(v));
  const massAxis = yMass ? sideAxisLayout(massLabels, type, true) : null;

  const xValues0 = scaleLinear().domain([xLo, xHi]).ticks(8);
  const xLabelHalf =
    Math.max(0, ...xValues0.map((v) => estimateTextWidth(linearTickFormatter(xValues0)(v), type.small))) / 2;
  const f = frame(input.width, height, {
    left: yAxis ? yAxis.width : Math.max(type.gap * 2, xLabelHalf + 2),
    top,
    right: massAxis ? massAxis.width : Math.max(type.gap * 2, xLabelHalf + 2),
    bottom,
  });

  const x = scaleLinear().domain([xLo, xHi]).range([0, f.innerWidth]);
  const xValues = x.ticks(Math.max(2, Math.min(10, Math.floor(f.innerWidth / (type.small * 5)))));
  const xFormat = linearTickFormatter(xValues);
  const xTicks = thinTicks(
    xValues.map((v) => ({ value: v, pos: x(v), label: xFormat(v) })),
    (t) => estimateTextWidth(t.label, type.small),
    type.small,
  );
  const vertical = (t: TickLabel): number => (t.label ? type.small : 0);
  const yTicks = thinTicks(
    yValues.map((v, i) => ({ value: v, pos: y(v), label: yLabels[i]! })),
    vertical,
    type.small * 0.4,
  );
  const massTicks = yMass
    ? thinTicks(
        massValues.map((v, i) => ({ value: v, pos: yMass(v), label: massLabels[i]! })),
        vertical,
        type.small * 0.4,
      )
    : [];

  const toBar = (b: (typeof raw)[number]): HistogramBar => ({
    x0: px(x(edges[b.i]!)),
    x1: px(x(edges[b.i + 1]!)),
    // bars taller than the axis (a spike the caller gave no point mass for) stop at the top
    y: px(Math.max(0, b.mass && yMass ? yMass(b.probability) : y(b.density))),
    count: b.count,
    probability: b.probability,
    density: b.density,
    axis: b.mass && yMass ? 'mass' : 'density',
  });
  const bars = raw.map(toBar);
  const overlays = (input.overlays ?? []).map((o, k): OverlayGeometry => {
    const obars = overlayRaw[k]!.map(toBar);
    const outline =
      o.style === 'outline' && obars.length
        ? `M${obars[0]!.x0},${px(innerHeight)}` + obars.map((b) => `V${b.y}H${b.x1}`).join('') + `V${px(innerHeight)}`
        : null;
    return { label: o.label, color: o.color, style: o.style, bars: obars, outline };
  });

  const yTop = y.domain()[1]!;
  const densityPath = densityPoints.length
    ? (line<[number, number]>()
        .x((d) => px(x(d[0])))
        .y((d) => px(y(Math.min(yTop, d[1]))))
        .curve(curveMonotoneX)
        .digits(2)(densityPoints) ?? null)
    : null;

  const dotRadius = type.small * 0.35;
  const spikeXY = masses.map((m) => ({ x: px(x(m.x)), y: px(yMass ? yMass(m.p) : 0), p: m.p }));
  const spikeLabels = spikeXY.map((s) => `p = ${formatProbability(s.p)}`);
  const avoidDots = spikeXY.map((s) => ({
    left: s.x - dotRadius,
    right: s.x + dotRadius,
    top: s.y - dotRadius,
    bottom: s.y + dotRadius,
  }));
  const spots = placeLabels(
    spikeXY.map((s, i) => ({
      text: spikeLabels[i]!,
      fontSize: type.small,
      candidates: [
        { x: s.x, y: s.y - dotRadius - type.gap - type.small * 0.3, anchor: 'middle' as const },
        { x: s.x + dotRadius + type.gap, y: s.y + type.small * 0.35, anchor: 'start' as const },
        { x: s.x - dotRadius - type.gap, y: s.y + type.small * 0.35, anchor: 'end' as const },
        { x: s.x + dotRadius + type.gap, y: s.y + type.small * 1.6, anchor: 'start' as const },
        { x: s.x - dotRadius - type.gap, y: s.y + type.small * 1.6, anchor: 'end' as const },
      ].map((c) => ({ ...c, x: px(c.x), y: px(c.y) })),
    })),
    // labels may rise into the top margin, below the title
    { left: -f.left, top: -type.small * 0.6, right: f.innerWidth + f.right, bottom: f.innerHeight },
    avoidDots,
  );
  const spikes = spikeXY.map((s, i): SpikeGeometry => ({ ...s, label: spikeLabels[i]!, labelSpot: spots[i] ?? null }));

  const titleLines = titleLines0.map((text, i) => ({ text, y: px(type.title + i * titleLineHeight) }));
  const notesTop = f.top + f.innerHeight + xAxis.height;
  const noteLines = noteLines0.map((text, i) => ({ text, y: px(notesTop + type.small * 0.9 + i * noteLineHeight) }));

  return {
    frame: f,
    type,
    x,
    y,
    yMass,
    xTicks,
    yTicks,
    massTicks,
    xAxis,
    yAxis,
    massAxis,
    bars,
    densityPath,
    spikes,
    titleLines,
    noteLines,
    dotRadius,
    overlays,
    key,
    keySize,
  };
}
