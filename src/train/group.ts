/**
 * What a session needs from a group of same-shaped runs, whatever the step
 * strategy behind it, and the one place where the strategy is chosen.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Config } from '../core/config';
import type { RunPlan } from '../core/experiment';
import type { InputSampler } from '../core/inputs/types';
import type { SeedSet } from '../core/rng';
import type { RunningBackend } from './backend';
import { engineKernels } from './simdEngineKernels';
import type { TestSet } from './data';
import type { FlipProbe } from './flipForward';
import type { GroupShape, HostLayer } from './student';

/** A run to train: its plan and the input distribution already built for it. */
export interface RunSetup {
  plan: RunPlan;
  sampler: InputSampler;
}

/** A run's bookkeeping, shared by the session (which writes it) and its group (which reads it). */
export interface RunState {
  readonly index: number;
  readonly label: string;
  readonly config: Config;
  readonly seeds: SeedSet;
  readonly sampler: InputSampler;
  readonly test: TestSet;
  /** Steps trained so far. */
  step: number;
  /** The step whose loss first went non-finite or absurd; the run is no longer trained. */
  divergedAt: number | null;
}

export type Strategy = 'batched' | 'per-run' | 'simd';
export type StrategyChoice = Strategy | 'auto';

/**
 * Batched products pay WebGL's fixed cost per kernel once for all runs. On
 * the CPU backends the project's own SIMD engine (simdGroup.ts) steps each
 * run without tfjs' kernels: measured 3 to 4 times the per-run strategy's
 * pace at the default shapes (npm run bench, vsPyTorchCpu). Where WebAssembly
 * SIMD is missing, each run steps alone on tfjs (docs/architecture.md,
 * "Training engine and backends").
 */
export function chooseStrategy(choice: StrategyChoice, backend: RunningBackend): Strategy {
  if (choice !== 'auto') return choice;
  if (backend === 'webgl' || backend === 'webgpu') return 'batched';
  return engineKernels() ? 'simd' : 'per-run';
}

// The optimiser's hyperparameters and tfjs optimisers live in optimizer.ts; re-exported for older imports.
export { ADAM_BETAS, ADAM_EPSILON, SGD_MOMENTUM, disposeOptimizer, makeOptimizer } from './optimizer';

/** Runs of one GroupShape trained by one strategy. Members are in session order. */
export interface Group {
  readonly strategy: Strategy;
  readonly shape: GroupShape;
  readonly runs: readonly RunState[];
  /**
   * Trains `steps` steps of every member not yet diverged. The work is
   * enqueued before the first await, so several groups can be started and
   * then awaited together. Resolves to each member's batch losses, or null
   * for a member that was not trained.
   */
  train(steps: number): Promise<(Float32Array | null)[]>;
  /** Predictions on each wanted member's test set (null where not wanted). */
  predictTest(wanted: readonly boolean[]): Promise<(Float32Array | null)[]>;
  /** Every member's parameters, copied to the host. */
  layers(): Promise<HostLayer[][]>;
  /** Every member's first-layer weights, n x h row-major. */
  firstLayer(): Promise<Float32Array[]>;
  /** One member's predictions on `count` inputs (count x n, row-major, as the student sees them). */
  predict(member: number, x: Float32Array, count: number): Promise<Float32Array>;
  /** One member's outputs on an influence sample and on its flips (flipForward.ts). */
  predictFlips(member: number, probe: FlipProbe): Promise<{ atBase: Float32Array; atFlipped: Float32Array }>;
  dispose(): void;
}

export function isLive(run: RunState): boolean {
  return run.divergedAt === null;
}

/** A variable initialised from host numbers, without leaving the initial tensor behind. */
export function hostVariable(values: Float32Array, shape: number[]): tf.Variable {
  // A copy: the cpu backend keeps the very array it is given, and the fused optimiser updates variables in place.
  const init = tf.tensor(Float32Array.from(values), shape, 'float32');
  const v = tf.variable(init);
  init.dispose();
  return v;
}

/** Stacks same-shaped losses and reads them in one asynchronous transfer (no synchronous read stalls the pipe). */
export async function readAndDispose(parts: tf.Tensor[]): Promise<Float32Array> {
  if (parts.length === 0) return new Float32Array(0);
  const all = tf.stack(parts);
  for (const p of parts) p.dispose();
  try {
    return (await all.data()) as Float32Array;
  } finally {
    all.dispose();
  }
}

/**
 * A host copy of a tensor's values. The cpu backend hands out its own
 * storage from data(), which a caller could transfer (detaching it) or keep
 * past the tensor's life; a copy is safe on every backend.
 */
export async function readCopy(t: tf.Tensor): Promise<Float32Array> {
  return Float32Array.from((await t.data()) as Float32Array);
}

/** Reads the two outputs of flippedForward and disposes them. */
export async function readFlips(out: { atBase: tf.Tensor; atFlipped: tf.Tensor }): Promise<{
  atBase: Float32Array;
  atFlipped: Float32Array;
}> {
  try {
    return { atBase: await readCopy(out.atBase), atFlipped: await readCopy(out.atFlipped) };
  } finally {
    out.atBase.dispose();
    out.atFlipped.dispose();
  }
}
