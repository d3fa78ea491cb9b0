/**
 * Geometry of the wall chart (docs/architecture.md, "Views"; docs/science.md section 3): steps
 * until the normalised loss first drops below 0.1 against one numeric compare
 * axis, one marker per run, with a distinct marker where the budget ran out.
 */
import { scaleLinear, scaleLog, type ScaleContinuousNumeric } from 'd3';
import { bottomAxisLayout, sideAxisLayout, type BottomAxisLayout, type SideAxisLayout } from './axisLayout';
import { formatAxisValue, formatStepLong, formatStepShort, px } from './format';
import { estimateTextWidth, fitText, placeLabels, thinTicks, type Box, type LabelSpot, type TickLabel } from './labels';
import { INK } from './palette';
import { chartType, frame, type ChartType, type Frame } from './theme';

export type WallStatus = 'learned' | 'budget-ran-out' | 'running' | 'diverged';

export interface WallPoint {
  /** the compare axis value (k, d, n, m, h, lr, ...) */
  x: number;
  runLabel: string;
  color: string;
  /** first evaluated step with NMSE < 0.1; null while not learned */
  stepsToLearn: number | null;
  budget: number;
  status: WallStatus;
  /** the step a running run has reached (or a diverged run stopped at); its marker sits there */
  currentStep?: number | null;
  /** a run of a recorded result: drawn lighter, and named "recorded" in the texts */
  recorded?: boolean;
  /** how a recorded run is named when not the lab's own engine's: "recorded, PyTorch on cpu" */
  recordedWord?: string;
}

/** The median over the seeds of one group, at one axis value. */
export interface WallMedian {
  x: number;
  /** median steps until learned; null when the median run has not learned */
  step: number | null;
  budget: number;
  color: string;
  /** e.g. "inputs=parity, k=3: median of 4 seeds" */
  label: string;
  /** the median of a recorded result's runs (drawn lighter) */
  recorded?: boolean;
}

export interface WallInput {
  axisLabel: string;
  points: readonly WallPoint[];
  /** one per group of runs over seeds, drawn as a bar across its dots */
  medians?: readonly WallMedian[];
  logX?: boolean;
  width: number;
  height: number;
  fontScale?: number;
}

export const WALL_KEY: Record<WallStatus, string> = {
  learned: 'learned (NMSE < 0.1)',
  'budget-ran-out': 'budget ran out first',
  running: 'still running',
  diverged: 'diverged',
};
const STATUS_ORDER: WallStatus[] = ['learned', 'budget-ran-out', 'running', 'diverged'];
const MEDIAN_KEY = 'median over seeds';
const keyText = (s: WallStatus | 'median'): string => (s === 'median' ? MEDIAN_KEY : WALL_KEY[s]);

export interface WallMarker {
  status: WallStatus;
  x: number;
  y: number;
  color: string;
  /** tooltip text */
  title: string;
  recorded: boolean;
  /** the axis value it stands at (what a click on it selects) */
  value: number;
}

export interface WallGeometry {
  frame: Frame;
  type: ChartType;
  xTicks: TickLabel[];
  yTicks: TickLabel[];
  xAxis: BottomAxisLayout;
  yAxis: SideAxisLayout;
  markers: WallMarker[];
  /** median bars: centre x, half width, y; `learned` false draws it at the budget, dashed */
  medianBars: {
    x: number;
    half: number;
    y: number;
    color: string;
    learned: boolean;
    title: string;
    recorded: boolean;
  }[];
  budgets: { y: number; label: string; labelSpot: LabelSpot | null }[];
  /** marker key above the plot, positions relative to the SVG */
  key: { status: WallStatus | 'median'; x: number; y: number; text: string }[];
  /** the y-axis title, shortened when the plot is too short for the full one */
  yTitle: string;
  /** marker radius */
  r: number;
}

/** Where a run's marker sits on the step axis. */
export function wallStep(p: WallPoint): number | null {
  switch (p.status) {
    case 'learned':
      return p.stepsToLearn;
    case 'budget-ran-out':
      return p.budget;
    case 'running':
      return p.currentStep ?? null;
    case 'diverged':
      return p.currentStep ?? p.budget;
  }
}

/** One sentence for the accessible name; recorded and live runs are counted apart when both are drawn. */
export function wallChartLabel(
  axisLabel: string,
  points: readonly WallPoint[],
  medians: readonly WallMedian[] = [],
): string {
  const recorded = points.filter((p) => p.recorded);
  const medianText = medians.length
    ? `; medians over seeds: ${medians
        .map(
          (m) =>
            `${axisLabel} = ${formatAxisValue(m.x)} ${m.step === null ? 'not learned' : `${formatStepLong(m.step)} steps`}`,
        )
        .join(', ')}`
    : '';
  if (recorded.length === 0) return wallRunsLabel(axisLabel, points) + medianText;
  const live = points.filter((p) => !p.recorded);
  const head = wallRunsLabel(axisLabel, recorded).replace(/(\d+ of \d+ runs)/, '$1 of the recorded result');
  return (
    (live.length
      ? `${head} (lighter markers); trained live here: ${wallRunsLabel(axisLabel, live).replace(/^.*?; /, '')}`
      : head) + medianText
  );
}

