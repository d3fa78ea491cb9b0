/**
 * The memory model: what a run and a training worker cost, so that the
 * validation refuses what a browser tab could not hold and the split planner
 * (core/split.ts) starts no more workers than memory allows.
 */
import type { Config } from './config';

/** What a browser tab can count on for the whole experiment. */
export const MEMORY_BUDGET_BYTES = 1.5 * 2 ** 30;

/**
 * What one training worker costs before any run (tfjs and its wasm heap, a
 * worker's JS heap, compiled shaders): a round figure on the safe side.
 */
export const WORKER_FIXED_BYTES = 96 * 2 ** 20;

/** Rough bytes a run needs on the device, for refusing what would not fit. */
export function estimateRunBytes(c: Config): number {
  const f32 = 4;
  const studentParams = c.n * c.h + (c.depth - 1) * c.h * c.h + c.h * c.depth + c.h + 1;
  // parameters, gradients and two Adam moments
  const params = 4 * studentParams;
  const activations = 3 * c.bs * (c.n + c.depth * c.h);
  const testSet = c.test * (c.n + 1) + c.test * c.h * c.depth;
  const trainSet = c.train === 'online' ? 0 : c.train * (c.n + 1);
  return f32 * (params + activations + testSet + trainSet);
}

export function formatBytes(b: number): string {
  if (b >= 2 ** 30) return `${(b / 2 ** 30).toFixed(1)} GiB`;
  if (b >= 2 ** 20) return `${(b / 2 ** 20).toFixed(0)} MiB`;
  return `${(b / 2 ** 10).toFixed(0)} KiB`;
}
