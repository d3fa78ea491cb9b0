/**
 * The input distributions of docs/science.md 2.2 (docs/science.md): one file per
 * kind, listed in ./registry. This barrel is for the CLI, the tools and the
 * tests; the engine and the page import the modules they need.
 */
export type { Batch, InputSampler, UnitRole, UnitRoleName } from './types';
export type { InputKindSpec, SamplerTools } from './kind';
export { INPUT_KIND_LIST, INPUT_KINDS, inputKind, type InputKind } from './registry';
export { makeInputSampler, SAMPLER_TOOLS } from './build';
export { Construction, CALIBRATION_SAMPLES, TAU_FACTOR } from './construction';
export { ConstructionSampler, type RawSamples } from './constructionSampler';
export { GaussianSampler } from './gaussian';
export { KsatSampler, ksatTargets } from './ksat';
export type { KsatTargets } from './ksat';
export { ParitySampler, parityTargets } from './parity';
export type { ParityTargets } from './parity';
export { RandomLabelSampler } from './random';
