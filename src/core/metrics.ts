/**
 * Metrics of docs/science.md section 2 ("Student and training"): normalised test
 * loss, accuracy against the majority rate, and fixed-bin histograms.
 */

export function mean(y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += y[i]!;
  return y.length ? s / y.length : 0;
}

/** Population variance, in float64 whatever the input's precision. */
export function variance(y: ArrayLike<number>): number {
  const mu = mean(y);
  let s = 0;
  for (let i = 0; i < y.length; i++) s += (y[i]! - mu) ** 2;
  return y.length ? s / y.length : 0;
}

/** NMSE = MSE / Var(y_test): a constant predictor at the mean scores 1. */
export function normalisedLoss(mse: number, labelVariance: number): number {
  return labelVariance > 0 ? mse / labelVariance : Number.NaN;
}

/** Below this label variance the normalised loss says nothing (docs/science.md 2, gaussian with clip). */
export const TINY_LABEL_VARIANCE = 1e-4;

export function isBinary(y: ArrayLike<number>): boolean {
  for (let i = 0; i < y.length; i++) if (y[i] !== 0 && y[i] !== 1) return false;
  return true;
}

/** Chance level for 0/1 labels: the rate of the more frequent label. */
export function majorityRate(y: ArrayLike<number>): number {
  const ones = mean(y);
  return Math.max(ones, 1 - ones);
}

/** Fraction of predictions on the right side of 1/2. */
export function accuracy(pred: ArrayLike<number>, y: ArrayLike<number>): number {
  let right = 0;
  for (let i = 0; i < y.length; i++) if (pred[i]! > 0.5 === y[i]! > 0.5) right++;
  return y.length ? right / y.length : Number.NaN;
}

export interface Histogram {
  /** Bin edges, length bins + 1. */
  edges: Float64Array;
  counts: Uint32Array;
  /** Values outside [lo, hi], which are not in any bin. */
  below: number;
  above: number;
  /** NaN or infinite values, which a diverged run produces. */
  invalid: number;
  total: number;
}

/**
 * Counts in `bins` equal bins over [lo, hi]. The bins are fixed by the caller
 * so that successive histograms of moving weights stay comparable.
 */
export function histogram(values: ArrayLike<number>, lo: number, hi: number, bins: number): Histogram {
  const edges = new Float64Array(bins + 1);
  for (let b = 0; b <= bins; b++) edges[b] = lo + ((hi - lo) * b) / bins;
  const counts = new Uint32Array(bins);
  let below = 0;
  let above = 0;
  let invalid = 0;
  const scale = bins / (hi - lo);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) invalid++;
    else if (v < lo) below++;
    else if (v > hi) above++;
    else counts[Math.min(bins - 1, Math.floor((v - lo) * scale))]!++;
  }
  return { edges, counts, below, above, invalid, total: values.length };
}

/** Summary statistics a student needs to see dead units and divergence (after tfjs-vis). */
export interface WeightStats {
  min: number;
  max: number;
  mean: number;
  std: number;
  zeros: number;
  invalid: number;
}

export function weightStats(values: ArrayLike<number>): WeightStats {
  let min = Infinity;
  let max = -Infinity;
  let s = 0;
  let s2 = 0;
  let zeros = 0;
  let invalid = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) {
      invalid++;
      continue;
    }
    if (v === 0) zeros++;
    if (v < min) min = v;
    if (v > max) max = v;
    s += v;
    s2 += v * v;
    count++;
  }
  const mu = count ? s / count : 0;
  return { min, max, mean: mu, std: count ? Math.sqrt(Math.max(0, s2 / count - mu * mu)) : 0, zeros, invalid };
}

/**
 * Steps at which a run is evaluated: every `interval` steps, with a 1-2-5
 * interval giving at most ~100 points, plus early 1-2-5 points so that a
 * log-scaled step axis has something to draw from the start. Round numbers
 * (500, 2000, 5000, ...) are always included when they fit the interval.
 */
export function evaluationSteps(steps: number, maxPoints = 100): number[] {
  const raw = steps / maxPoints;
  let interval = 1;
  for (let p = 1; p <= 1e7; p *= 10) {
    const nice = [1, 2, 5].map((f) => f * p).find((v) => v >= raw);
    if (nice !== undefined) {
      interval = nice;
      break;
    }
  }
  const out = new Set<number>([0]);
  for (let p = 1; p < interval; p *= 10) for (const f of [1, 2, 5]) if (f * p < interval) out.add(f * p);
  for (let s = interval; s < steps; s += interval) out.add(s);
  out.add(steps);
  return [...out].sort((a, b) => a - b);
}

/** First evaluation step at which the normalised loss fell below `threshold`, or null. */
export function stepsUntilBelow(
  curve: readonly { step: number; testNmse: number }[],
  threshold = LEARNED_NMSE,
): number | null {
  for (const p of curve) if (p.testNmse < threshold) return p.step;
  return null;
}

/** A run counts as learned once its normalised test loss falls below this (docs/science.md 3). */
export const LEARNED_NMSE = 0.1;

/** Weight snapshots per run (bit influence and student histograms), about. */
export const SNAPSHOT_COUNT = 24;

/**
 * Steps at which a run's weights are snapshotted: a subset of its
 * evaluation steps, the first (the initialisation) and the last among them,
 * the rest those nearest to evenly spaced steps, so that the snapshots cover
 * the run's course in equal strides whatever its length.
 */
export function snapshotSteps(steps: number, count = SNAPSHOT_COUNT): number[] {
  const evals = evaluationSteps(steps);
  if (evals.length <= count) return evals;
  const out = new Set<number>([evals[0]!, evals[evals.length - 1]!]);
  let at = 0;
  for (let i = 1; i < count - 1; i++) {
    const target = (steps * i) / (count - 1);
    while (at + 1 < evals.length && Math.abs(evals[at + 1]! - target) <= Math.abs(evals[at]! - target)) at++;
    out.add(evals[at]!);
  }
  return [...out].sort((a, b) => a - b);
}
