/**
 * The engine over many steps and under failure: the tensor count stays
 * flat, and a diverged run is marked and cannot disturb the runs beside it.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/core/config';
import type { RunSetup, Strategy } from '../../src/train/group';
import { TrainingSession } from '../../src/train/session';
import { testStream } from '../../src/train/data';
import {
  LinearSampler,
  PoisonedStreamSampler,
  RandomLabelSampler,
  ScaledSampler,
  setup,
  worstRelativeDiff,
} from './helpers/trainFixtures';

const SEEDS = { teacher: 1, data: 2, student: 3 };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const STRATEGIES: Strategy[] = ['batched', 'per-run', 'simd'];

describe('tensor count', () => {
  for (const strategy of STRATEGIES) {
    it(`is the same after 10 and after 1000 steps, and back to the start after dispose (${strategy})`, async () => {
      const before = tf.memory().numTensors;
      const tiny: Partial<Config> = { n: 8, h: 8, bs: 8, test: 32, steps: 2000 };
      const setups: RunSetup[] = [
        setup({ ...tiny, opt: 'adam' }, { student: 1 }),
        setup({ ...tiny, opt: 'adam' }, { student: 2 }, new RandomLabelSampler(8)),
        setup({ ...tiny, opt: 'sgd', train: 50, depth: 2, act: 'tanh' }, { student: 3 }),
        setup({ ...tiny, opt: 'adam', train: 4 }, { student: 4 }),
      ];
      const session = await TrainingSession.create(setups, { strategy });
      await session.advance(10);
      await session.evaluate();
      await session.snapshot();
      const after10 = tf.memory().numTensors;
      for (let i = 0; i < 9; i++) {
        await session.advance(110);
        await session.evaluate([0, 2]);
        await session.snapshot();
        await session.weights();
      }
      await session.advance(100);
      await session.evaluate();
      expect(session.step).toBe(1100);
      expect(tf.memory().numTensors).toBe(after10);
      session.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});

/** Per-step losses of the runs labelled in `keep`, by label. */
async function lossesByLabel(setups: RunSetup[], strategy: Strategy, steps: number) {
  const session = await TrainingSession.create(setups, { strategy });
  const losses = new Map<string, number[]>();
  const diverged = new Map<string, number | null>();
  for (let i = 0; i < steps; i++) {
    for (const r of (await session.advance(1)).runs) {
      if (!losses.has(r.label)) losses.set(r.label, []);
      losses.get(r.label)!.push(r.trainLoss ?? Number.NaN);
      diverged.set(r.label, r.divergedAt);
    }
  }
  const evals = new Map((await session.evaluate()).map((e) => [e.label, e]));
  const tensors = tf.memory().numTensors;
  session.dispose();
  return { losses, diverged, evals, tensors };
}

describe('divergence', () => {
  for (const strategy of STRATEGIES) {
    it(`of a poisoned run in the same group leaves the others untouched (${strategy})`, async () => {
      const linear = new LinearSampler(16);
      const healthy = [
        setup({}, { data: 1, student: 1 }, linear, 'a'),
        setup({}, { data: 2, student: 2 }, linear, 'b'),
      ];
      // Inputs of 1e20 make every loss overflow float32 from the first step.
      const poisoned = setup({}, { data: 3, student: 3 }, new ScaledSampler(linear, 1e20), 'poisoned');
      const mixed = await lossesByLabel([healthy[0]!, poisoned, healthy[1]!], strategy, 30);
      const clean = await lossesByLabel(healthy, strategy, 30);
      if (strategy === 'batched') {
        const session = await TrainingSession.create([healthy[0]!, poisoned, healthy[1]!], { strategy });
        expect(session.describe()).toEqual([{ strategy: 'batched', runs: [0, 1, 2] }]);
        session.dispose();
      }

      expect(mixed.diverged.get('poisoned')).toBe(1);
      expect(mixed.losses.get('poisoned')!.every(Number.isNaN)).toBe(true);
      expect(mixed.evals.get('poisoned')).toMatchObject({ diverged: true, divergedAt: 1, testNmse: null, step: 1 });
      for (const label of ['a', 'b']) {
        expect(mixed.diverged.get(label)).toBeNull();
        expect(mixed.losses.get(label)!.every(Number.isFinite)).toBe(true);
        expect(worstRelativeDiff(mixed.losses.get(label)!, clean.losses.get(label)!)).toBeLessThan(1e-6);
        expect(mixed.evals.get(label)!.testNmse).toBeCloseTo(clean.evals.get(label)!.testNmse!, 6);
      }
    });

    it(`of a run at lr=10 is marked with its step, the others carry on (${strategy})`, async () => {
      const linear = new LinearSampler(16);
      const calm = setup({ opt: 'sgd', lr: 1e-2 }, { student: 1 }, linear, 'calm');
      const wild = setup({ opt: 'sgd', lr: 10 }, { student: 2 }, linear, 'wild');
      const mixed = await lossesByLabel([calm, wild], strategy, 40);
      const alone = await lossesByLabel([calm], strategy, 40);
      const at = mixed.diverged.get('wild');
      expect(at).not.toBeNull();
      expect(at!).toBeGreaterThan(0);
      expect(at!).toBeLessThanOrEqual(40);
      // Reported up to the step before, never after.
      const wildLosses = mixed.losses.get('wild')!;
      expect(wildLosses.slice(at!).every(Number.isNaN)).toBe(true);
      expect(mixed.evals.get('wild')).toMatchObject({ diverged: true, step: at });
      expect(mixed.losses.get('calm')).toEqual(alone.losses.get('calm'));
    });
  }

  it('is detected from the test loss too, and a diverged run is no longer trained', async () => {
    const linear = new LinearSampler(16);
    // Only the test set is poisoned: training looks healthy until the first evaluation.
    const testOnly = new PoisonedStreamSampler(linear, testStream(SEEDS).seed);
    const session = await TrainingSession.create(
      [setup({}, SEEDS, testOnly, 'test-poisoned'), setup({}, SEEDS, linear, 'ok')],
      {
        strategy: 'per-run',
      },
    );
    const r1 = await session.advance(5);
    expect(r1.runs[0]!.diverged).toBe(false);
    const [e0, e1] = await session.evaluate();
    expect(e0).toMatchObject({ diverged: true, divergedAt: 5, testNmse: null });
    expect(e1!.diverged).toBe(false);
    const [frozen] = await session.weights();
    const r2 = await session.advance(5);
    // The per-run strategy skips a diverged run entirely: its parameters stay as they were.
    expect((await session.weights())[0]).toEqual(frozen);
    expect(r2.runs[0]).toMatchObject({ steps: 0, step: 5, trainLoss: null, diverged: true });
    expect(r2.runs[1]).toMatchObject({ steps: 5, step: 10, diverged: false });
    session.dispose();
  });
});