function wallRunsLabel(axisLabel: string, points: readonly WallPoint[]): string {
  const count = (s: WallStatus): number => points.filter((p) => p.status === s).length;
  const budgets = [...new Set(points.map((p) => p.budget))];
  const within = budgets.length === 1 ? `within ${budgets[0]} steps` : 'within their budgets';
  const extras = [
    [count('budget-ran-out'), 'ran out of budget'],
    [count('running'), 'still running'],
    [count('diverged'), 'diverged'],
  ]
    .filter(([n]) => (n as number) > 0)
    .map(([n, what]) => `${n} ${what}`);
  return (
    `Steps until normalised loss < 0.1 against ${axisLabel}; ${count('learned')} of ${points.length} runs learned ${within}` +
    (extras.length ? `; ${extras.join(', ')}` : '')
  );
}

/**
 * Horizontal offsets (in slots) that keep markers at the same x from
 * covering one another: each marker takes the slot nearest the centre
 * (0, +1, -1, +2, ...) not already used by a marker within `minGap` px in y.
 */
export function dodgeSlots(ys: readonly number[], minGap: number): number[] {
  const placed: { y: number; slot: number }[] = [];
  return ys.map((y) => {
    for (let k = 0; ; k++) {
      const slot = k === 0 ? 0 : k % 2 === 0 ? -k / 2 : (k + 1) / 2;
      if (!placed.some((q) => q.slot === slot && Math.abs(q.y - y) < minGap)) {
        placed.push({ y, slot });
        return slot;
      }
    }
  });
}

function stepTicks(lo: number, hi: number): number[] {
  const mantissas = Math.log10(hi / lo) >= 2.5 ? [1] : [1, 2, 5];
  const out: number[] = [];
  for (let p = 10 ** Math.floor(Math.log10(lo)); p <= hi; p *= 10)
    for (const m of mantissas) if (m * p >= lo && m * p <= hi) out.push(m * p);
  return out;
}

