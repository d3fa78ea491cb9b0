/**
 * Geometry of the bit-influence views (docs/science.md 2.6), without a DOM: a bar
 * per hidden bit at one snapshot, the secret bits marked and the teacher's
 * own influence drawn as a reference outline; and the course over the
 * snapshots as a bits x steps heatmap, secret bits on top.
 */
import { interpolateBlues, rgb, scaleBand, scaleLinear } from 'd3';
import { bottomAxisLayout, sideAxisLayout, type BottomAxisLayout, type SideAxisLayout } from './axisLayout';
import { formatStepLong, formatStepShort, linearTickFormatter, px } from './format';
import { heatLevel, heatPaths, levelValue } from './heatPaths';
import { estimateTextWidth, fitText, thinTicks, wrapText, type TickLabel } from './labels';
import { chartType, frame, type ChartType, type Frame } from './theme';

/** Influence values at or above this take the darkest colour (the teacher's influence of a parity bit is 1). */
export const INFLUENCE_TOP = 1;

/** Colour of an influence on the heatmap: white-ish at 0, dark blue at 1 (monotone in lightness). */
export function influenceColor(v: number): string {
  const t = Number.isFinite(v) ? Math.min(1, Math.max(0, v / INFLUENCE_TOP)) : 0;
  return rgb(interpolateBlues(0.04 + 0.96 * t)).formatHex();
}

const fmt = (v: number): string => v.toFixed(2);

// ---------------------------------------------------------------- bars

export interface InfluenceBarsInput {
  title: string;
  /** Inf_j of the student, one per bit */
  values: readonly number[];
  /** the secret bits S, or null (ksat: no secret) */
  secret: readonly number[] | null;
  /** the teacher's influence, one per bit, or null (random labels: none) */
  reference: readonly number[] | null;
  /** the snapshot's step, for the accessible name */
  step: number | null;
  width: number;
  height: number;
  fontScale?: number;
}

export interface InfluenceBar {
  bit: number;
  x: number;
  width: number;
  y: number;
  height: number;
  value: number;
  secret: boolean;
}

export interface InfluenceBarsGeometry {
  frame: Frame;
  type: ChartType;
  bars: InfluenceBar[];
  /** the teacher's influence as one outline path (bars of the reference), '' when there is none */
  reference: string;
  /** triangles under the secret bits, below the x-axis */
  marks: { x: number; y: number; bit: number }[];
  markSize: number;
  xTicks: TickLabel[];
  yTicks: TickLabel[];
  xAxis: BottomAxisLayout;
  yAxis: SideAxisLayout;
  titleLines: { text: string; y: number }[];
  key: { x: number; y: number; text: string; kind: 'secret' | 'other' | 'reference' }[];
  keySize: number;
}

/** What the bars show, in a sentence. */
export function influenceBarsLabel(
  input: Pick<InfluenceBarsInput, 'title' | 'values' | 'secret' | 'reference' | 'step'>,
): string {
  const d = input.values.length;
  const at = input.step === null ? '' : ` at step ${formatStepLong(input.step)}`;
  const secret = input.secret ?? [];
  const inS = new Set(secret);
  const parts = [`${input.title}: influence of each of ${d} hidden bits on the student${at}`];
  if (secret.length) {
    parts.push(`secret bits ${secret.map((j) => `${j} (${fmt(input.values[j] ?? 0)})`).join(', ')}`);
  }
  let best = -1;
  input.values.forEach((v, j) => {
    if (!inS.has(j) && (best < 0 || v > input.values[best]!)) best = j;
  });
  if (best >= 0) parts.push(`largest ${secret.length ? 'other ' : ''}bit ${best} (${fmt(input.values[best]!)})`);
  if (input.reference) {
    const ref = input.reference;
    const exact = secret.length > 0 && ref.every((v, j) => (inS.has(j) ? v === 1 : v === 0));
    parts.push(
      exact
        ? "the teacher's influence, drawn as an outline, is 1 on the secret bits and 0 elsewhere"
        : `the teacher's influence, drawn as an outline, ranges from ${fmt(Math.min(...ref))} to ${fmt(Math.max(...ref))}`,
    );
  } else parts.push('no teacher reference (the labels are not a function of the inputs)');
  return `${parts.join('; ')}.`;
}

const KEY_TEXT = { secret: 'secret bit', other: 'other bit', reference: 'teacher' } as const;

