/**
 * Whole experiments through runExperiment, and the session's evaluation
 * checked by hand: learning happens where it should and not where it
 * cannot, the curves are deterministic whatever the chunking, and the
 * normalised loss is exactly MSE / Var(y_test) of the predictions.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluationSteps, variance } from '../../src/core/metrics';
import { Rng } from '../../src/core/rng';
import { drawTestSet, EpochOrder, testStream } from '../../src/train/data';
import { runExperiment, type Progress } from '../../src/train/run';
import { TrainingSession } from '../../src/train/session';
import type { HostLayer } from '../../src/train/student';
import { LinearSampler, RandomLabelSampler, setup, worstRelativeDiff } from './helpers/trainFixtures';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const LEARN = { n: 16, h: 32, bs: 64, lr: 1e-2, steps: 400, test: 512 };

describe('runExperiment', () => {
  it('learns a linear teacher on gaussian inputs and nothing from random labels', async () => {
    const progress: Progress[] = [];
    const results = await runExperiment(
      [
        setup(LEARN, { student: 1 }, new LinearSampler(16), 'linear'),
        setup(LEARN, { student: 2 }, new RandomLabelSampler(16), 'random'),
      ],
      { onProgress: (p) => progress.push(p) },
    );
    const [linear, random] = results;
    expect(linear!.final.testNmse).toBeLessThan(0.2);
    expect(linear!.final.accuracy).toBeNull();
    expect(random!.final.testNmse).toBeGreaterThan(0.9);
    expect(random!.final.testNmse).toBeLessThan(1.3);
    expect(random!.final.accuracy).toBeGreaterThan(0.35);
    expect(random!.final.accuracy).toBeLessThan(0.65);
    for (const r of results) {
      expect(r.final).toMatchObject({ step: 400, diverged: false });
      expect(r.curve.map((p) => p.step)).toEqual(evaluationSteps(400));
      expect(r.curve[0]!.trainLoss).toBeNull();
      expect(r.curve.slice(1).every((p) => p.trainLoss !== null && p.trainLoss > 0)).toBe(true);
      expect(r.curve.at(-1)!.testNmse).toBe(r.final.testNmse);
    }
    // The linear run's train loss falls with its test loss.
    expect(linear!.curve.at(-1)!.trainLoss!).toBeLessThan(0.2 * linear!.curve[1]!.trainLoss!);
    expect(progress.at(-1)).toMatchObject({ step: 400, totalSteps: 400, runSteps: 800 });
    expect(progress.map((p) => p.step)).toEqual(evaluationSteps(400));
  });

  it('gives bit-identical curves from the same inputs, whatever the chunk size', async () => {
    const setups = () => [
      setup({ ...LEARN, steps: 120 }, { student: 1 }, new LinearSampler(16), 'a'),
      setup({ ...LEARN, steps: 120, train: 100 }, { student: 2 }, new LinearSampler(16), 'b'),
    ];
    const first = await runExperiment(setups());
    const again = await runExperiment(setups());
    const chunked = await runExperiment(setups(), { chunk: 7 });
    expect(again).toEqual(first);
    expect(chunked).toEqual(first);
  });

  it('stops each run at its own budget and evaluates it on its own steps', async () => {
    const results = await runExperiment([
      setup({ ...LEARN, steps: 50 }, {}, new LinearSampler(16), 'short'),
      setup({ ...LEARN, steps: 130 }, {}, new LinearSampler(16), 'long'),
    ]);
    expect(results[0]!.curve.map((p) => p.step)).toEqual(evaluationSteps(50));
    expect(results[1]!.curve.map((p) => p.step)).toEqual(evaluationSteps(130));
    expect(results.map((r) => r.final.step)).toEqual([50, 130]);
  });

  it('reports a diverged run as such, with the step', async () => {
    const results = await runExperiment([
      setup({ ...LEARN, steps: 100, opt: 'sgd', lr: 10 }, {}, new LinearSampler(16), 'wild'),
      setup({ ...LEARN, steps: 100 }, {}, new LinearSampler(16), 'calm'),
    ]);
    expect(results[0]!.final.diverged).toBe(true);
    expect(results[0]!.final.step).toBeGreaterThan(0);
    expect(results[0]!.final.testNmse).toBeNull();
    expect(results[0]!.curve.every((p) => p.step < results[0]!.final.step)).toBe(true);
    expect(results[1]!.final).toMatchObject({ diverged: false, step: 100 });
  });
});

/** The student's prediction for one input, in float64 on the host. */
function predictHost(layers: HostLayer[], x: Float32Array, act: 'relu' | 'tanh'): number {
  let a: Float64Array = Float64Array.from(x);
  layers.forEach((l, i) => {
    const z = new Float64Array(l.fanOut);
    for (let o = 0; o < l.fanOut; o++) {
      let s = l.b[o]!;
      for (let k = 0; k < l.fanIn; k++) s += a[k]! * l.W[k * l.fanOut + o]!;
      z[o] = i === layers.length - 1 ? s : act === 'relu' ? Math.max(0, s) : Math.tanh(s);
    }
    a = z;
  });
  return a[0]!;
}

