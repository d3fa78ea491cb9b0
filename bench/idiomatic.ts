/**
 * The idiomatic tfjs training loop, the baseline of `vsIdiomaticTfjs`
 * (BENCHMARKS.md): what a tfjs user writes for R students of the default
 * shape trained together. Parameters carry a leading run axis, products are
 * batched tf.matMul, and `optimizer.minimize` takes the gradients from tfjs'
 * autodiff (the page registers tfjs' gradient rules). The data are the
 * engine's: the same samplers drawing the same fresh batches on the host,
 * uploaded every step, so that only the training step differs.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Batch } from '../src/core/inputs/types';
import type { Rng } from '../src/core/rng';
import { sampleInto, trainStream } from '../src/train/data';
import type { RunSetup } from '../src/train/group';

export class IdiomaticLoop {
  readonly strategy = 'idiomatic';
  private readonly W1: tf.Variable;
  private readonly b1: tf.Variable;
  private readonly W2: tf.Variable;
  private readonly b2: tf.Variable;
  private readonly optimizer: tf.Optimizer;
  private readonly R: number;
  private readonly bs: number;
  private readonly n: number;
  private readonly x: Float32Array;
  private readonly y: Float32Array;
  private readonly slots: Batch[];
  private readonly rngs: Rng[];

  constructor(private readonly setups: readonly RunSetup[]) {
    const c = setups[0]!.plan.config;
    if (c.depth !== 1 || c.act !== 'relu' || c.opt !== 'adam' || c.train !== 'online') {
      throw new Error('the idiomatic loop is written for one relu hidden layer, Adam and online data');
    }
    this.R = setups.length;
    this.n = c.n;
    this.bs = c.bs;
    const { R, n, bs } = this;
    const h = c.h;
    // He-normal hidden layer, fan-in scaled output: the engine's initialisation, drawn by tfjs as a user would.
    this.W1 = tf.variable(tf.randomNormal([R, n, h], 0, Math.sqrt(2 / n), 'float32', 1));
    this.b1 = tf.variable(tf.zeros([R, 1, h]));
    this.W2 = tf.variable(tf.randomNormal([R, h, 1], 0, Math.sqrt(1 / h), 'float32', 2));
    this.b2 = tf.variable(tf.zeros([R, 1, 1]));
    this.optimizer = tf.train.adam(c.lr);
    this.x = new Float32Array(R * bs * n);
    this.y = new Float32Array(R * bs);
    this.slots = setups.map((_, r) => ({
      count: bs,
      x: this.x.subarray(r * bs * n, (r + 1) * bs * n),
      y: this.y.subarray(r * bs, (r + 1) * bs),
    }));
    this.rngs = setups.map((s) => trainStream(s.plan.seeds));
  }

  private step(): tf.Scalar {
    this.setups.forEach((s, r) => sampleInto(s.sampler, this.rngs[r]!, this.slots[r]!));
    const { R, n, bs } = this;
    const cost = this.optimizer.minimize(
      () => {
        const x = tf.tensor3d(this.x, [R, bs, n]);
        const y = tf.tensor3d(this.y, [R, bs, 1]);
        const hidden = tf.relu(tf.add(tf.matMul(x, this.W1), this.b1));
        const out = tf.add(tf.matMul(hidden, this.W2), this.b2);
        // Each run's own mean, summed, so that the runs' gradients stay apart.
        return tf.sum(tf.mean(tf.square(tf.sub(out, y)), [1, 2]));
      },
      true,
      [this.W1, this.b1, this.W2, this.b2],
    );
    return cost!;
  }

  /** k steps, then one asynchronous read of their losses, as the engine paces itself. */
  async advance(k: number): Promise<Float32Array> {
    const costs: tf.Scalar[] = [];
    for (let i = 0; i < k; i++) costs.push(this.step());
    const all = tf.stack(costs);
    tf.dispose(costs);
    try {
      return (await all.data()) as Float32Array;
    } finally {
      all.dispose();
    }
  }

  dispose(): void {
    tf.dispose([this.W1, this.b1, this.W2, this.b2]);
    this.optimizer.dispose();
  }
}
