/**
 * The per-run strategy's hand-written backward pass against tfjs' automatic
 * gradients of the same loss, written with plain (unfused) ops so that the
 * reference shares no code with the pass under test.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
// tfjs' own gradient rules (vitest can load this ESM-only module; plain Node cannot), for an independent reference.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Activation } from '../../src/core/config';
import { Rng } from '../../src/core/rng';
import { forward2d, lossAndGrads2d, type Layer2d } from '../../src/train/mlp2d';
import { initialLayers } from '../../src/train/student';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const N = 12;
const H = 10;
const B = 9;

function referenceLoss(params: tf.Tensor[], x: tf.Tensor2D, y: tf.Tensor2D, act: Activation): tf.Scalar {
  let a: tf.Tensor = x;
  const L = params.length / 2;
  for (let l = 0; l < L; l++) {
    const z = tf.add(tf.matMul(a as tf.Tensor2D, params[2 * l] as tf.Tensor2D), params[2 * l + 1]!);
    a = l === L - 1 ? z : act === 'relu' ? tf.relu(z) : tf.tanh(z);
  }
  return tf.mean(tf.square(tf.sub(a, y)));
}

function randomProblem(depth: number, act: Activation, seed: number) {
  const host = initialLayers({ n: N, h: H, depth, act }, { teacher: 0, data: 0, student: seed });
  const rng = new Rng(seed).fork('problem');
  // Non-zero biases, so that their gradients and their effect on the activations are both exercised.
  for (const l of host) rng.fillNormal(l.b, 0.3);
  const layers: Layer2d[] = host.map((l) => ({
    W: tf.tensor2d(l.W, [l.fanIn, l.fanOut]),
    b: tf.tensor1d(l.b),
  }));
  const xs = new Float32Array(B * N);
  rng.fillNormal(xs);
  const ys = new Float32Array(B);
  rng.fillNormal(ys);
  return { layers, x: tf.tensor2d(xs, [B, N]), y: tf.tensor2d(ys, [B, 1]) };
}

describe('hand-written gradients of the per-run step', () => {
  for (const act of ['relu', 'tanh'] as const) {
    for (const depth of [1, 2, 3]) {
      it(`equal tf.grads for depth ${depth}, ${act}`, () => {
        const { layers, x, y } = randomProblem(depth, act, 100 * depth + (act === 'relu' ? 1 : 2));
        const params = layers.flatMap((l) => [l.W, l.b]);
        const { loss, grads } = lossAndGrads2d(layers, x, y, act);
        const ref = tf.grads((...p: tf.Tensor[]) => referenceLoss(p, x, y, act))(params);
        const refLoss = referenceLoss(params, x, y, act);
        expect(Math.abs(loss.dataSync()[0]! - refLoss.dataSync()[0]!)).toBeLessThan(1e-5);
        const mine = grads.flatMap((g) => [g.dW, g.db]);
        expect(mine.map((g) => g.shape)).toEqual(ref.map((g) => g.shape));
        let worst = 0;
        let largest = 0;
        mine.forEach((g, i) => {
          const a = g.dataSync();
          const b = ref[i]!.dataSync();
          for (let j = 0; j < a.length; j++) {
            worst = Math.max(worst, Math.abs(a[j]! - b[j]!));
            largest = Math.max(largest, Math.abs(b[j]!));
          }
        });
        expect(worst).toBeLessThan(1e-5);
        // Guards against a vacuous pass on all-zero gradients.
        expect(largest).toBeGreaterThan(1e-2);
        tf.dispose([loss, refLoss, x, y, ...params, ...mine, ...ref]);
      });
    }
  }

  it('forward2d predicts what the plain ops predict', () => {
    const { layers, x, y } = randomProblem(2, 'relu', 5);
    const { acts, out } = forward2d(layers, x, 'relu');
    const params = layers.flatMap((l) => [l.W, l.b]);
    const a = tf.mean(tf.square(tf.sub(out, y))).dataSync()[0]!;
    const b = referenceLoss(params, x, y, 'relu').dataSync()[0]!;
    expect(Math.abs(a - b)).toBeLessThan(1e-6);
    tf.dispose([...acts, out, x, y, ...params]);
  });
});
