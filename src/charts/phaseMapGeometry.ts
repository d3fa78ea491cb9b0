/**
 * Geometry of the phase map (docs/architecture.md, "Views"): a heatmap of the final (or
 * best) normalised loss over two compare axes, with a colour bar, a corner
 * marker where the budget ran out before learning, and distinct cells for
 * diverged runs and runs without a value yet.
 */
import { scaleBand, scaleLinear } from 'd3';
import { bottomAxisLayout, sideAxisLayout, type BottomAxisLayout, type SideAxisLayout } from './axisLayout';
import { linearTickFormatter, px } from './format';
import { estimateTextWidth, fitText, thinTicks, type TickLabel } from './labels';
import { LEARNED_THRESHOLD } from './lossSeries';
import { contrastingText, INK, PHASE_DOMAIN, phaseColor } from './palette';
import { chartType, frame, type ChartType, type Frame } from './theme';

export interface PhaseCell {
  /** index into xValues */
  xi: number;
  /** index into yValues */
  yi: number;
  /** final (or best) normalised loss; null while there is none yet */
  value: number | null;
  budgetRanOut: boolean;
  diverged: boolean;
  /** the value comes from a recorded result, not from a run trained here */
  recorded?: boolean;
  /** the value is a median over seeds: their range and how many */
  spread?: { min: number; max: number; count: number };
}

export interface PhaseMapInput {
  xLabel: string;
  yLabel: string;
  xValues: readonly string[];
  yValues: readonly string[];
  cells: readonly PhaseCell[];
  width: number;
  height: number;
  fontScale?: number;
  /** what the colour shows, for the colour bar and the accessible name */
  valueLabel?: string;
}

export type CellKind = 'value' | 'diverged' | 'pending';

export interface CellGeometry {
  key: string;
  x: number;
  y: number;
  width: number;
  height: number;
  fill: string;
  kind: CellKind;
  /** text in the cell; null when it would not fit */
  text: string | null;
  textColor: string;
  /** corner triangle path where the budget ran out before learning, else null */
  budgetMarker: string | null;
  title: string;
  recorded: boolean;
}

export interface PhaseMapGeometry {
  frame: Frame;
  type: ChartType;
  xTicks: TickLabel[];
  yTicks: TickLabel[];
  xAxis: BottomAxisLayout;
  yAxis: SideAxisLayout;
  cells: CellGeometry[];
  /** colour bar: its left edge and width in plot coordinates, its strips and its axis */
  legend: {
    x: number;
    width: number;
    strips: { y: number; height: number; fill: string }[];
    ticks: TickLabel[];
    axis: SideAxisLayout;
    title: string;
  };
  /** marker key above the plot (SVG coordinates) */
  key: { kind: 'budget' | 'diverged' | 'pending'; x: number; y: number; text: string }[];
  keySize: number;
}

export const DEFAULT_PHASE_VALUE_LABEL = 'final normalised test loss';

/** A cell's number: two decimals, "<0.01" rather than a misleading 0.00. */
export function formatCellValue(v: number): string {
  if (!Number.isFinite(v)) return 'NaN';
  if (v < 0.005) return '<0.01';
  if (v < 10) return v.toFixed(2);
  return String(Number(v.toPrecision(2)));
}

export function cellKind(c: PhaseCell): CellKind {
  if (c.diverged) return 'diverged';
  return c.value === null ? 'pending' : 'value';
}

