/**
 * The shape of `defaultExperimentVsPyTorch` and `parityWallVsPyTorch`
 * (issue 9): the app's Start-to-last-step seconds for a whole experiment
 * against an ideal PyTorch that spreads the experiment's run-steps over
 * every core at the one-thread anchor's pace at the experiment's R,
 * measured just before and after the app in the same bench run.
 */
import type { Anchored } from './appRun.mjs';
import type { BenchContext, Figure } from './figure.mjs';
import { fmt } from './format.mjs';
import { idealPyTorchSeconds, vsPyTorch } from './ratios.mjs';
import { round } from './stats.mjs';
import { goal } from './targets.mjs';

export interface VsPyTorchWall {
  skipped?: string;
  ratio?: number;
  appSeconds?: number;
  extrapolated?: boolean;
  backend?: string;
  workers?: unknown;
  workersSeen?: number;
  idealSeconds?: number;
  runs?: number;
  runSteps?: number;
  cores?: number;
  /** Mean of the anchor before and after the app, run-steps/s. */
  anchorRunStepsPerSecond?: number;
  anchorBefore?: number;
  anchorAfter?: number;
  torch?: string;
  definition: string;
}

export function vsPyTorchWallFigure(
  id: string,
  description: string,
  measure: (ctx: BenchContext) => Promise<Anchored>,
  /** issue 16: 0.5 for the default experiment, 0.7 for the wall */
  target: string,
): Figure<VsPyTorchWall> {
  const definition =
    "(run-steps / (cores x PyTorch+OpenBLAS one-thread run-steps/s at the experiment's R)) / the app's Start-to-last-step seconds";
  return {
    id,
    description,
    targets: [{ label: id, goal: goal('>=', target) }],
    async run(ctx) {
      const { app, size, anchor } = await measure(ctx);
      if (anchor === null || typeof anchor === 'string') {
        return { value: { skipped: anchor ?? 'no anchor was run', definition }, missing: 'skipped' };
      }
      const seconds = app.finish.seconds;
      const ratio = vsPyTorch(size.runSteps, ctx.cores, anchor.runStepsPerSecond, seconds);
      return {
        value: {
          ratio: round(ratio, 3),
          appSeconds: round(seconds, 1),
          extrapolated: app.finish.extrapolated,
          backend: app.backend,
          workers: app.workers ?? 'no workers field',
          workersSeen: app.workersSeen,
          idealSeconds: round(idealPyTorchSeconds(size.runSteps, ctx.cores, anchor.runStepsPerSecond), 2),
          runs: size.runs,
          runSteps: size.runSteps,
          cores: ctx.cores,
          anchorRunStepsPerSecond: round(anchor.runStepsPerSecond),
          anchorBefore: round(anchor.before.runStepsPerSecond),
          anchorAfter: round(anchor.after.runStepsPerSecond),
          torch: anchor.before.torch,
          definition,
        },
        measured: [
          {
            label: id,
            value: round(ratio, 3),
            exact: ratio,
            ...(app.finish.extrapolated ? { note: 'extrapolated' } : {}),
          },
        ],
      };
    },
    print(v) {
      if (v.skipped) return ['', `${id}: skipped (${v.skipped})`];
      return [
        '',
        `${id}: ${fmt(v.ratio)} (app ${fmt(v.appSeconds)} s Start to last step${v.extrapolated ? ', extrapolated' : ''}, on ${fmt(v.backend)}, workers ${fmt(v.workers)}${v.workersSeen === undefined ? '' : ` (${v.workersSeen} seen)`}; ideal PyTorch ${fmt(v.idealSeconds)} s = ${fmt(v.runSteps)} run-steps / (${fmt(v.cores)} cores x ${fmt(v.anchorRunStepsPerSecond)} run-steps/s at R=${fmt(v.runs)}, one thread; before ${fmt(v.anchorBefore)}, after ${fmt(v.anchorAfter)}))`,
      ];
    },
  };
}
