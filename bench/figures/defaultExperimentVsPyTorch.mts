/**
 * defaultExperimentVsPyTorch: the default experiment's Start-to-last-step
 * seconds in the app against an ideal PyTorch on every core (see
 * lib/vsPyTorchWall.mts); 1.0 is PyTorch's speed on every core.
 */
import { defaultExperimentRun } from '../lib/appRun.mjs';
import { vsPyTorchWallFigure } from '../lib/vsPyTorchWall.mjs';

export const defaultExperimentVsPyTorch = vsPyTorchWallFigure(
  'defaultExperimentVsPyTorch',
  "ideal PyTorch seconds (3 x 8000 run-steps over every core at the one-thread anchor at R = 3) / the app's default experiment seconds",
  defaultExperimentRun,
  '0.5',
);
