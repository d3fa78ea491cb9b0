/**
 * Makes a result small enough to ship with the page: every loss to 7
 * significant digits (float32 carries about 7, so nothing the engine
 * computed is lost), influences to 4 (bars on a [0, 1] axis). The curves are
 * already bounded (about 110 evaluation points a run, core/metrics
 * evaluationSteps), so no point is dropped.
 */
import type { HistogramRecord, ResultFile, ResultPoint, ResultRun } from './result';

export const LOSS_DIGITS = 7;
export const INFLUENCE_DIGITS = 4;

export function roundTo(x: number, digits: number): number {
  return Number.isFinite(x) && x !== 0 ? Number(x.toPrecision(digits)) : x;
}

function roundAll(xs: readonly number[] | undefined, digits: number): number[] | undefined {
  return xs?.map((x) => roundTo(x, digits));
}

function histogram(h: HistogramRecord | undefined): HistogramRecord | undefined {
  return h && { ...h, lo: roundTo(h.lo, LOSS_DIGITS), hi: roundTo(h.hi, LOSS_DIGITS) };
}

function point(p: ResultPoint): ResultPoint {
  const out: ResultPoint = {
    step: p.step,
    testNmse: roundTo(p.testNmse, LOSS_DIGITS),
    trainLoss: p.trainLoss === null ? null : roundTo(p.trainLoss, LOSS_DIGITS),
  };
  if (p.bitInfluence) out.bitInfluence = roundAll(p.bitInfluence, INFLUENCE_DIGITS);
  return out;
}

function run(r: ResultRun): ResultRun {
  const f = r.final;
  const final: ResultRun['final'] = {
    ...f,
    testNmse: f.testNmse === null ? null : roundTo(f.testNmse, LOSS_DIGITS),
    accuracy: f.accuracy === null ? null : roundTo(f.accuracy, LOSS_DIGITS),
  };
  if (f.bitInfluence) final.bitInfluence = roundAll(f.bitInfluence, INFLUENCE_DIGITS);
  if (f.student) {
    final.student = { firstLayer: histogram(f.student.firstLayer)! };
    if (f.student.secretProjection) final.student.secretProjection = histogram(f.student.secretProjection);
    if (f.student.otherProjection) final.student.otherProjection = histogram(f.student.otherProjection);
  }
  return { ...r, curve: r.curve.map(point), final };
}

export function decimateResult(r: ResultFile): ResultFile {
  return { ...r, runs: r.runs.map(run) };
}