export function influenceBarsGeometry(input: InfluenceBarsInput): InfluenceBarsGeometry {
  const type = chartType(input.fontScale);
  const d = input.values.length;
  const titleLines0 = wrapText(input.title, Math.max(40, input.width - type.gap * 2), type.title);
  const titleLineHeight = type.title * 1.25;

  const kinds = [
    ...((input.secret?.length ?? 0) > 0 ? (['secret', 'other'] as const) : (['other'] as const)),
    ...(input.reference ? (['reference'] as const) : []),
  ];
  const keySize = type.small * 0.85;
  const keyRow = type.small * 1.45;
  const keyTop = titleLines0.length * titleLineHeight + type.gap;
  const key: InfluenceBarsGeometry['key'] = [];
  let kx = type.gap;
  let row = 0;
  for (const kind of kinds) {
    const w = keySize + type.gap + estimateTextWidth(KEY_TEXT[kind], type.small) + type.gap * 3;
    if (kx > type.gap && kx + w > input.width) {
      row++;
      kx = type.gap;
    }
    key.push({ kind, x: px(kx), y: px(keyTop + type.small + row * keyRow), text: KEY_TEXT[kind] });
    kx += w;
  }
  const top = keyTop + (row + 1) * keyRow + type.small * 0.4;

  const markSize = type.small * 0.45;
  const xAxis0 = bottomAxisLayout(type, true);
  // room for the secret marks between the axis line and the tick labels
  const xAxis: BottomAxisLayout = {
    labelY: xAxis0.labelY + markSize * 2,
    titleY: xAxis0.titleY + markSize * 2,
    height: xAxis0.height + markSize * 2,
  };
  const innerHeight = Math.max(10, input.height - top - xAxis.height);
  const refTop = input.reference ? Math.max(0, ...input.reference) : 0;
  const yMax = Math.max(1.1, Math.max(0, ...input.values) * 1.05, refTop * 1.05);
  const y = scaleLinear().domain([0, yMax]).range([innerHeight, 0]).nice(4);
  const yValues = y.ticks(Math.max(2, Math.min(5, Math.floor(innerHeight / (type.small * 2.5)))));
  const yFormat = linearTickFormatter(yValues);
  const yLabels = yValues.map((v) => yFormat(v));
  const yAxis = sideAxisLayout(yLabels, type, true);
  const f = frame(input.width, input.height, { left: yAxis.width, top, right: type.gap * 3, bottom: xAxis.height });

  const x = scaleBand<number>()
    .domain(Array.from({ length: d }, (_, j) => j))
    .range([0, f.innerWidth])
    .paddingInner(d > 60 ? 0.05 : 0.18);
  const inS = new Set(input.secret ?? []);
  const bars = input.values.map((v, j): InfluenceBar => {
    const yv = y(Math.max(0, Math.min(y.domain()[1]!, v)));
    return {
      bit: j,
      x: px(x(j) ?? 0),
      width: px(Math.max(0.5, x.bandwidth())),
      y: px(yv),
      height: px(innerHeight - yv),
      value: v,
      secret: inS.has(j),
    };
  });
  const reference = input.reference
    ? input.reference
        .map((v, j) => {
          if (!(v > 0)) return '';
          const x0 = px((x(j) ?? 0) - x.step() * x.paddingInner() * 0.5);
          const x1 = px((x(j) ?? 0) + x.bandwidth() + x.step() * x.paddingInner() * 0.5);
          return `M${x0},${px(innerHeight)}V${px(y(v))}H${x1}V${px(innerHeight)}`;
        })
        .join('')
    : '';
  const marks = [...inS]
    .filter((j) => j >= 0 && j < d)
    .map((j) => ({ bit: j, x: px((x(j) ?? 0) + x.bandwidth() / 2), y: px(innerHeight + markSize * 1.6) }));

  // bit labels: every 5th or 10th bit, and the secret bits themselves
  const step = d <= 12 ? 1 : d <= 60 ? 5 : 10;
  // a round label right beside a secret one would crowd it: the secret bit's own label wins
  const nearSecret = (j: number): boolean => [...inS].some((s) => s !== j && Math.abs(s - j) < Math.max(1, step / 2));
  const candidates = Array.from({ length: d }, (_, j) => j).filter(
    (j) => inS.has(j) || (j % step === 0 && !nearSecret(j)),
  );
  const centre = (j: number) => (x(j) ?? 0) + x.bandwidth() / 2;
  const xTicks = thinTicks(
    candidates.map((j) => ({ value: j, pos: centre(j), label: String(j) })),
    (t) => estimateTextWidth(t.label, type.small),
    type.small * 0.4,
  );
  const yTicks = thinTicks(
    yValues.map((v, i) => ({ value: v, pos: y(v), label: yLabels[i]! })),
    () => type.small,
    type.small * 0.4,
  );
  const titleLines = titleLines0.map((text, i) => ({ text, y: px(type.title + i * titleLineHeight) }));
  return { frame: f, type, bars, reference, marks, markSize, xTicks, yTicks, xAxis, yAxis, titleLines, key, keySize };
}

