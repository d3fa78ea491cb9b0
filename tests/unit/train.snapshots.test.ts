/**
 * Weight snapshots (train/snapshots.ts): taken at snapshotSteps, the bit
 * influence measured on the device equals the definition (docs/science.md 2.6)
 * computed on the host from the student's own weights, both strategies
 * agree, nothing leaks, and the results carry secret, curve influences and
 * the final student.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type Config } from '../../src/core/config';
import { expandRuns } from '../../src/core/experiment';
import { bitInfluence, flippedInputs, influenceProbe, influenceStream } from '../../src/core/influence';
import { ParitySampler } from '../../src/core/inputs';
import { evaluationSteps, snapshotSteps, SNAPSHOT_COUNT } from '../../src/core/metrics';
import { buildRunInputs } from '../../src/core/run-inputs';
import { flipProbe } from '../../src/train/flipForward';
import type { RunSetup, Strategy } from '../../src/train/group';
import { runExperiment } from '../../src/train/run';
import { TrainingSession } from '../../src/train/session';
import { Snapshotter } from '../../src/train/snapshots';
import type { HostLayer } from '../../src/train/student';

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  return Math.max(...Array.from(a, (v, i) => Math.abs(v - b[i]!)));
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const SMALL: Partial<Config> = { n: 32, m: 16, d: 10, k: 2, h: 16, bs: 32, test: 128, lr: 1e-2, steps: 60 };

function setups(over: Partial<Config>, axes: Parameters<typeof expandRuns>[0]['axes'] = []): RunSetup[] {
  return expandRuns({ base: { ...DEFAULT_CONFIG, ...SMALL, ...over }, axes }).map(buildRunInputs);
}

/** The student network on the host, in float64, from its own parameters. */
function hostStudent(layers: HostLayer[], act: Config['act']) {
  return (x: Float64Array, count: number): Float64Array => {
    let a: Float64Array = x;
    let width = layers[0]!.fanIn;
    layers.forEach((l, li) => {
      const out = new Float64Array(count * l.fanOut);
      for (let s = 0; s < count; s++) {
        for (let u = 0; u < l.fanOut; u++) {
          let z = l.b[u]!;
          for (let r = 0; r < width; r++) z += a[s * width + r]! * l.W[r * l.fanOut + u]!;
          out[s * l.fanOut + u] = li === layers.length - 1 ? z : act === 'relu' ? Math.max(0, z) : Math.tanh(z);
        }
      }
      a = out;
      width = l.fanOut;
    });
    return a;
  };
}

describe('snapshot steps', () => {
  it('are about SNAPSHOT_COUNT evaluation steps, from the start to the last', () => {
    for (const steps of [8000, 12000, 40000, 100000, 777]) {
      const snaps = snapshotSteps(steps);
      const evals = new Set(evaluationSteps(steps));
      expect(snaps.every((s) => evals.has(s))).toBe(true);
      expect(snaps[0]).toBe(0);
      expect(snaps[snaps.length - 1]).toBe(steps);
      expect(snaps.length).toBeGreaterThanOrEqual(SNAPSHOT_COUNT - 2);
      expect(snaps.length).toBeLessThanOrEqual(SNAPSHOT_COUNT);
      expect([...snaps].sort((a, b) => a - b)).toEqual(snaps);
      // strides of about steps / (count - 1)
      const gaps = snaps.slice(1).map((s, i) => s - snaps[i]!);
      expect(Math.max(...gaps)).toBeLessThan((2 * steps) / (SNAPSHOT_COUNT - 1));
    }
    expect(snapshotSteps(10)).toEqual(evaluationSteps(10));
  });
});

