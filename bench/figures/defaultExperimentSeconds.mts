/**
 * defaultExperimentSeconds: the default experiment at `/` (backend auto, so
 * including the worker's measurement of the backends; the pool once it
 * exists), from the click on Start to its last step in the store.
 * Extrapolated, and marked so, when not done in the time allowed.
 */
import { defaultExperimentRun } from '../lib/appRun.mjs';
import type { Figure } from '../lib/figure.mjs';
import { fmt } from '../lib/format.mjs';
import { LAPTOP } from '../lib/pages.mjs';
import { round } from '../lib/stats.mjs';
import { goal } from '../lib/targets.mjs';

export interface DefaultExperimentSeconds {
  seconds: number;
  extrapolated: boolean;
  finished: boolean;
  backend: string;
  backendReason: string | null;
  fromClickToBackendChosenSeconds: number | null;
  /** Null when the last step was not reached. */
  fromFirstStepToLastSeconds: number | null;
  /** When extrapolated: the step reached and the pace the rest was estimated at (newer reports only). */
  reachedStep?: number;
  paceStepsPerSecond?: number | null;
  /** The app's `workers` setting (added with the pool; older reports lack it). */
  workers?: unknown;
  /** Training workers seen running at once (newer reports only). */
  workersSeen?: number;
  definition: string;
  viewport: string;
}

export const defaultExperimentSeconds: Figure<DefaultExperimentSeconds> = {
  id: 'defaultExperimentSeconds',
  description: 'the default experiment in the app (backend auto, workers auto): click on Start to its last step',
  targets: [{ label: 'defaultExperimentSeconds', goal: goal('<=', '15') }],
  async run(ctx) {
    const { app } = await defaultExperimentRun(ctx);
    const f = app.finish;
    return {
      value: {
        seconds: round(f.seconds, 1),
        extrapolated: f.extrapolated,
        finished: app.finished,
        backend: app.backend,
        backendReason: app.backendReason,
        fromClickToBackendChosenSeconds: app.backendChosenSeconds,
        fromFirstStepToLastSeconds: f.extrapolated ? null : round(f.trainingSeconds, 1),
        ...(f.extrapolated
          ? {
              reachedStep: f.reachedStep,
              paceStepsPerSecond: f.paceStepsPerSecond === null ? null : round(f.paceStepsPerSecond, 1),
            }
          : {}),
        workers: app.workers ?? 'no workers field',
        workersSeen: app.workersSeen,
        definition: `default experiment (${app.runs} runs x ${app.totalSteps} steps, backend auto), from the click on Start to step ${app.totalSteps} in the store`,
        viewport: `${LAPTOP.width}x${LAPTOP.height}`,
      },
      measured: [
        {
          label: 'defaultExperimentSeconds',
          value: round(f.seconds, 1),
          exact: f.seconds,
          ...(f.extrapolated ? { note: 'extrapolated' } : {}),
        },
      ],
    };
  },
  print(de) {
    const from =
      de.extrapolated && de.reachedStep !== undefined
        ? ` from step ${fmt(de.reachedStep)} at ${fmt(de.paceStepsPerSecond)} steps/s`
        : '';
    return [
      '',
      `defaultExperimentSeconds: ${fmt(de.seconds)} s${de.extrapolated ? ` (extrapolated${from})` : ''} on ${fmt(de.backend)} (backend chosen ${fmt(de.fromClickToBackendChosenSeconds)} s after Start; first to last step ${fmt(de.fromFirstStepToLastSeconds)} s)`,
    ];
  },
};