// ---------------------------------------------------------------- heatmap

export interface InfluenceHeatmapInput {
  title: string;
  /** the snapshot steps, increasing */
  steps: readonly number[];
  /** per snapshot, Inf_j of every bit */
  rows: readonly (readonly number[])[];
  secret: readonly number[] | null;
  width: number;
  height: number;
  fontScale?: number;
  /** a column to outline (the snapshot the bars show) */
  selected?: number | null;
}

/** The cells of one colour level, as one path (heatPaths.ts). */
export interface HeatLevelPath {
  d: string;
  fill: string;
}

export interface InfluenceHeatmapGeometry {
  frame: Frame;
  type: ChartType;
  /** the cells, one path per colour level that occurs */
  levels: HeatLevelPath[];
  /** bit order from the top: secret bits first, then the others */
  order: number[];
  /** left labels: each secret bit, and one for the block of the others */
  rowLabels: { y: number; text: string; secret: boolean }[];
  /** the brackets beside the secret bits' block and the other bits' block */
  secretBlock: { y0: number; y1: number } | null;
  othersBlock: { y0: number; y1: number } | null;
  xTicks: TickLabel[];
  xAxis: BottomAxisLayout;
  titleLines: { text: string; y: number }[];
  legend: {
    x: number;
    y: number;
    width: number;
    height: number;
    strips: { x: number; width: number; fill: string }[];
    labels: { x: number; text: string }[];
  };
  /** column bands, for hover */
  columns: { x: number; width: number; step: number }[];
  selectedBox: { x: number; width: number } | null;
  labelWidth: number;
}

/** What the heatmap shows, in a sentence. */
export function influenceHeatmapLabel(
  input: Pick<InfluenceHeatmapInput, 'title' | 'steps' | 'rows' | 'secret'>,
): string {
  const { steps, rows } = input;
  if (steps.length === 0 || rows.length === 0) return `${input.title}: no snapshot yet.`;
  const first = rows[0]!;
  const last = rows[rows.length - 1]!;
  const secret = input.secret ?? [];
  const inS = new Set(secret);
  const span = `from step ${formatStepLong(steps[0]!)} to ${formatStepLong(steps[steps.length - 1]!)} (${steps.length} snapshots)`;
  const parts = [`${input.title}: influence of every hidden bit on the student over training, ${span}`];
  if (secret.length) {
    parts.push(`secret bits ${secret.map((j) => `${j} ${fmt(first[j] ?? 0)} to ${fmt(last[j] ?? 0)}`).join(', ')}`);
  }
  const others = last.filter((_, j) => !inS.has(j));
  const peak = Math.max(0, ...rows.flatMap((r) => r.filter((_, j) => !inS.has(j))));
  if (others.length) {
    parts.push(
      `the other ${others.length} bits at most ${fmt(Math.max(...others))} at the end (at most ${fmt(peak)} at any snapshot)`,
    );
  }
  return `${parts.join('; ')}.`;
}

