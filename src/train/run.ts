/**
 * A whole experiment trained headless to the end: the CLI's and the tests'
 * way in. Chunks end exactly on every run's evaluation steps, and the result
 * holds no timings, so the same inputs give bit-identical curves.
 */
import type { AxisValues } from '../core/experiment';
import { evaluationSteps } from '../core/metrics';
import type { RunSetup, StrategyChoice } from './group';
import { TrainingSession, type EvalReport } from './session';

export interface CurvePoint {
  step: number;
  testNmse: number;
  /** Mean raw batch MSE since the previous evaluation; null at step 0. */
  trainLoss: number | null;
}

export interface RunResult {
  label: string;
  values: AxisValues;
  curve: CurvePoint[];
  /** A diverged run's testNmse is NaN (null in JSON) and its step the step it diverged at. */
  final: { step: number; testNmse: number; accuracy: number | null; diverged: boolean };
}

export interface Progress {
  step: number;
  totalSteps: number;
  /** Steps trained so far, summed over the runs (a diverged run stops counting). */
  runSteps: number;
  runs: { label: string; testNmse: number | null }[];
}

export interface RunOptions {
  strategy?: StrategyChoice;
  onProgress?: (p: Progress) => void;
  /** Most steps between two reads of the losses. */
  chunk?: number;
}

export const DEFAULT_CHUNK = 500;

export async function runExperiment(setups: readonly RunSetup[], opts: RunOptions = {}): Promise<RunResult[]> {
  const chunk = opts.chunk ?? DEFAULT_CHUNK;
  if (!Number.isInteger(chunk) || chunk < 1) throw new Error(`chunk must be a positive whole number, got ${chunk}`);
  const session = await TrainingSession.create(setups, opts.strategy ? { strategy: opts.strategy } : {});
  try {
    const evalAt = setups.map((s) => new Set(evaluationSteps(s.plan.config.steps)));
    const stops = [...new Set(evalAt.flatMap((s) => [...s]))].filter((s) => s > 0).sort((a, b) => a - b);
    const results: RunResult[] = setups.map(({ plan }) => ({
      label: plan.label,
      values: plan.values,
      curve: [],
      final: { step: 0, testNmse: Number.NaN, accuracy: null, diverged: false },
    }));
    const lossSum = setups.map(() => 0);
    const lossSteps = setups.map(() => 0);
    const latest: (number | null)[] = setups.map(() => null);
    let runSteps = 0;

    const record = (reports: EvalReport[], step: number): void => {
      for (const e of reports) {
        const res = results[e.index]!;
        if (e.diverged) {
          res.final = { step: e.divergedAt ?? e.step, testNmse: Number.NaN, accuracy: null, diverged: true };
          latest[e.index] = null;
          continue;
        }
        const trainLoss = step === 0 || lossSteps[e.index] === 0 ? null : lossSum[e.index]! / lossSteps[e.index]!;
        res.curve.push({ step: e.step, testNmse: e.testNmse!, trainLoss });
        res.final = { step: e.step, testNmse: e.testNmse!, accuracy: e.accuracy, diverged: false };
        latest[e.index] = e.testNmse;
        lossSum[e.index] = 0;
        lossSteps[e.index] = 0;
      }
      opts.onProgress?.({
        step,
        totalSteps: session.totalSteps,
        runSteps,
        runs: results.map((r, i) => ({ label: r.label, testNmse: latest[i]! })),
      });
    };

    record(await session.evaluate(), 0);
    for (const stop of stops) {
      while (session.step < stop) {
        const report = await session.advance(Math.min(chunk, stop - session.step));
        for (const r of report.runs) {
          lossSum[r.index]! += r.trainLossSum;
          lossSteps[r.index]! += r.steps;
          runSteps += r.steps;
          if (r.diverged)
            results[r.index]!.final = { step: r.divergedAt!, testNmse: Number.NaN, accuracy: null, diverged: true };
        }
      }
      const due = setups.map((_, i) => i).filter((i) => evalAt[i]!.has(stop) && !results[i]!.final.diverged);
      if (due.length) record(await session.evaluate(due), stop);
    }
    return results;
  } finally {
    session.dispose();
  }
}
