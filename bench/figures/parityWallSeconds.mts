/**
 * parityWallSeconds: the wall preset `?steps=40000&vs=k:2,3,4,5,6,7` (six
 * runs) in the app, backend and workers auto, from the click on Start to
 * step 40,000 in the store; extrapolated, and marked so, past 300 s.
 */
import { PARITY_WALL, parityWallRun } from '../lib/appRun.mjs';
import type { Figure } from '../lib/figure.mjs';
import { fmt } from '../lib/format.mjs';
import { round } from '../lib/stats.mjs';
import { goal } from '../lib/targets.mjs';

export interface ParityWallSeconds {
  seconds: number;
  extrapolated: boolean;
  /** The step reached when the estimate was made, and the pace the rest was estimated at. */
  reachedStep: number;
  paceStepsPerSecond: number | null;
  timeoutSeconds: number;
  fromFirstStepToLastSeconds: number;
  fromClickToBackendChosenSeconds: number | null;
  backend: string;
  workers: unknown;
  /** Training workers seen running at once (newer reports only). */
  workersSeen?: number;
  runs: number;
  notices: string[];
  query: string;
  definition: string;
}

export const parityWallSeconds: Figure<ParityWallSeconds> = {
  id: 'parityWallSeconds',
  description: 'the wall preset (k = 2..7, 40,000 steps) in the app: Start to last step, extrapolated past 300 s',
  targets: [{ label: 'parityWallSeconds', goal: goal('<=', '150') }],
  async run(ctx) {
    const { app } = await parityWallRun(ctx);
    const f = app.finish;
    return {
      value: {
        seconds: round(f.seconds, 1),
        extrapolated: f.extrapolated,
        reachedStep: f.reachedStep,
        paceStepsPerSecond: f.paceStepsPerSecond === null ? null : round(f.paceStepsPerSecond, 1),
        timeoutSeconds: app.timeoutSeconds,
        fromFirstStepToLastSeconds: round(f.trainingSeconds, 1),
        fromClickToBackendChosenSeconds: app.backendChosenSeconds,
        backend: app.backend,
        workers: app.workers ?? 'no workers field',
        workersSeen: app.workersSeen,
        runs: app.runs,
        notices: app.notices,
        query: PARITY_WALL,
        definition:
          'wall preset (6 runs x 40000 steps, backend auto), click on Start to step 40000 in the store; past the time allowed, the rest at the pace of the last 10 s',
      },
      measured: [
        {
          label: 'parityWallSeconds',
          value: round(f.seconds, 1),
          exact: f.seconds,
          ...(f.extrapolated ? { note: 'extrapolated' } : {}),
        },
      ],
    };
  },
  print(v) {
    const how = v.extrapolated
      ? `extrapolated from step ${fmt(v.reachedStep)} at ${fmt(v.paceStepsPerSecond)} steps/s after ${fmt(v.timeoutSeconds)} s`
      : 'measured';
    return [
      '',
      `parityWallSeconds: ${fmt(v.seconds)} s (${how}) on ${fmt(v.backend)}, workers ${fmt(v.workers)}${v.workersSeen === undefined ? '' : ` (${v.workersSeen} seen)`}, ${fmt(v.runs)} runs (backend chosen ${fmt(v.fromClickToBackendChosenSeconds)} s after Start; first to last step ${fmt(v.fromFirstStepToLastSeconds)} s)`,
      ...(v.notices.length ? [`  notices: ${v.notices.join('; ')}`] : []),
    ];
  },
};
