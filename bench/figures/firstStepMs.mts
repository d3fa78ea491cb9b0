/**
 * firstStepMs: from navigation start to the first step > 0 in the store,
 * Start clicked as soon as it is enabled (page load + worker start +
 * backend choice + set-up + first chunk). The default experiment's run.
 */
import { defaultExperimentRun } from '../lib/appRun.mjs';
import type { Figure } from '../lib/figure.mjs';
import { fmt } from '../lib/format.mjs';

export interface FirstStepMs {
  ms: number | null;
  definition: string;
  startClickedAtMs: number | null;
  backendChosenAtMs: number | null;
  backend: string;
}

export const firstStepMs: Figure<FirstStepMs> = {
  id: 'firstStepMs',
  description: 'navigation start to the first step in the store, default experiment, Start clicked when enabled',
  targets: [],
  async run(ctx) {
    const { app } = await defaultExperimentRun(ctx);
    return {
      value: {
        ms: app.firstStepMs,
        definition: 'navigation start to the first step > 0 in the store; Start clicked as soon as it is enabled',
        startClickedAtMs: app.startClickedAtMs,
        backendChosenAtMs: app.backendChosenAtMs,
        backend: app.backend,
      },
    };
  },
  print(fs) {
    return [
      `firstStepMs: ${fmt(fs.ms)} ms (Start clicked at ${fmt(fs.startClickedAtMs)} ms, backend at ${fmt(fs.backendChosenAtMs)} ms)`,
    ];
  },
};
