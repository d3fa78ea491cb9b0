/**
 * parityWallVsPyTorch: the wall preset (k = 2..7, 40,000 steps each) in the
 * app against an ideal PyTorch on every core (see lib/vsPyTorchWall.mts).
 */
import { parityWallRun } from '../lib/appRun.mjs';
import { vsPyTorchWallFigure } from '../lib/vsPyTorchWall.mjs';

export const parityWallVsPyTorch = vsPyTorchWallFigure(
  'parityWallVsPyTorch',
  "ideal PyTorch seconds (6 x 40,000 run-steps over every core at the one-thread anchor at R = 6) / the app's wall preset seconds",
  parityWallRun,
  '0.7',
);