/** One sentence for the accessible name. */
export function phaseMapLabel(input: PhaseMapInput): string {
  const what = input.valueLabel ?? DEFAULT_PHASE_VALUE_LABEL;
  const cells = input.cells;
  const learned = cells.filter((c) => cellKind(c) === 'value' && c.value! < LEARNED_THRESHOLD).length;
  const parts = [`${learned} learned (below ${LEARNED_THRESHOLD})`];
  const ranOut = cells.filter((c) => c.budgetRanOut).length;
  const diverged = cells.filter((c) => c.diverged).length;
  const pending = cells.filter((c) => cellKind(c) === 'pending').length;
  if (ranOut) parts.push(`${ranOut} ran out of budget before learning`);
  if (diverged) parts.push(`${diverged} diverged`);
  if (pending) parts.push(`${pending} without a value yet`);
  const spread = cells.filter((c) => c.spread && c.spread.count > 1);
  const spreadText = spread.length
    ? `. Each cell is the median over seeds; the spread per cell: ${spread
        .map(
          (c) =>
            `${input.xLabel} = ${input.xValues[c.xi]}, ${input.yLabel} = ${input.yValues[c.yi]}: ${formatCellValue(c.spread!.min)} to ${formatCellValue(c.spread!.max)} over ${c.spread!.count} seeds`,
        )
        .join('; ')}`
    : '';
  return (
    `Phase map of ${what} for ${input.xValues.length} values of ${input.xLabel} ` +
    `by ${input.yValues.length} values of ${input.yLabel}; ${cells.length} ${spread.length ? 'cells' : 'runs'}: ${parts.join(', ')}` +
    recordedNote(cells) +
    spreadText
  );
}

function recordedNote(cells: readonly PhaseCell[]): string {
  const n = cells.filter((c) => c.recorded).length;
  if (n === 0) return '';
  return n === cells.length ? '; all from the recorded result' : `; ${n} from the recorded result (dashed outline)`;
}

const KEY_TEXT = { budget: 'budget ran out before learning', diverged: 'diverged', pending: 'no value yet' } as const;

