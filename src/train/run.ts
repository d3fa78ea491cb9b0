/**
 * A whole experiment trained headless to the end: the CLI's and the tests'
 * way in. The result holds no timings, so the same inputs give bit-identical
 * curves.
 */
import type { AxisValues } from '../core/experiment';
import { ExperimentDriver, type DriverEvent } from './driver';
import type { RunSetup, StrategyChoice } from './group';

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
  const driver = await ExperimentDriver.create(setups, opts.strategy);
  try {
    const results: RunResult[] = setups.map(({ plan }) => ({
      label: plan.label,
      values: plan.values,
      curve: [],
      final: { step: 0, testNmse: Number.NaN, accuracy: null, diverged: false },
    }));
    const latest: (number | null)[] = setups.map(() => null);
    let runSteps = 0;
    const record = (event: DriverEvent): void => {
      runSteps += event.runSteps;
      for (const p of event.points) {
        const res = results[p.run]!;
        res.curve.push({ step: p.step, testNmse: p.testNmse, trainLoss: p.trainLoss });
        res.final = { step: p.step, testNmse: p.testNmse, accuracy: p.accuracy, diverged: false };
        latest[p.run] = p.testNmse;
      }
      for (const d of event.diverged) {
        results[d.run]!.final = { step: d.step, testNmse: Number.NaN, accuracy: null, diverged: true };
        latest[d.run] = null;
      }
      if (event.points.length || event.step === 0) {
        opts.onProgress?.({
          step: event.step,
          totalSteps: driver.session.totalSteps,
          runSteps,
          runs: results.map((r, i) => ({ label: r.label, testNmse: latest[i]! })),
        });
      }
    };
    record(await driver.start());
    while (!driver.done) record(await driver.advance(chunk));
    return results;
  } finally {
    driver.dispose();
  }
}