export function influenceHeatmapGeometry(input: InfluenceHeatmapInput): InfluenceHeatmapGeometry {
  const type = chartType(input.fontScale);
  const d = input.rows[0]?.length ?? 0;
  const inS = new Set(input.secret ?? []);
  const secret = [...inS].filter((j) => j < d).sort((a, b) => a - b);
  const others = Array.from({ length: d }, (_, j) => j).filter((j) => !inS.has(j));
  const order = [...secret, ...others];

  const titleLines0 = wrapText(input.title, Math.max(40, input.width - type.gap * 2), type.title);
  const titleLineHeight = type.title * 1.25;
  const legendHeight = type.small * 0.8;
  const legendTop = titleLines0.length * titleLineHeight + type.gap;
  const top = legendTop + legendHeight + type.small * 1.4 + type.gap;
  const xAxis = bottomAxisLayout(type, true);
  const otherText = `other ${others.length}`;
  const labelWidth =
    Math.max(
      estimateTextWidth(otherText, type.small),
      estimateTextWidth(`secret ${secret.length}`, type.small),
      ...secret.map((j) => estimateTextWidth(`bit ${j}`, type.small)),
    ) +
    type.gap * 3;
  const f = frame(input.width, input.height, { left: labelWidth, top, right: type.gap * 3, bottom: xAxis.height });

  const gap = secret.length && others.length ? Math.max(3, type.small * 0.4) : 0;
  // The secret bits are what the picture is about: their rows are tall enough for a label each,
  // as long as that leaves the other bits more than half of the height.
  const minRow = type.small * 1.05;
  const even = d > 0 ? (f.innerHeight - gap) / d : 0;
  const secretRow =
    secret.length && others.length
      ? Math.max(even, Math.min(minRow, ((f.innerHeight - gap) * 0.45) / secret.length))
      : even;
  const otherRow = others.length ? (f.innerHeight - gap - secretRow * secret.length) / others.length : 0;
  const rowY = (k: number): number =>
    k < secret.length ? k * secretRow : secret.length * secretRow + gap + (k - secret.length) * otherRow;
  const rowHeight = (k: number): number => (k < secret.length ? secretRow : otherRow);
  const n = input.steps.length;
  const x = scaleBand<number>()
    .domain(Array.from({ length: n }, (_, i) => i))
    .range([0, f.innerWidth])
    .paddingInner(n > 40 ? 0 : 0.06);
  const columnBands = input.steps.map((_, i) => ({ x: x(i) ?? 0, width: x.bandwidth() }));
  // a hair of overlap, so that no seam shows between rows
  const rowBands = order.map((_, k) => ({ y: rowY(k), height: rowHeight(k) + 0.3 }));
  const levels = heatPaths({
    columns: columnBands,
    rows: rowBands,
    level: (i, k) => heatLevel(input.rows[i]?.[order[k]!] ?? 0, INFLUENCE_TOP),
  }).map((p) => ({ d: p.d, fill: influenceColor(levelValue(p.level, INFLUENCE_TOP)) }));

  // one label per secret bit where the rows are tall enough for it, else one for the block, like the others'
  const secretBlock = secret.length ? { y0: 0, y1: px(secret.length * secretRow) } : null;
  const secretLabels =
    secretRow >= minRow * 0.95
      ? secret.map((j, k) => ({ y: px(rowY(k) + secretRow / 2), text: `bit ${j}`, secret: true }))
      : secretBlock
        ? [{ y: px((secretBlock.y0 + secretBlock.y1) / 2), text: `secret ${secret.length}`, secret: true }]
        : [];
  const othersBlock = others.length ? { y0: px(rowY(secret.length)), y1: px(f.innerHeight) } : null;
  const labels = [
    ...secretLabels,
    ...(othersBlock ? [{ y: px((othersBlock.y0 + othersBlock.y1) / 2), text: otherText, secret: false }] : []),
  ];

  const xTicks = thinTicks(
    input.steps.map((s, i) => ({ value: i, pos: (x(i) ?? 0) + x.bandwidth() / 2, label: formatStepShort(s) })),
    (t) => estimateTextWidth(t.label, type.small),
    type.small * 0.6,
  );

  // colour bar: 0 to 1 in strips, labelled at both ends, top right
  const legendWidth = Math.min(160, f.innerWidth * 0.4);
  const legendX = f.left + f.innerWidth - legendWidth;
  const stripCount = 24;
  const strips = Array.from({ length: stripCount }, (_, i) => ({
    x: px(legendX + (legendWidth * i) / stripCount),
    width: px(legendWidth / stripCount + 0.3),
    fill: influenceColor(((i + 0.5) / stripCount) * INFLUENCE_TOP),
  }));
  const titleLines = titleLines0.map((text, i) => ({ text, y: px(type.title + i * titleLineHeight) }));
  const selected = input.selected ?? null;
  return {
    frame: f,
    type,
    levels,
    order,
    rowLabels: labels,
    secretBlock,
    othersBlock,
    xTicks,
    xAxis,
    titleLines,
    legend: {
      x: px(legendX),
      y: px(legendTop),
      width: px(legendWidth),
      height: px(legendHeight),
      strips,
      labels: [
        { x: px(legendX), text: '0' },
        { x: px(legendX + legendWidth), text: `${INFLUENCE_TOP} influence` },
      ],
    },
    columns: input.steps.map((s, i) => ({ x: px(x(i) ?? 0), width: px(x.step()), step: s })),
    selectedBox:
      selected !== null && selected >= 0 && selected < n ? { x: px(x(selected) ?? 0), width: px(x.bandwidth()) } : null,
    labelWidth: px(labelWidth),
  };
}

/** The y-axis title of the bars, shortened to fit. */
export function influenceAxisTitle(fontSize: number, room: number): string {
  return fitText(['influence on the output', 'influence'], fontSize, room);
}