describe('evaluate', () => {
  for (const strategy of ['batched', 'per-run'] as const) {
    it(`reports MSE / Var(y_test) of its predictions, computed by hand (${strategy})`, async () => {
      const seeds = { teacher: 1, data: 4, student: 5 };
      const linear = setup({ ...LEARN, depth: 2, act: 'tanh' }, seeds, new LinearSampler(16), 'linear');
      const coin = setup(LEARN, seeds, new RandomLabelSampler(16), 'coin');
      const session = await TrainingSession.create([linear, coin], { strategy });
      await session.advance(60);
      const [reports, preds, weights] = [
        await session.evaluate(),
        await session.predictTest(),
        await session.weights(),
      ];
      [linear, coin].forEach((s, r) => {
        // The test set regenerated independently from the documented stream.
        const test = s.sampler.sample(testStream(seeds), s.plan.config.test);
        expect(session.labelVariances()[r]).toBe(variance(test.y));
        const p = preds[r]!;
        let se = 0;
        let right = 0;
        for (let i = 0; i < test.count; i++) {
          se += (p[i]! - test.y[i]!) ** 2;
          if (p[i]! > 0.5 === test.y[i]! > 0.5) right++;
        }
        const mse = se / test.count;
        expect(reports[r]!.testMse).toBe(mse);
        expect(reports[r]!.testNmse).toBe(mse / variance(test.y));
        expect(reports[r]!.accuracy).toBe(s.sampler.binaryLabels ? right / test.count : null);
        expect(reports[r]!.step).toBe(60);
        // And the predictions are the student's, recomputed on the host from its weights.
        const host = Array.from({ length: 64 }, (_, i) =>
          predictHost(weights[r]!, test.x.subarray(i * 16, (i + 1) * 16), s.plan.config.act),
        );
        expect(worstRelativeDiff(p.subarray(0, 64), host, 1e-3)).toBeLessThan(1e-4);
      });
      const first = await session.snapshot();
      expect(first.map((w) => w.length)).toEqual([16 * 32, 16 * 32]);
      expect(first[0]).toEqual(weights[0]![0]!.W);
      session.dispose();
    });
  }

  it('starts from the documented initialisation: He-normal relu layers, zero biases', async () => {
    const session = await TrainingSession.create([setup({ n: 64, h: 512 }, { student: 8 })], { strategy: 'per-run' });
    const [layers] = await session.weights();
    const [W1, out] = [layers![0]!, layers![1]!];
    const std = (v: Float32Array) => Math.sqrt(variance(v));
    expect(std(W1.W)).toBeCloseTo(Math.sqrt(2 / 64), 2);
    expect(std(out.W)).toBeCloseTo(Math.sqrt(1 / 512), 2);
    expect(W1.b.every((b) => b === 0) && out.b.every((b) => b === 0)).toBe(true);
    session.dispose();
  });

  it('uses the test set drawn from the test stream', () => {
    const sampler = new LinearSampler(16);
    const seeds = { teacher: 1, data: 9, student: 1 };
    const a = drawTestSet(sampler, seeds, 32);
    const b = sampler.sample(new Rng(9).fork('test'), 32);
    expect(a.x).toEqual(b.x);
    expect(a.labelVariance).toBe(variance(b.y));
  });
});

describe('EpochOrder', () => {
  it('visits every sample once per epoch, batches running across epochs', () => {
    const order = new EpochOrder(10, new Rng(3));
    const out = new Int32Array(30);
    for (let at = 0; at < 30; at += 6) order.fill(out, at, 6, 100);
    for (let e = 0; e < 3; e++) {
      expect([...out.slice(e * 10, e * 10 + 10)].sort((a, b) => a - b)).toEqual(
        Array.from({ length: 10 }, (_, i) => 100 + i),
      );
    }
    expect(out.slice(0, 10)).not.toEqual(out.slice(10, 20));
  });
});
