/**
 * Makes a result small enough to ship with the page: every loss to 7
 * significant digits (float32 carries about 7, so nothing the engine
 * computed is lost); bit influences to 2 decimals (bars on a [0, 1] axis,
 * a hundredth is below a pixel) and kept at no more than
 * INFLUENCE_SNAPSHOTS weight snapshots a run, evenly spread, the first and
 * the last among them (the final influence is always kept). A run's
 * influences are otherwise most of its bytes: d = 50 numbers at some 24
 * snapshots. The loss curves are already bounded (about 110 evaluation
 * points a run, core/metrics evaluationSteps), so no loss point is dropped.
 */
import type { HistogramRecord, ResultFile, ResultPoint, ResultRun } from './result';

export const LOSS_DIGITS = 7;
export const INFLUENCE_DECIMALS = 2;
export const INFLUENCE_SNAPSHOTS = 12;

export function roundTo(x: number, digits: number): number {
  return Number.isFinite(x) && x !== 0 ? Number(x.toPrecision(digits)) : x;
}

function roundInfluences(xs: readonly number[] | undefined): number[] | undefined {
  const scale = 10 ** INFLUENCE_DECIMALS;
  return xs?.map((x) => Math.round(x * scale) / scale);
}

/** Indices of the points to keep among `count`: at most `keep`, evenly spread, first and last included. */
export function spreadIndices(count: number, keep: number): Set<number> {
  if (count <= keep) return new Set(Array.from({ length: count }, (_, i) => i));
  if (keep <= 1) return new Set([count - 1]);
  return new Set(Array.from({ length: keep }, (_, j) => Math.round((j * (count - 1)) / (keep - 1))));
}

function histogram(h: HistogramRecord | undefined): HistogramRecord | undefined {
  return h && { ...h, lo: roundTo(h.lo, LOSS_DIGITS), hi: roundTo(h.hi, LOSS_DIGITS) };
}

function point(p: ResultPoint, keepInfluence: boolean): ResultPoint {
  const out: ResultPoint = {
    step: p.step,
    testNmse: roundTo(p.testNmse, LOSS_DIGITS),
    trainLoss: p.trainLoss === null ? null : roundTo(p.trainLoss, LOSS_DIGITS),
  };
  if (p.bitInfluence && keepInfluence) out.bitInfluence = roundInfluences(p.bitInfluence);
  return out;
}

function run(r: ResultRun): ResultRun {
  const snapshots = r.curve.flatMap((p, i) => (p.bitInfluence ? [i] : []));
  const kept = new Set([...spreadIndices(snapshots.length, INFLUENCE_SNAPSHOTS)].map((j) => snapshots[j]!));
  const f = r.final;
  const final: ResultRun['final'] = {
    ...f,
    testNmse: f.testNmse === null ? null : roundTo(f.testNmse, LOSS_DIGITS),
    accuracy: f.accuracy === null ? null : roundTo(f.accuracy, LOSS_DIGITS),
  };
  if (f.bitInfluence) final.bitInfluence = roundInfluences(f.bitInfluence);
  if (f.student) {
    final.student = { firstLayer: histogram(f.student.firstLayer)! };
    if (f.student.secretProjection) final.student.secretProjection = histogram(f.student.secretProjection);
    if (f.student.otherProjection) final.student.otherProjection = histogram(f.student.otherProjection);
  }
  return { ...r, curve: r.curve.map((p, i) => point(p, kept.has(i))), final };
}

export function decimateResult(r: ResultFile): ResultFile {
  return { ...r, runs: r.runs.map(run) };
}