export function wallGeometry(input: WallInput): WallGeometry {
  const type = chartType(input.fontScale);
  const r = type.small * 0.45;
  const points = input.points;

  // marker key above the plot, wrapped into rows
  const present: (WallStatus | 'median')[] = STATUS_ORDER.filter((s) => points.some((p) => p.status === s));
  if (input.medians?.length) present.push('median');
  const keyRowHeight = type.small * 1.5;
  const key: WallGeometry['key'] = [];
  let kx = type.gap;
  let row = 0;
  for (const s of present) {
    const w = r * 2.4 + type.gap + estimateTextWidth(keyText(s), type.small) + type.gap * 3;
    if (kx > type.gap && kx + w > input.width) {
      row++;
      kx = type.gap;
    }
    key.push({ status: s, x: px(kx + r * 1.2), y: px(type.gap + type.small + row * keyRowHeight), text: keyText(s) });
    kx += w;
  }
  const keyHeight = present.length ? type.gap + (row + 1) * keyRowHeight : 0;

  // y: steps, log scale, from below the fastest run to above the highest budget (room for the triangles)
  const steps = [...points.map(wallStep), ...(input.medians ?? []).map((m) => m.step)].filter(
    (s): s is number => s !== null && s > 0,
  );
  const budgets = [...new Set(points.map((p) => p.budget).filter((b) => b > 0))].sort((a, b) => a - b);
  const maxV = Math.max(10, ...steps, ...budgets);
  const minV = Math.max(1, Math.min(maxV / 10, ...steps));
  const yLo = Math.max(1, 10 ** Math.floor(Math.log10(minV / 1.5)));
  const yHi = maxV * 1.8;

  const top = keyHeight + type.gap + type.small * 0.6;
  const xAxis = bottomAxisLayout(type, true);
  const innerHeight = Math.max(10, input.height - top - xAxis.height);
  const y = scaleLog().domain([yLo, yHi]).range([innerHeight, 0]);
  const yValues = stepTicks(yLo, yHi);
  const yLabels = yValues.map(formatStepShort);
  const yAxis = sideAxisLayout(yLabels, type, true);

  // x: the axis values, padded by half the typical gap so edge markers are not on the frame
  const xs = [...new Set(points.map((p) => p.x))].sort((a, b) => a - b);
  const logX = !!input.logX && xs.every((v) => v > 0);
  const t = (v: number): number => (logX ? Math.log10(v) : v);
  const inv = (v: number): number => (logX ? 10 ** v : v);
  const tLo = xs.length ? t(xs[0]!) : 0;
  const tHi = xs.length ? t(xs[xs.length - 1]!) : 1;
  const pad = xs.length > 1 ? (tHi - tLo) / (xs.length - 1) / 2 : logX ? 0.5 : Math.max(0.5, Math.abs(tLo) * 0.1);
  const xValueLabels = xs.map(formatAxisValue);
  const lastLabel = xValueLabels[xValueLabels.length - 1] ?? '';
  const f = frame(input.width, input.height, {
    left: yAxis.width,
    top,
    right: Math.max(type.gap * 2, estimateTextWidth(lastLabel, type.small) / 2 + 2),
    bottom: xAxis.height,
  });
  const x: ScaleContinuousNumeric<number, number> = (logX ? scaleLog() : scaleLinear())
    .domain([inv(tLo - pad), inv(tHi + pad)])
    .range([0, f.innerWidth]);
  const xTickValues = xs.length && xs.length <= 12 ? xs : x.ticks(6);
  const xTicks = thinTicks(
    xTickValues.map((v) => ({ value: v, pos: x(v), label: formatAxisValue(v) })),
    (tk) => estimateTextWidth(tk.label, type.small),
    type.small,
  );
  const yTicks = thinTicks(
    yValues.map((v, i) => ({ value: v, pos: y(v), label: yLabels[i]! })),
    () => type.small,
    type.small * 0.4,
  );

  // markers, dodged sideways within each x so none hides another
  const markers: WallMarker[] = [];
  const spacing = r * 2.6;
  for (const xv of xs) {
    const group = points.filter((p) => p.x === xv);
    const ys = group.map((p) => {
      const s = wallStep(p);
      // a run with no position yet (running, no step reported) sits on the bottom edge
      return s === null ? f.innerHeight : y(Math.max(yLo, s));
    });
    const slots = dodgeSlots(ys, r * 2.4);
    group.forEach((p, i) => {
      const s = wallStep(p);
      const what =
        p.status === 'learned'
          ? `learned at step ${formatStepLong(s ?? 0)}`
          : p.status === 'budget-ran-out'
            ? `not learned within ${formatStepLong(p.budget)} steps`
            : p.status === 'running'
              ? `running${s !== null ? `, at step ${formatStepLong(s)}` : ''}`
              : `diverged${p.currentStep != null ? ` at step ${formatStepLong(p.currentStep)}` : ''}`;
      markers.push({
        status: p.status,
        x: px(x(xv) + slots[i]! * spacing),
        y: px(ys[i]!),
        color: p.status === 'running' ? INK.pending : p.color,
        title: `${p.runLabel}${p.recorded ? ` (${p.recordedWord ?? 'recorded'})` : ''}: ${input.axisLabel} = ${formatAxisValue(xv)}, ${what}`,
        recorded: p.recorded === true,
        value: xv,
      });
    });
  }

  const medianBars = (input.medians ?? []).map((m) => {
    const group = points.filter((p) => p.x === m.x && p.color === m.color && !p.recorded === !m.recorded);
    const slots = Math.max(1, group.length);
    const learned = m.step !== null;
    const at = learned ? m.step! : m.budget;
    return {
      x: px(x(m.x)),
      half: px(Math.max(r * 2.2, (slots * spacing) / 2 + r * 0.6)),
      y: px(y(Math.max(yLo, at))),
      color: m.color,
      learned,
      title: `${m.label}: ${learned ? `learned at step ${formatStepLong(at)}` : `not learned within ${formatStepLong(m.budget)} steps`}`,
      recorded: m.recorded === true,
    };
  });

  const markerBoxes: Box[] = markers.map((m) => ({ left: m.x - r, right: m.x + r, top: m.y - r, bottom: m.y + r }));
  const budgetLabels = budgets.map((b) => `budget ${formatStepShort(b)}`);
  const spots = placeLabels(
    budgets.map((b, i) => {
      const by = y(b);
      const right = f.innerWidth - type.gap;
      const above = by - type.gap;
      const below = by + type.gap + type.small * 0.8;
      return {
        text: budgetLabels[i]!,
        fontSize: type.small,
        candidates: [
          { x: right, y: above, anchor: 'end' as const },
          { x: type.gap, y: above, anchor: 'start' as const },
          { x: right, y: below, anchor: 'end' as const },
          { x: type.gap, y: below, anchor: 'start' as const },
        ].map((c) => ({ ...c, x: px(c.x), y: px(c.y) })),
      };
    }),
    { left: 0, top: 0, right: f.innerWidth, bottom: f.innerHeight },
    markerBoxes,
  );

  return {
    frame: f,
    type,
    xTicks,
    yTicks,
    xAxis,
    yAxis,
    markers,
    medianBars,
    budgets: budgets.map((b, i) => ({ y: px(y(b)), label: budgetLabels[i]!, labelSpot: spots[i] ?? null })),
    key,
    yTitle: fitText(
      ['steps until NMSE < 0.1 (log scale)', 'steps to NMSE < 0.1', 'steps (log)'],
      type.label,
      f.innerHeight,
    ),
    r,
  };
}