describe('bit influence measured on the device', () => {
  for (const [strategy, over] of [
    ['per-run', {}],
    ['batched', {}],
    ['per-run', { depth: 2, act: 'tanh' }],
  ] as [Strategy, Partial<Config>][]) {
    it(`equals the definition on the host's own copy of the student (${strategy}, depth ${over.depth ?? 1})`, async () => {
      const runs = setups(over, [{ field: 'inputs', values: ['gaussian', 'parity', 'random'] }]);
      const session = await TrainingSession.create(runs, { strategy });
      try {
        await session.advance(40);
        const snap = new Snapshotter(runs);
        const before = tf.memory().numTensors;
        const points = await snap.take(session, [0, 1, 2], 40);
        expect(tf.memory().numTensors).toBe(before);
        const weights = await session.weights();
        expect(points[0]!.bitInfluence).toBeNull();
        for (const r of [1, 2]) {
          const sampler = runs[r]!.sampler as ParitySampler;
          const probe = influenceProbe(sampler.construction, influenceStream(runs[r]!.plan.seeds.data));
          const want = bitInfluence(probe, hostStudent(weights[r]!, runs[r]!.plan.config.act));
          expect(points[r]!.bitInfluence!.length).toBe(SMALL.d);
          // rounded to 1e-4 (roundInfluence), and float32 on the device against float64 here
          expect(maxAbsDiff(points[r]!.bitInfluence!, want)).toBeLessThan(2e-4);
          expect(Math.max(...want)).toBeGreaterThan(0.01);
        }
        // every run's first layer, and the projections where there is a secret
        for (const p of points) expect(p.student.firstLayer.total).toBe(SMALL.n! * SMALL.h!);
        expect(points[0]!.student.secretProjection).toBeUndefined();
        expect(points[1]!.student.secretProjection!.total).toBe(SMALL.k! * SMALL.h!);
        expect(points[1]!.student.otherProjection!.total).toBe((SMALL.d! - SMALL.k!) * SMALL.h!);
      } finally {
        session.dispose();
      }
    });
  }

  for (const [strategy, over] of [
    ['per-run', {}],
    ['batched', { depth: 2, act: 'tanh' }],
  ] as [Strategy, Partial<Config>][]) {
    it(`through the linear first layer equals a forward pass over the flipped inputs (${strategy}, depth ${over.depth ?? 1})`, async () => {
      const runs = setups({ inputs: 'parity', ...over });
      const session = await TrainingSession.create(runs, { strategy });
      try {
        await session.advance(25);
        const sampler = runs[0]!.sampler as ParitySampler;
        const probe = influenceProbe(sampler.construction, influenceStream(runs[0]!.plan.seeds.data), 32);
        const before = tf.memory().numTensors;
        const fast = await session.predictFlips(0, flipProbe(probe));
        expect(tf.memory().numTensors).toBe(before);
        const atBase = await session.predict(0, Float32Array.from(probe.base), probe.count);
        const atFlipped = await session.predict(0, flippedInputs(probe), probe.d * probe.count);
        expect(fast.atFlipped.length).toBe(probe.d * probe.count);
        expect(maxAbsDiff(fast.atBase, atBase)).toBeLessThan(1e-5);
        expect(maxAbsDiff(fast.atFlipped, atFlipped)).toBeLessThan(1e-5);
        expect(Math.max(...Array.from(atFlipped, (v, i) => Math.abs(v - atBase[i % probe.count]!)))).toBeGreaterThan(
          1e-3,
        );
      } finally {
        session.dispose();
      }
    });
  }

  it('is the same for both strategies', async () => {
    const runs = setups({ inputs: 'parity' }, [{ field: 'seed', values: [1, 2] }]);
    const take = async (strategy: Strategy) => {
      const session = await TrainingSession.create(runs, { strategy });
      try {
        await session.advance(30);
        return await new Snapshotter(runs).take(session, [0, 1], 30);
      } finally {
        session.dispose();
      }
    };
    const [a, b] = [await take('batched'), await take('per-run')];
    for (const r of [0, 1]) expect(maxAbsDiff(a[r]!.bitInfluence!, b[r]!.bitInfluence!)).toBeLessThan(2e-4);
  });
});

describe('results with snapshots', () => {
  it('carry the secret, influences at the snapshot steps and the final student', async () => {
    const runs = setups({}, [{ field: 'inputs', values: ['gaussian', 'parity', 'ksat'] }]);
    const results = await runExperiment(runs);
    const snaps = new Set(snapshotSteps(SMALL.steps!));
    const [gaussian, parity, ksat] = results;
    expect(gaussian!.secret).toBeUndefined();
    expect(parity!.secret).toEqual(runs[1]!.sampler.secret);
    expect(parity!.secret!.length).toBe(SMALL.k);
    expect(ksat!.secret).toBeUndefined();
    for (const r of [parity!, ksat!]) {
      const withInfluence = r.curve.filter((p) => p.bitInfluence).map((p) => p.step);
      expect(withInfluence).toEqual([...snaps]);
      expect(r.final.bitInfluence).toEqual(r.curve[r.curve.length - 1]!.bitInfluence);
      expect(r.final.student!.firstLayer.total).toBe(SMALL.n! * SMALL.h!);
    }
    expect(gaussian!.curve.some((p) => p.bitInfluence)).toBe(false);
    expect(gaussian!.final.student!.secretProjection).toBeUndefined();
    expect(parity!.final.student!.secretProjection).toBeDefined();
    expect(ksat!.final.student!.secretProjection).toBeUndefined();
  });
});
