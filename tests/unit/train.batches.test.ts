/**
 * trainingBatches (src/train/batchSource.ts) returns exactly the batches the
 * per-run strategy trains on: with a learning rate of 0 the parameters stay
 * at their initial values, so the session's batch loss at step t must equal,
 * bit for bit, the loss of the initial student on batch t computed with the
 * same kernels. And device-formed construction inputs equal the host's to
 * float32 rounding.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type Config } from '../../src/core/config';
import { expandRuns } from '../../src/core/experiment';
import { buildRunInputs } from '../../src/core/run-inputs';
import { trainingBatches } from '../../src/train/batchSource';
import { trainStream } from '../../src/train/data';
import type { RunSetup } from '../../src/train/group';
import { forward2d } from '../../src/train/mlp2d';
import { TrainingSession } from '../../src/train/session';
import { initialLayers, groupShape } from '../../src/train/student';

function runsOf(over: Partial<Config>): RunSetup[] {
  const experiment = {
    base: { ...DEFAULT_CONFIG, n: 24, m: 12, h: 16, bs: 32, test: 64, d: 10, k: 2, ...over },
    axes: [
      {
        field: 'inputs' as const,
        values: ['gaussian' as const, 'parity' as const, 'random' as const, 'ksat' as const],
      },
    ],
  };
  return expandRuns(experiment).map((plan) => ({ plan, sampler: buildRunInputs(plan).sampler }));
}

function lossOfInitial(setup: RunSetup, x: Float32Array, y: Float32Array): number {
  const c = setup.plan.config;
  const host = initialLayers(groupShape(c), setup.plan.seeds);
  return tf.tidy(() => {
    const layers = host.map((l) => ({ W: tf.tensor2d(l.W, [l.fanIn, l.fanOut]), b: tf.tensor1d(l.b) }));
    const xs = tf.tensor2d(x, [y.length, c.n]);
    const out = forward2d(layers, xs, c.act).out;
    return tf.mean(tf.square(tf.sub(out, tf.tensor2d(y, [y.length, 1])))).dataSync()[0]!;
  });
}

describe.each(['cpu', 'wasm'])('trainingBatches on %s', (backend) => {
  beforeAll(async () => {
    expect(await tf.setBackend(backend)).toBe(true);
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each([
    ['online', {}],
    ['a fixed training set', { train: 100 }],
  ] as const)('are the batches the per-run strategy trains on (%s)', async (_name, over) => {
    const setups = runsOf({ ...over, lr: 0 });
    const session = await TrainingSession.create(setups, { strategy: 'per-run' });
    const steps = 4;
    const losses: number[][] = setups.map(() => []);
    for (let i = 0; i < steps; i++) {
      for (const r of (await session.advance(1)).runs) losses[r.index]!.push(r.trainLoss!);
    }
    session.dispose();
    for (const [i, setup] of setups.entries()) {
      const c = setup.plan.config;
      const batches = await trainingBatches(setup.sampler, setup.plan.seeds, c, steps);
      expect(batches).toHaveLength(steps);
      const mine = batches.map((b) => lossOfInitial(setup, b.x, b.y));
      expect(mine).toEqual(losses[i]);
      // different batches each step
      expect(new Set(mine).size).toBe(steps);
    }
  });

  it('construction inputs formed on the device equal the host samples to float32 rounding', async () => {
    for (const setup of runsOf({}).filter((s) => s.plan.config.inputs !== 'gaussian')) {
      const [batch] = await trainingBatches(setup.sampler, setup.plan.seeds, setup.plan.config, 1);
      const host = setup.sampler.sample(trainStream(setup.plan.seeds), 32);
      expect(Array.from(batch!.y)).toEqual(Array.from(host.y.subarray(0, 32)));
      let worst = 0;
      for (let i = 0; i < batch!.x.length; i++) {
        worst = Math.max(worst, Math.abs(batch!.x[i]! - host.x[i]!) / Math.max(1, Math.abs(host.x[i]!)));
      }
      expect(worst).toBeLessThan(1e-5);
    }
  });
});
