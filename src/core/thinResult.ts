/**
 * Thins a long result for shipping with the page where it is not the lab's
 * own engine's (a PyTorch sweep's recording): such a file is statistically
 * equivalent to a fresh run, never equal to it, so seven digits and every
 * evaluation point buy nothing. Keeps, per run: the early points (the first
 * hundredth of the budget, for the log-scaled step axis), the 1-2-5 steps
 * (2,000, 20,000: the checkpoints of docs/science.md), one point every
 * twentieth of the budget (round numbers: 5,000, 10,000, ... at 100k), the
 * first point below LEARNED_NMSE and the one before it (so the wall chart's
 * steps-until-learned is the full curve's), and the last point. Losses to
 * four significant digits.
 */
import { LEARNED_NMSE } from './metrics';
import type { ResultFile, ResultPoint, ResultRun } from './result';
import { roundTo } from './decimateResult';

export const THIN_DIGITS = 4;
/** A point every budget / STRIDES steps. */
export const STRIDES = 20;

/** 1, 2, 5, 10, 20, 50, ...: the steps a log-scaled axis and the science's checkpoints name. */
function oneTwoFive(step: number): boolean {
  if (step <= 0) return false;
  const scale = 10 ** Math.floor(Math.log10(step));
  return [1, 2, 5].some((f) => f * scale === step);
}

/** The indices of the curve's points a thinned run keeps. */
export function keptPoints(curve: readonly ResultPoint[], budget: number): Set<number> {
  const early = budget / 100;
  const stride = Math.max(1, Math.round(budget / STRIDES));
  const keep = new Set<number>();
  curve.forEach((p, i) => {
    if (p.step <= early || p.step % stride === 0 || oneTwoFive(p.step)) keep.add(i);
  });
  const learned = curve.findIndex((p) => p.testNmse < LEARNED_NMSE);
  if (learned >= 0) {
    keep.add(learned);
    if (learned > 0) keep.add(learned - 1);
  }
  if (curve.length) keep.add(curve.length - 1);
  return keep;
}

function thinRun(r: ResultRun, budget: number): ResultRun {
  const keep = keptPoints(r.curve, budget);
  const curve = r.curve
    .filter((_, i) => keep.has(i))
    .map((p) => ({
      ...p,
      testNmse: roundTo(p.testNmse, THIN_DIGITS),
      trainLoss: p.trainLoss === null ? null : roundTo(p.trainLoss, THIN_DIGITS),
    }));
  const f = r.final;
  return {
    ...r,
    curve,
    final: { ...f, testNmse: f.testNmse === null ? null : roundTo(f.testNmse, THIN_DIGITS) },
  };
}

export function thinResult(result: ResultFile): ResultFile {
  return { ...result, runs: result.runs.map((r) => thinRun(r, stepsOf(r))) };
}

/** A run's budget, near enough: its last evaluation is at its last step (core/metrics evaluationSteps). */
function stepsOf(r: ResultRun): number {
  return r.curve.length ? r.curve[r.curve.length - 1]!.step : r.final.step;
}
