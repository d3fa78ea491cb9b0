/**
 * How long an experiment in the app took, from the store's step sampled
 * every 20 ms, and how long it would have taken when the bench stopped
 * waiting. Pure: unit-tested in tests/unit/bench.extrapolate.test.ts.
 */

/** [time ms since navigation, session step, engine status, ms since the previous poll] */
export type Sample = [number, number, string, number];

/** Steps per second between the first and the last change of step inside [from, to] (ms). */
export function rateBetween(
  samples: readonly Sample[],
  from: number,
  to: number,
): { rate: number; steps: number; ms: number } {
  let first: Sample | null = null;
  let last: Sample | null = null;
  for (let i = 1; i < samples.length; i++) {
    const s = samples[i]!;
    if (s[0] < from || s[0] > to || s[1] === samples[i - 1]![1]) continue;
    first ??= s;
    last = s;
  }
  if (!first || !last || last === first) return { rate: Number.NaN, steps: 0, ms: 0 };
  const ms = last[0] - first[0];
  return { rate: ((last[1] - first[1]) * 1000) / ms, steps: last[1] - first[1], ms };
}

export interface Finish {
  /** From the click on Start to the last step, in seconds (extrapolated when not reached). */
  seconds: number;
  /** From the first step > 0 in the store to the last step, in seconds (extrapolated likewise). */
  trainingSeconds: number;
  /** The last step was not reached: the rest is estimated at the pace of the last `paceWindowMs`. */
  extrapolated: boolean;
  /** The step the store had reached when the estimate was made. */
  reachedStep: number;
  /** Steps per second used for the rest; null when nothing was extrapolated. */
  paceStepsPerSecond: number | null;
}

/**
 * Start-to-last-step time. When the store never reached `total`, the
 * remaining steps are added at the pace of the last `paceWindowMs` of
 * samples (evaluations are dense early, so the latest pace is the better
 * guess for the rest), or since the first step when the window saw too few
 * changes of step. NaN when there is no pace to go on.
 */
export function finishTime(samples: readonly Sample[], clickAt: number, total: number, paceWindowMs = 10_000): Finish {
  const first = samples.find((s) => s[1] > 0);
  const last = samples.find((s) => s[1] >= total);
  if (last) {
    return {
      seconds: (last[0] - clickAt) / 1000,
      trainingSeconds: first ? (last[0] - first[0]) / 1000 : Number.NaN,
      extrapolated: false,
      reachedStep: last[1],
      paceStepsPerSecond: null,
    };
  }
  const end = samples[samples.length - 1];
  if (!end) {
    return {
      seconds: Number.NaN,
      trainingSeconds: Number.NaN,
      extrapolated: true,
      reachedStep: 0,
      paceStepsPerSecond: null,
    };
  }
  // Too few changes of step in the window (a slow machine, a long first evaluation): the pace since the first step.
  let pace = rateBetween(samples, end[0] - paceWindowMs, end[0]).rate;
  if (!(pace > 0) && first) pace = rateBetween(samples, first[0] - 1, end[0]).rate;
  const rest = pace > 0 ? (total - end[1]) / pace : Number.NaN;
  return {
    seconds: (end[0] - clickAt) / 1000 + rest,
    trainingSeconds: first ? (end[0] - first[0]) / 1000 + rest : Number.NaN,
    extrapolated: true,
    reachedStep: end[1],
    paceStepsPerSecond: Number.isFinite(pace) ? pace : null,
  };
}
