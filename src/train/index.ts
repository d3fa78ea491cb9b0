/** The training engine's public surface (docs/architecture.md, "Layers"). */
export { initBackend, setWasmBinaryPath, currentBackend, type BackendInfo, type RunningBackend } from './backend';
export { chooseStrategy, type RunSetup, type Strategy, type StrategyChoice } from './group';
export {
  TrainingSession,
  DIVERGENCE_FACTOR,
  type ChunkReport,
  type EvalReport,
  type GroupInfo,
  type RunChunk,
  type SessionOptions,
} from './session';
export { runExperiment, DEFAULT_CHUNK, type CurvePoint, type Progress, type RunOptions, type RunResult } from './run';
export { groupShape, initialLayers, layerSizes, type HostLayer, type StudentShape } from './student';
export { drawTestSet, testStream, trainStream, type TestSet } from './data';
export { trainingBatches } from './batchSource';
export {
  countKernelsPerRunStep,
  profileKernelsPerRunStep,
  type KernelCount,
  type KernelCountOptions,
} from './kernelCount';
export { ADAM_BETAS, ADAM_EPSILON, SGD_MOMENTUM, type OptimizerImpl } from './optimizer';
