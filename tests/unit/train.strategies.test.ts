/**
 * The two step strategies compute the same training, runs trained together
 * equal runs trained alone, and seeds fix every number.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type Config } from '../../src/core/config';
import { expandRuns } from '../../src/core/experiment';
import { buildRunInputs } from '../../src/core/run-inputs';
import type { RunSetup, Strategy } from '../../src/train/group';
import { TrainingSession } from '../../src/train/session';
import { LinearSampler, ReluTeacherSampler, setup, worstRelativeDiff } from './helpers/trainFixtures';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Per-step batch losses of every run (advance(1) each step), then the final test NMSE. */
async function trace(
  setups: RunSetup[],
  strategy: Strategy,
  steps: number,
): Promise<{ losses: number[][]; nmse: number[] }> {
  const session = await TrainingSession.create(setups, { strategy });
  try {
    const losses: number[][] = setups.map(() => []);
    for (let i = 0; i < steps; i++) {
      const report = await session.advance(1);
      report.runs.forEach((r) => losses[r.index]!.push(r.trainLoss ?? Number.NaN));
    }
    const nmse = (await session.evaluate()).map((e) => e.testNmse ?? Number.NaN);
    return { losses, nmse };
  } finally {
    session.dispose();
  }
}

/** Three runs of one shape: different data and student seeds, one teacher. */
function threeRuns(c: Partial<Config>): RunSetup[] {
  const sampler = new ReluTeacherSampler(16, 8);
  return [1, 2, 3].map((k) => setup(c, { data: 10 + k, student: 20 + k }, sampler, `run ${k}`));
}

const CASES: [string, Partial<Config>][] = [
  ['Adam, online', { opt: 'adam', lr: 1e-2 }],
  ['SGD, online', { opt: 'sgd', lr: 1e-2 }],
  ['Adam, fixed training set', { opt: 'adam', lr: 1e-2, train: 80 }],
  ['SGD, fixed training set', { opt: 'sgd', lr: 1e-2, train: 80 }],
  ['Adam, depth 2 tanh', { opt: 'adam', lr: 1e-2, depth: 2, act: 'tanh' }],
  ['SGD, depth 3 relu, training set smaller than a batch', { opt: 'sgd', lr: 5e-3, depth: 3, train: 20 }],
];

describe.each(['cpu', 'wasm'])('batched and per-run strategies on %s', (backend) => {
  beforeAll(async () => {
    expect(await tf.setBackend(backend)).toBe(true);
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  for (const [name, c] of CASES) {
    it(`give the same losses over 50 steps: R=3, ${name}`, async () => {
      const setups = threeRuns(c);
      const batched = await trace(setups, 'batched', 50);
      const perRun = await trace(setups, 'per-run', 50);
      for (let r = 0; r < 3; r++) {
        expect(batched.losses[r]!.every(Number.isFinite)).toBe(true);
        expect(worstRelativeDiff(batched.losses[r]!, perRun.losses[r]!)).toBeLessThan(1e-4);
      }
      expect(worstRelativeDiff(batched.nmse, perRun.nmse)).toBeLessThan(1e-4);
      // Training did something, so the comparison is not between two untouched initialisations.
      for (const l of perRun.losses) expect(l[49]!).toBeLessThan(0.9 * l[0]!);
    });
  }
});

describe('runs trained together', () => {
  for (const strategy of ['batched', 'per-run'] as const) {
    it(`give the same losses as each run alone (${strategy})`, async () => {
      const setups = threeRuns({ opt: 'adam', lr: 1e-2, train: 80 });
      const together = await trace(setups, strategy, 30);
      for (let r = 0; r < 3; r++) {
        const alone = await trace([setups[r]!], strategy, 30);
        expect(worstRelativeDiff(together.losses[r]!, alone.losses[0]!)).toBeLessThan(1e-6);
        expect(worstRelativeDiff([together.nmse[r]!], alone.nmse)).toBeLessThan(1e-6);
      }
    });
  }

  it('form one group per shape, in run order', async () => {
    const sampler = new LinearSampler(16);
    const setups = [
      setup({ h: 24 }, {}, sampler),
      setup({ h: 32 }, {}, sampler),
      setup({ h: 24 }, { student: 9 }, sampler),
      setup({ h: 24, lr: 3e-3 }, {}, sampler),
    ];
    const session = await TrainingSession.create(setups, { strategy: 'batched' });
    expect(session.describe()).toEqual([
      { strategy: 'batched', runs: [0, 2] },
      { strategy: 'batched', runs: [1] },
      { strategy: 'batched', runs: [3] },
    ]);
    session.dispose();
  });
});

describe('seeds', () => {
  for (const strategy of ['batched', 'per-run'] as const) {
    it(`same seeds give identical numbers, another student seed differs (${strategy})`, async () => {
      const sampler = new LinearSampler(16);
      const a = setup({ train: 100 }, { student: 5 }, sampler);
      const b = setup({ train: 100 }, { student: 5 }, sampler);
      const c = setup({ train: 100 }, { student: 6 }, sampler);
      const first = await trace([a], strategy, 20);
      const second = await trace([b], strategy, 20);
      const other = await trace([c], strategy, 20);
      expect(second).toEqual(first);
      expect(other.losses[0]![0]).not.toEqual(first.losses[0]![0]);
      expect(worstRelativeDiff(other.losses[0]!, first.losses[0]!)).toBeGreaterThan(1e-3);
    });
  }

  it('another data seed changes the data, not the initialisation', async () => {
    const sampler = new LinearSampler(16);
    const session = await TrainingSession.create(
      [setup({}, { data: 1, student: 5 }, sampler), setup({}, { data: 2, student: 5 }, sampler)],
      { strategy: 'per-run' },
    );
    const [w1, w2] = await session.snapshot();
    expect(w1).toEqual(w2);
    const report = await session.advance(1);
    expect(report.runs[0]!.trainLoss).not.toEqual(report.runs[1]!.trainLoss);
    session.dispose();
  });
});

describe('labels computed on the device (gaussian inputs)', () => {
  /** The real samplers of the app, small sizes; gaussian takes the device path in the per-run strategy only. */
  function realRuns(clip: boolean): RunSetup[] {
    const experiment = {
      base: { ...DEFAULT_CONFIG, n: 24, m: 12, h: 16, bs: 32, test: 256, d: 10, k: 2, clip, sigma: clip ? 0.3 : 1 },
      axes: [{ field: 'inputs' as const, values: ['gaussian' as const, 'parity' as const] }],
    };
    return expandRuns(experiment).map((plan) => ({ plan, sampler: buildRunInputs(plan).sampler }));
  }

  it.each([false, true])('train the same as host labels (clip %s)', async (clip) => {
    const setups = realRuns(clip);
    expect(setups[0]!.sampler.deviceLabels).toBeDefined();
    const a = await trace(setups, 'per-run', 30);
    const b = await trace(realRuns(clip), 'batched', 30);
    expect(worstRelativeDiff(a.losses.flat(), b.losses.flat())).toBeLessThan(1e-4);
    expect(worstRelativeDiff(a.nmse, b.nmse)).toBeLessThan(1e-4);
  });
});
