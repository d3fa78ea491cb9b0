/**
 * Spread over seeds (issue 10, item 3): a group is the runs of an
 * experiment that differ only in the master seed (experiment.ts, runGroups).
 * Its curves are summarised per evaluation step by the median and the
 * min-max band, its steps-until-learned by a median that knows about runs
 * that never learned, and its final loss by the median and the range.
 */

/** The median of finite values (the mean of the middle two for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  const v = values.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  if (v.length === 0) return Number.NaN;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}

export interface BandPoint {
  step: number;
  median: number;
  min: number;
  max: number;
  /** runs with a value at this step */
  count: number;
}

/**
 * Median and min-max band of the normalised loss per evaluation step. The
 * runs of a group share their evaluation steps, so steps align; a step is
 * summarised over the runs that have reached it, and `count` says how many
 * (a run that diverged, or lags behind during training, has fewer points).
 */
export function curveBand(curves: readonly (readonly { step: number; testNmse: number }[])[]): BandPoint[] {
  const byStep = new Map<number, number[]>();
  for (const curve of curves) {
    for (const p of curve) {
      if (!Number.isFinite(p.testNmse)) continue;
      const list = byStep.get(p.step);
      if (list) list.push(p.testNmse);
      else byStep.set(p.step, [p.testNmse]);
    }
  }
  return [...byStep.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([step, values]) => ({
      step,
      median: median(values),
      min: Math.min(...values),
      max: Math.max(...values),
      count: values.length,
    }));
}

/** What one run says about when it learned. */
export interface LearnedState {
  /** first evaluated step below the threshold; null while not learned */
  stepsToLearn: number | null;
  /** whether the run can still learn (running, not diverged, budget left) */
  pending: boolean;
}

export interface LearnedSummary {
  /**
   * Median of steps until learned over the group, counting a run that never
   * learned as later than any run that did; null when the median run has
   * not learned (within its budget, or yet).
   */
  median: number | null;
  /** runs that learned */
  learned: number;
  /** runs that will never learn: budget ran out or diverged */
  never: number;
  /** runs still training without having learned */
  pending: number;
  total: number;
  /** fastest and slowest learned run, when any learned */
  min: number | null;
  max: number | null;
}

/** Steps until learned over a group, where a run that has not learned counts as "later than every one that has". */
export function learnedSummary(runs: readonly LearnedState[]): LearnedSummary {
  const learnedAt = runs.map((r) => r.stepsToLearn).filter((s): s is number => s !== null);
  const m = median(runs.map((r) => r.stepsToLearn ?? Number.POSITIVE_INFINITY));
  const pending = runs.filter((r) => r.stepsToLearn === null && r.pending).length;
  return {
    median: Number.isFinite(m) ? m : null,
    learned: learnedAt.length,
    never: runs.length - learnedAt.length - pending,
    pending,
    total: runs.length,
    min: learnedAt.length ? Math.min(...learnedAt) : null,
    max: learnedAt.length ? Math.max(...learnedAt) : null,
  };
}

export interface Spread {
  median: number;
  min: number;
  max: number;
  /** values that went in (runs without a value, diverged ones, are left out) */
  count: number;
}

/** Median and range of the values that are numbers; null when there are none. */
export function spread(values: readonly (number | null)[]): Spread | null {
  const v = values.filter((x): x is number => x !== null && Number.isFinite(x));
  if (v.length === 0) return null;
  return { median: median(v), min: Math.min(...v), max: Math.max(...v), count: v.length };
}
