/**
 * The SIMD engine (src/train/simdGroup.ts) trains as tfjs' per-run strategy
 * on wasm does: the same batches, the same initialisation, the same float32
 * formulas, sums in another order. Over 1000 steps, for every input kind,
 * both optimisers, depth 1 and 2, relu and tanh, the losses, the final
 * weights and the test loss agree to float32 rounding grown over training.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type Config } from '../../src/core/config';
import { expandRuns } from '../../src/core/experiment';
import { buildRunInputs } from '../../src/core/run-inputs';
import type { Strategy } from '../../src/train/group';
import { TrainingSession } from '../../src/train/session';
import { worstRelativeDiff } from './helpers/trainFixtures';

const STEPS = 1000;
/** Measured: at most 1.1e-6 of the largest weight after 1000 steps over the cases below (2-core VM, 12-03). */
const TOLERANCE = 1e-5;
/** Losses are differences of nearly equal numbers once a run fits well; their relative error grows more (measured at most 2e-5). */
const LOSS_TOLERANCE = 1e-4;
const SMALL: Partial<Config> = { n: 16, m: 8, h: 12, bs: 16, test: 32, d: 6, k: 3, steps: STEPS };

interface Trace {
  losses: number[];
  weights: Float32Array;
  nmse: number;
}

async function trace(c: Partial<Config>, strategy: Strategy): Promise<Trace> {
  const plan = expandRuns({ base: { ...DEFAULT_CONFIG, ...SMALL, ...c }, axes: [] })[0]!;
  const session = await TrainingSession.create([{ plan, sampler: buildRunInputs(plan).sampler }], { strategy });
  try {
    const losses: number[] = [];
    for (let i = 0; i < STEPS; i += 100) {
      const report = await session.advance(100);
      losses.push(report.runs[0]!.trainLoss ?? Number.NaN);
    }
    const nmse = (await session.evaluate())[0]!.testNmse ?? Number.NaN;
    const layers = (await session.weights())[0]!;
    const weights = Float32Array.from(layers.flatMap((l) => [...l.W, ...l.b]));
    return { losses, weights, nmse };
  } finally {
    session.dispose();
  }
}

/** Largest difference relative to the largest magnitude: weights near zero make element-wise ratios meaningless. */
function scaledDiff(a: Float32Array, b: Float32Array): number {
  let big = 0;
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    big = Math.max(big, Math.abs(a[i]!));
    worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  }
  return a.length === b.length ? worst / big : Infinity;
}

const KINDS = ['gaussian', 'parity', 'ksat', 'random', 'cube'] as const;
const CASES: Partial<Config>[] = [
  ...KINDS.flatMap((inputs) =>
    (['adam', 'sgd'] as const).flatMap((opt) =>
      [1, 2].flatMap((depth) => (['relu', 'tanh'] as const).map((act) => ({ inputs, opt, depth, act }))),
    ),
  ),
  // A fixed training set, visited in shuffled batches and smaller than a batch; a hidden width of one lane.
  { inputs: 'gaussian', opt: 'adam', depth: 1, act: 'relu', train: 40 },
  { inputs: 'parity', opt: 'sgd', depth: 2, act: 'tanh', train: 10 },
  { inputs: 'cube', opt: 'adam', depth: 2, act: 'relu', h: 1 },
];

describe('the SIMD engine against the per-run strategy on wasm', () => {
  beforeAll(async () => {
    expect(await tf.setBackend('wasm')).toBe(true);
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each(CASES)('1000 steps: $inputs, $opt, depth $depth, $act, train $train, h $h', async (c) => {
    const cfg: Partial<Config> = { ...c, lr: c.opt === 'adam' ? 3e-3 : 1e-2 };
    const reference = await trace(cfg, 'per-run');
    const simd = await trace(cfg, 'simd');
    expect(reference.losses.every(Number.isFinite)).toBe(true);
    expect(worstRelativeDiff(simd.losses, reference.losses)).toBeLessThan(LOSS_TOLERANCE);
    expect(scaledDiff(simd.weights, reference.weights)).toBeLessThan(TOLERANCE);
    expect(worstRelativeDiff([simd.nmse], [reference.nmse])).toBeLessThan(LOSS_TOLERANCE);
    // Training moved the weights, so equal numbers are not two untouched initialisations.
    expect(reference.losses[9]!).not.toBe(reference.losses[0]!);
  });
});
