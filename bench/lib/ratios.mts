/**
 * The whole-experiment ratios of issue 9, defined once. Pure: unit-tested
 * in tests/unit/bench.ratios.test.ts.
 */

/**
 * Seconds an ideal PyTorch would take for the experiment: its run-steps
 * spread over every core, each core at the single-thread anchor's pace at
 * the experiment's R (the runs trained together).
 */
export function idealPyTorchSeconds(runSteps: number, cores: number, anchorRunStepsPerSecond: number): number {
  if (!(runSteps > 0 && cores > 0 && anchorRunStepsPerSecond > 0)) return Number.NaN;
  return runSteps / (cores * anchorRunStepsPerSecond);
}

/**
 * `defaultExperimentVsPyTorch`, `parityWallVsPyTorch`: the ideal PyTorch's
 * seconds over the app's Start-to-last-step seconds. 1.0 is PyTorch's speed
 * on every core; 0.5 takes twice as long.
 */
export function vsPyTorch(
  runSteps: number,
  cores: number,
  anchorRunStepsPerSecond: number,
  appSeconds: number,
): number {
  const ideal = idealPyTorchSeconds(runSteps, cores, anchorRunStepsPerSecond);
  return appSeconds > 0 ? ideal / appSeconds : Number.NaN;
}

/** `poolSpeedup` of one round: one worker's seconds over the pool's, for the same experiment. */
export function speedup(oneWorkerSeconds: number, poolSeconds: number): number {
  return oneWorkerSeconds > 0 && poolSeconds > 0 ? oneWorkerSeconds / poolSeconds : Number.NaN;
}
