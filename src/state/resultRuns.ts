/**
 * The runs the store holds, in the one result format (core/result.ts): the
 * same numbers, in the same order of keys, as the CLI's `--json` for the
 * same permalink, so a browser export reproduces it (tested against the
 * headless run). The export feature wraps them with buildResult.
 */
import type { AxisValues } from '../core/experiment';
import type { ResultFinal, ResultPoint, ResultRun } from '../core/result';
import type { RunState } from './runsSlice';

export function resultRuns(runs: readonly RunState[]): ResultRun[] {
  return runs.map((r) => {
    const snapAt = new Map((r.snapshots ?? []).map((s) => [s.step, s]));
    const curve = r.curve.map((p): ResultPoint => {
      const point: ResultPoint = { step: p.step, testNmse: p.testNmse, trainLoss: p.trainLoss };
      const influence = snapAt.get(p.step)?.bitInfluence;
      if (influence) point.bitInfluence = influence;
      return point;
    });
    const last = r.curve[r.curve.length - 1];
    let final: ResultFinal;
    if (r.divergedAt !== null) final = { step: r.divergedAt, testNmse: null, accuracy: null, diverged: true };
    else if (!last) final = { step: 0, testNmse: null, accuracy: null, diverged: false };
    else {
      final = { step: last.step, testNmse: last.testNmse, accuracy: last.accuracy, diverged: false };
      const snap = snapAt.get(last.step);
      if (snap?.bitInfluence) final.bitInfluence = snap.bitInfluence;
      if (snap) final.student = snap.student;
    }
    return {
      label: r.info.label,
      values: r.info.values as AxisValues,
      ...(r.secret ? { secret: r.secret } : {}),
      labelVariance: r.info.labelVariance,
      curve,
      final,
    };
  });
}
