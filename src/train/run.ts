/**
 * A whole experiment trained headless to the end: the CLI's and the tests'
 * way in. The result holds no timings, so the same inputs give bit-identical
 * curves.
 */
import type { ResultRun } from '../core/result';
import { ExperimentDriver, type DriverEvent } from './driver';
import type { RunSetup, StrategyChoice } from './group';
import type { SnapshotPoint } from './snapshots';

export type { ResultPoint as CurvePoint } from '../core/result';

/** One run of the result format (core/result.ts); a diverged run's final testNmse is null and its step the step it diverged at. */
export type RunResult = ResultRun;

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
    // Keys in the order of the result schema, so that a parsed result serialises to the same bytes.
    const variances = driver.session.labelVariances();
    const results: RunResult[] = setups.map(({ plan, sampler }, i) => {
      const secret = sampler.secret ? [...sampler.secret] : null;
      return {
        label: plan.label,
        values: plan.values,
        ...(secret ? { secret } : {}),
        labelVariance: variances[i]!,
        curve: [],
        final: { step: 0, testNmse: null, accuracy: null, diverged: false },
      };
    });
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
      for (const snap of event.snapshots) applySnapshot(results[snap.run]!, snap);
      for (const d of event.diverged) {
        results[d.run]!.final = { step: d.step, testNmse: null, accuracy: null, diverged: true };
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

/** A snapshot's numbers in a run's result: on its curve point, and in the final state when it is the latest. */
export function applySnapshot(result: RunResult, snap: SnapshotPoint): void {
  const point = result.curve.find((p) => p.step === snap.step);
  if (point && snap.bitInfluence) point.bitInfluence = snap.bitInfluence;
  if (result.final.step === snap.step && !result.final.diverged) {
    if (snap.bitInfluence) result.final.bitInfluence = snap.bitInfluence;
    result.final.student = snap.student;
  }
}