export function phaseMapGeometry(input: PhaseMapInput): PhaseMapGeometry {
  const type = chartType(input.fontScale);
  const valueLabel = input.valueLabel ?? DEFAULT_PHASE_VALUE_LABEL;

  // marker key above the plot, only for markers that occur
  const keySize = type.small;
  const kinds = (['budget', 'diverged', 'pending'] as const).filter((k) =>
    input.cells.some((c) => (k === 'budget' ? c.budgetRanOut : cellKind(c) === k)),
  );
  const key: PhaseMapGeometry['key'] = [];
  const keyRow = type.small * 1.6;
  let kx = type.gap;
  let row = 0;
  for (const k of kinds) {
    const w = keySize + type.gap + estimateTextWidth(KEY_TEXT[k], type.small) + type.gap * 3;
    if (kx > type.gap && kx + w > input.width) {
      row++;
      kx = type.gap;
    }
    key.push({ kind: k, x: px(kx), y: px(type.gap + type.small + row * keyRow), text: KEY_TEXT[k] });
    kx += w;
  }
  const keyHeight = kinds.length ? type.gap + (row + 1) * keyRow : 0;

  // colour bar on the right: strip, tick labels, rotated title
  const legendScale = scaleLinear().domain(PHASE_DOMAIN);
  const legendValues = legendScale.ticks(6);
  const legendFormat = linearTickFormatter(legendValues);
  const legendLabels = legendValues.map((v) => legendFormat(v));
  const legendAxis = sideAxisLayout(legendLabels, type, true);
  const legendWidth = type.small * 1.1;
  const legendGap = type.gap * 4;

  const yAxis = sideAxisLayout(input.yValues, type, true);
  const xAxis = bottomAxisLayout(type, true);
  const f = frame(input.width, input.height, {
    left: yAxis.width,
    top: keyHeight + type.gap + type.small * 0.6,
    right: legendGap + legendWidth + legendAxis.width,
    bottom: xAxis.height,
  });

  const x = scaleBand<number>()
    .domain(input.xValues.map((_, i) => i))
    .range([0, f.innerWidth])
    .paddingInner(0.04);
  // the first y value at the bottom, as on any numeric y-axis
  const y = scaleBand<number>()
    .domain(input.yValues.map((_, i) => i))
    .range([f.innerHeight, 0])
    .paddingInner(0.04);
  const bw = x.bandwidth();
  const bh = y.bandwidth();

  const xTicks = thinTicks(
    input.xValues.map((label, i) => ({ value: i, pos: (x(i) ?? 0) + bw / 2, label })),
    (t) => estimateTextWidth(t.label, type.small),
    type.small * 0.75,
  );
  const yTicks = thinTicks(
    input.yValues.map((label, i) => ({ value: i, pos: (y(i) ?? 0) + bh / 2, label })),
    () => type.small,
    type.small * 0.3,
  );

  const markerSize = Math.max(6, Math.min(type.small * 1.1, Math.min(bw, bh) * 0.25));
  const cells = input.cells
    .filter((c) => c.xi >= 0 && c.xi < input.xValues.length && c.yi >= 0 && c.yi < input.yValues.length)
    .map((c): CellGeometry => {
      const kind = cellKind(c);
      const cx = x(c.xi) ?? 0;
      const cy = y(c.yi) ?? 0;
      const fill = kind === 'diverged' ? INK.diverged : kind === 'pending' ? INK.empty : phaseColor(c.value!);
      const textColor = kind === 'value' ? contrastingText(fill) : INK.text;
      const full = kind === 'diverged' ? '×' : kind === 'pending' ? '…' : formatCellValue(c.value!);
      const fits = estimateTextWidth(full, type.small) <= bw - type.gap && type.small * 1.1 <= bh;
      const where = `${input.xLabel} = ${input.xValues[c.xi]}, ${input.yLabel} = ${input.yValues[c.yi]}`;
      const state = kind === 'diverged' ? 'diverged' : kind === 'pending' ? 'no value yet' : formatCellValue(c.value!);
      const right = cx + bw;
      return {
        key: `${c.xi}:${c.yi}`,
        x: px(cx),
        y: px(cy),
        width: px(bw),
        height: px(bh),
        fill,
        kind,
        text: fits ? full : null,
        textColor,
        budgetMarker: c.budgetRanOut
          ? `M${px(right - markerSize)},${px(cy)}L${px(right)},${px(cy)}L${px(right)},${px(cy + markerSize)}Z`
          : null,
        title: `${where}: ${state}${
          c.spread && c.spread.count > 1 && kind === 'value'
            ? ` (median of ${c.spread.count} seeds; ${formatCellValue(c.spread.min)} to ${formatCellValue(c.spread.max)})`
            : ''
        }${c.budgetRanOut ? ' (budget ran out before learning)' : ''}${c.recorded ? ' (recorded)' : ''}`,
        recorded: c.recorded === true,
      };
    });

  // the colour bar, drawn as thin strips rather than a gradient: no element ids needed
  const legendY = scaleLinear().domain(PHASE_DOMAIN).range([f.innerHeight, 0]);
  const stripCount = 48;
  const [d0, d1] = PHASE_DOMAIN;
  const strips = Array.from({ length: stripCount }, (_, i) => {
    const v0 = d0 + ((d1 - d0) * i) / stripCount;
    const v1 = d0 + ((d1 - d0) * (i + 1)) / stripCount;
    // overlap each strip by half a pixel so no hairline gaps show between them
    return { y: px(legendY(v1)), height: px(legendY(v0) - legendY(v1) + 0.5), fill: phaseColor((v0 + v1) / 2) };
  });
  const legendTicks = thinTicks(
    legendValues.map((v, i) => ({ value: v, pos: legendY(v), label: legendLabels[i]! })),
    () => type.small,
    type.small * 0.3,
  );

  return {
    frame: f,
    type,
    xTicks,
    yTicks,
    xAxis,
    yAxis,
    cells,
    legend: {
      x: px(f.innerWidth + legendGap),
      width: px(legendWidth),
      strips,
      ticks: legendTicks,
      axis: legendAxis,
      title: fitText([valueLabel, 'normalised loss', 'NMSE'], type.label, f.innerHeight),
    },
    key,
    keySize,
  };
}
