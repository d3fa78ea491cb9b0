/**
 * Every figure of `npm run bench`, in the order of BENCHMARKS.md: the order
 * they are measured in, printed in and listed by `--list`. A new figure is a
 * new module here and one line below.
 */
import type { AnyFigure } from '../lib/figure.mjs';
import { batchedSpeedup } from './batchedSpeedup.mjs';
import { defaultExperimentSeconds } from './defaultExperimentSeconds.mjs';
import { defaultExperimentVsPyTorch } from './defaultExperimentVsPyTorch.mjs';
import { firstStepMs } from './firstStepMs.mjs';
import { kernelsPerRunStep } from './kernelsPerRunStep.mjs';
import { longestMainThreadTaskMs } from './longestMainThreadTaskMs.mjs';
import { mainBundleGzipKiB } from './mainBundleGzipKiB.mjs';
import { overheadRatio } from './overheadRatio.mjs';
import { parityWallSeconds } from './parityWallSeconds.mjs';
import { parityWallVsPyTorch } from './parityWallVsPyTorch.mjs';
import { poolSpeedup } from './poolSpeedup.mjs';
import { scale } from './scale.mjs';
import { startToFirstStepMs } from './startToFirstStepMs.mjs';
import { stepsPerSecond } from './stepsPerSecond.mjs';
import { tensorLeakPerStep } from './tensorLeakPerStep.mjs';
import { vsIdiomaticTfjs } from './vsIdiomaticTfjs.mjs';
import { vsPyTorchCpu } from './vsPyTorchCpu.mjs';
import { webgpu } from './webgpu.mjs';

export const FIGURES: readonly AnyFigure[] = [
  stepsPerSecond,
  batchedSpeedup,
  vsIdiomaticTfjs,
  vsPyTorchCpu,
  kernelsPerRunStep,
  overheadRatio,
  defaultExperimentSeconds,
  firstStepMs,
  startToFirstStepMs,
  defaultExperimentVsPyTorch,
  poolSpeedup,
  parityWallSeconds,
  parityWallVsPyTorch,
  longestMainThreadTaskMs,
  tensorLeakPerStep,
  mainBundleGzipKiB,
  scale,
  webgpu,
];
