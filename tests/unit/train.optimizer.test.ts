/**
 * The fused optimiser passes (src/train/optimizer.ts) reproduce tfjs' own
 * AdamOptimizer and MomentumOptimizer, with the same hyperparameters, on the
 * backends where they run; and a whole training session gives the same
 * losses with either.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OptimizerName } from '../../src/core/config';
import { Rng } from '../../src/core/rng';
import { countKernelsPerRunStep } from '../../src/train/kernelCount';
import {
  ADAM_BETAS,
  ADAM_EPSILON,
  FusedAdam,
  FusedMomentum,
  SGD_MOMENTUM,
  makeUpdater,
  type ParamUpdater,
} from '../../src/train/optimizer';
import { simdKernels } from '../../src/train/simdKernels';
import { TrainingSession } from '../../src/train/session';
import { ReluTeacherSampler, setup } from './helpers/trainFixtures';

const SHAPES = [[7, 5], [5], [5, 1], [1]];

function initialValues(seed: number): Float32Array[] {
  const rng = new Rng(seed);
  return SHAPES.map((s) => {
    const a = new Float32Array(s.reduce((p, q) => p * q, 1));
    rng.fillNormal(a, 0.5);
    return a;
  });
}

/**
 * Trains two copies of the same parameters for `steps` steps, one with each
 * updater, on a gradient that depends on the parameters (so any difference
 * would feed back) and on a fresh seeded term each step.
 */
function runBoth(a: ParamUpdater | tf.Optimizer, b: ParamUpdater, steps: number): [Float32Array[], Float32Array[]] {
  const init = initialValues(3);
  const varsA = init.map((v, i) => tf.variable(tf.tensor(Float32Array.from(v), SHAPES[i])));
  const varsB = init.map((v, i) => tf.variable(tf.tensor(Float32Array.from(v), SHAPES[i])));
  const rng = new Rng(4);
  const grad = (w: tf.Tensor, noise: Float32Array): tf.Tensor =>
    tf.add(tf.sin(tf.mul(w, 3)), tf.tensor(noise, w.shape));
  try {
    for (let t = 0; t < steps; t++) {
      const noise = init.map((v) => {
        const n = new Float32Array(v.length);
        rng.fillNormal(n, t % 7 === 0 ? 3 : 0.3);
        return n;
      });
      tf.tidy(() => {
        const gA = varsA.map((w, i) => grad(w, noise[i]!));
        if (a instanceof tf.Optimizer) a.applyGradients(varsA.map((w, i) => ({ name: w.name, tensor: gA[i]! })));
        else a.apply(varsA, gA);
        b.apply(
          varsB,
          varsB.map((w, i) => grad(w, noise[i]!)),
        );
      });
    }
    return [varsA.map((v) => Float32Array.from(v.dataSync())), varsB.map((v) => Float32Array.from(v.dataSync()))];
  } finally {
    tf.dispose([...varsA, ...varsB]);
  }
}

function expectBitIdentical(a: Float32Array[], b: Float32Array[]): void {
  for (let k = 0; k < a.length; k++) {
    expect(a[k]!.every(Number.isFinite)).toBe(true);
    expect(Array.from(b[k]!)).toEqual(Array.from(a[k]!));
  }
}

describe.each(['cpu', 'wasm'])('fused optimiser on %s', (backend) => {
  beforeAll(async () => {
    expect(await tf.setBackend(backend)).toBe(true);
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it('has its WebAssembly SIMD kernels here', () => {
    expect(simdKernels()).not.toBeNull();
  });

  const PASSES = [
    ['SIMD', true],
    ['JavaScript', false],
  ] as const;

  it.each(PASSES.flatMap(([name, simd]) => [1e-3, 1e-2, 0.3].map((lr) => [name, lr, simd] as const)))(
    "Adam (%s pass) equals tfjs' AdamOptimizer bit for bit over 1000 steps (lr %s)",
    (_name, lr, simd) => {
      const reference = tf.train.adam(lr, ADAM_BETAS[0], ADAM_BETAS[1], ADAM_EPSILON);
      const [a, b] = runBoth(reference, new FusedAdam(lr, simd), 1000);
      reference.dispose();
      expectBitIdentical(a, b);
      // The parameters moved: the comparison is not between two untouched starts.
      expect(Math.abs(a[0]![0]! - initialValues(3)[0]![0]!)).toBeGreaterThan(lr);
    },
  );

  it.each([1e-3, 0.05])(
    "SGD with momentum equals tfjs' MomentumOptimizer bit for bit over 1000 steps (lr %s)",
    (lr) => {
      const reference = tf.train.momentum(lr, SGD_MOMENTUM);
      const [a, b] = runBoth(reference, new FusedMomentum(lr), 1000);
      reference.dispose();
      (reference as unknown as { c: tf.Tensor }).c.dispose();
      expectBitIdentical(a, b);
    },
  );

  it('is what a group uses here by default', () => {
    for (const opt of ['adam', 'sgd'] as OptimizerName[]) {
      const u = makeUpdater(opt, 1e-3);
      expect(u.impl).toBe('fused');
      u.dispose();
    }
  });

  it.each(['per-run', 'batched'] as const)(
    'gives a session the same losses as tfjs optimisers (%s)',
    async (strategy) => {
      const sampler = new ReluTeacherSampler(16, 8);
      const runs = [
        setup({ opt: 'adam', lr: 1e-2, test: 64 }, { data: 1, student: 2 }, sampler, 'adam'),
        setup({ opt: 'sgd', lr: 1e-2, test: 64, depth: 2, act: 'tanh' }, { data: 3, student: 4 }, sampler, 'sgd'),
      ];
      const trace = async (optimizer: 'fused' | 'tfjs') => {
        const session = await TrainingSession.create(runs, { strategy, optimizer });
        const losses: (number | null)[] = [];
        for (let i = 0; i < 40; i++) losses.push(...(await session.advance(1)).runs.map((r) => r.trainLoss));
        const nmse = (await session.evaluate()).map((e) => e.testNmse);
        session.dispose();
        return { losses, nmse };
      };
      const fused = await trace('fused');
      expect(fused.losses.every((l) => l !== null && Number.isFinite(l))).toBe(true);
      expect(fused).toEqual(await trace('tfjs'));
    },
  );

  it('cuts the kernels of a run-step', async () => {
    const sampler = new ReluTeacherSampler(16, 8);
    const runs = [setup({ opt: 'adam', test: 64 }, { data: 1, student: 2 }, sampler)];
    const before = await countKernelsPerRunStep(runs, { optimizer: 'tfjs', strategy: 'per-run' });
    const after = await countKernelsPerRunStep(runs, { optimizer: 'fused', strategy: 'per-run' });
    // tfjs' Adam: about 13 kernels for each of the 4 parameter tensors; the fused pass runs none.
    expect(before - after).toBeGreaterThanOrEqual(40);
    expect(after).toBeGreaterThan(5);
  });
});
