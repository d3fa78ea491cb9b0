/**
 * The loss chart's hover read-out as pure functions: which evaluated step the
 * pointer (or the arrow keys) designates, each run's values there, and the
 * layout of the little box that lists them.
 */
import { formatLoss, formatStepLong, px } from './format';
import { estimateTextWidth } from './labels';
import { seriesName, trainValue, type LossSeries } from './lossSeries';
import type { ChartType } from './theme';

/** Position on the log step axis; step 0 sits with step 1 (see stepScale). */
function logStep(step: number): number {
  return Math.log(Math.max(1, step));
}

/**
 * Index of the entry whose step is nearest to `step` as the eye sees it on the
 * log axis (so between 10 and 100, 40 is nearer to 100), or -1 when there are
 * none. `items` must be sorted by step. An exact match wins; other ties go to
 * the earlier step.
 */
export function nearestStepIndex<T>(items: readonly T[], stepOf: (item: T) => number, step: number): number {
  if (!items.length) return -1;
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (stepOf(items[mid]!) < step) lo = mid + 1;
    else hi = mid;
  }
  if (lo === 0) return 0;
  if (lo === items.length) return items.length - 1;
  const after = stepOf(items[lo]!);
  if (after === step) return lo;
  const before = stepOf(items[lo - 1]!);
  return logStep(step) - logStep(before) <= logStep(after) - logStep(step) ? lo - 1 : lo;
}

/** Every step at which some run was evaluated, ascending, without repeats. */
export function evaluatedSteps(series: readonly LossSeries[]): number[] {
  const all = new Set<number>();
  for (const s of series) for (const p of s.points) all.add(p.step);
  return [...all].sort((a, b) => a - b);
}

export interface ReadoutRow {
  id: string;
  label: string;
  color: string;
  /** the run's evaluated step nearest to the read-out step; null for a run with no points yet */
  step: number | null;
  testNmse: number | null;
  train: number | null;
}

export interface Readout {
  /** the evaluated step the rule snaps to */
  step: number;
  rows: ReadoutRow[];
}

/**
 * Values under the pointer: the rule snaps to the evaluated step nearest to
 * `pointerStep`, and each run reports its point nearest to that step (runs
 * evaluated on other schedules still answer). Null when nothing is evaluated.
 */
export function lossReadout(
  series: readonly LossSeries[],
  pointerStep: number,
  trainNormaliser?: Record<string, number>,
  /** evaluatedSteps(series), when the caller already holds it (pointer moves are frequent, runs long) */
  steps: readonly number[] = evaluatedSteps(series),
): Readout | null {
  const snapped = steps[nearestStepIndex(steps, (s) => s, pointerStep)];
  if (snapped === undefined) return null;
  const rows = series.map((s): ReadoutRow => {
    const p = s.points[nearestStepIndex(s.points, (q) => q.step, snapped)];
    return {
      id: s.id,
      label: seriesName(s),
      color: s.color,
      step: p ? p.step : null,
      testNmse: p ? p.testNmse : null,
      train: p ? trainValue(s, p, trainNormaliser) : null,
    };
  });
  return { step: snapped, rows };
}

/**
 * The step the keyboard moves the rule to, or undefined for keys the chart
 * does not handle. Arrows move one evaluation, PageUp/PageDown ten, Home/End
 * to the ends; the first key press starts at the latest step.
 */
export function keyboardStep(steps: readonly number[], current: number | null, key: string): number | null | undefined {
  if (!steps.length) return undefined;
  const last = steps.length - 1;
  if (key === 'Escape') return null;
  if (key === 'Home') return steps[0];
  if (key === 'End') return steps[last];
  const move = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1, PageUp: 10, PageDown: -10 }[key];
  if (move === undefined) return undefined;
  if (current === null) return steps[last];
  const i = nearestStepIndex(steps, (s) => s, current);
  return steps[Math.min(last, Math.max(0, i + move))];
}

export interface ReadoutBoxLine {
  /** the step (header), a run's label, or "+ n more" */
  text: string;
  /** right-aligned cells: test NMSE, then train NMSE when shown (column titles on the header line) */
  values: string[];
  /** baseline, relative to the box's top */
  y: number;
  /** swatch colour of a run's line; absent for the header and the overflow line */
  color?: string;
  header?: boolean;
}

export interface ReadoutBox {
  x: number;
  y: number;
  width: number;
  height: number;
  swatchX: number;
  swatchWidth: number;
  /** left of the label column, after the swatch */
  textX: number;
  /** right edges of the value columns */
  valueRight: number[];
  lines: ReadoutBoxLine[];
}

/**
 * The read-out box beside the rule at `ruleX`: on its right, or on its left
 * when it would leave the plot; a header with the step, then one row per run
 * (swatch, label, test NMSE, train NMSE when shown) as far as the plot's
 * height allows, then "+ n more". Values sit in right-aligned columns so the
 * digits line up.
 */
export function readoutBox(
  readout: Readout,
  ruleX: number,
  plot: { innerWidth: number; innerHeight: number },
  type: ChartType,
  showTrain: boolean,
): ReadoutBox {
  const lineHeight = type.small * 1.35;
  const pad = type.gap * 1.5;
  const swatchWidth = type.small * 0.9;
  const rows: ReadoutBoxLine[] = readout.rows.map((r) => ({
    text: r.label,
    values: showTrain ? [formatLoss(r.testNmse), formatLoss(r.train)] : [formatLoss(r.testNmse)],
    y: 0,
    color: r.color,
  }));
  const fit = Math.max(1, Math.floor((plot.innerHeight - pad * 2) / lineHeight) - 1);
  const shown = rows.length > fit ? rows.slice(0, Math.max(0, fit - 1)) : rows;
  const more = rows.length - shown.length;
  const header: ReadoutBoxLine = {
    text: `step ${formatStepLong(readout.step)}`,
    values: showTrain ? ['test', 'train'] : [],
    y: 0,
    header: true,
  };
  const lines: ReadoutBoxLine[] = [header, ...shown];
  if (more > 0) lines.push({ text: `+ ${more} more`, values: [], y: 0 });
  lines.forEach((l, i) => (l.y = px(pad + type.small * 0.8 + i * lineHeight)));

  const width = (t: string): number => estimateTextWidth(t, type.small);
  const textX = pad + swatchWidth + type.gap;
  // the header's step text spans the label column and the swatch; run labels only their column
  const labelColumn = Math.max(
    ...lines.map((l) => (l.header || !l.color ? width(l.text) - swatchWidth - type.gap : width(l.text))),
  );
  const columns = showTrain ? 2 : 1;
  const valueWidths = Array.from({ length: columns }, (_, c) =>
    Math.max(...lines.map((l) => width(l.values[c] ?? ''))),
  );
  const valueRight: number[] = [];
  let right = textX + labelColumn;
  for (const w of valueWidths) {
    right += type.gap * 3 + w;
    valueRight.push(px(right));
  }
  const boxWidth = right + pad;
  const height = pad * 2 + lines.length * lineHeight - (lineHeight - type.small);
  const offset = type.gap * 2;
  let x = ruleX + offset;
  if (x + boxWidth > plot.innerWidth) x = ruleX - offset - boxWidth;
  x = Math.max(0, Math.min(x, plot.innerWidth - boxWidth));
  return {
    x: px(x),
    y: px(type.gap),
    width: px(boxWidth),
    height: px(height),
    swatchX: px(pad),
    swatchWidth: px(swatchWidth),
    textX: px(textX),
    valueRight,
    lines,
  };
}
