/**
 * The student on the influence sample and its flips (docs/science.md 2.6), on
 * the device, without forming the d x count flipped inputs: the first layer
 * is linear, so the pre-activations of x(z) +- dir_j are those of x(z) plus
 * or minus dir_j W1. That turns the d * count * n * h multiply-adds of a
 * forward pass over the flipped inputs (210 M at the default sizes) into
 * (count + d) * n * h and one broadcast add; the layers after the first run
 * as in forward2d. Equal to the plain forward pass up to float32 rounding
 * (tested). Call inside tf.tidy.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Activation } from '../core/config';
import { forward2d, type Layer2d } from './mlp2d';

/** The fixed influence sample of a run, ready for upload. */
export interface FlipProbe {
  count: number;
  d: number;
  n: number;
  /** count x n standardised inputs x(z) */
  base: Float32Array;
  /** d x n: what switching bit j on adds to the input */
  directions: Float32Array;
  /** d x count: +1 where z_j = 0 (the flip sets the bit), -1 where z_j = 1 (it clears it) */
  signs: Float32Array;
}

export function flipProbe(p: {
  count: number;
  d: number;
  n: number;
  z: Uint8Array;
  base: Float64Array;
  directions: Float64Array;
}): FlipProbe {
  const signs = new Float32Array(p.d * p.count);
  for (let j = 0; j < p.d; j++) for (let s = 0; s < p.count; s++) signs[j * p.count + s] = p.z[s * p.d + j] ? -1 : 1;
  return {
    count: p.count,
    d: p.d,
    n: p.n,
    base: Float32Array.from(p.base),
    directions: Float32Array.from(p.directions),
    signs,
  };
}

/** The student's outputs on the sample (count x 1) and on its flips (d * count x 1, bit after bit). */
export function flippedForward(
  layers: readonly Layer2d[],
  probe: FlipProbe,
  act: Activation,
): { atBase: tf.Tensor2D; atFlipped: tf.Tensor2D } {
  const { count, d, n } = probe;
  const first = layers[0]!;
  const h = first.W.shape[1];
  const base = tf.tensor2d(probe.base, [count, n]);
  const z0 = tf.add(tf.matMul(base, first.W), first.b) as tf.Tensor2D;
  const shift = tf.matMul(tf.tensor2d(probe.directions, [d, n]), first.W);
  const signs = tf.tensor3d(probe.signs, [d, count, 1]);
  const zf = tf.reshape<tf.Rank.R2>(
    tf.add(tf.reshape(z0, [1, count, h]), tf.mul(signs, tf.reshape(shift, [d, 1, h]))),
    [d * count, h],
  );
  const rest = layers.slice(1);
  const after = (z: tf.Tensor2D): tf.Tensor2D => forward2d(rest, act === 'relu' ? tf.relu(z) : tf.tanh(z), act).out;
  return { atBase: after(z0), atFlipped: after(zf) };
}
