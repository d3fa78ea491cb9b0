/**
 * The batched strategy: R same-shaped runs as one computation. Every
 * parameter carries a leading run axis ([R, fanIn, fanOut], [R, 1, fanOut]),
 * products are batched over it, gradients come from tfjs' autodiff of the
 * sum of the runs' losses, and one optimiser updates all runs.
 *
 * Why a diverged run cannot touch the others: a batched product mixes
 * nothing across the run axis, each run's loss is a mean over its own slice,
 * the gradient of the sum with respect to each term is 1 whatever the
 * term's value, bias gradients reduce over the batch axis only, and Adam and
 * momentum are elementwise. So a run full of NaNs keeps computing NaNs in its
 * own slice, and the session just stops reporting it.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Activation } from '../core/config';
import type { Batch } from '../core/inputs/types';
import { registerTrainingGradients } from './autodiff';
import { drawTrainingSet, EpochOrder, orderStream, sampleInto, stepBatchSize, trainStream } from './data';
import { hostVariable, isLive, readAndDispose, readCopy, readFlips, type Group, type RunState } from './group';
import { makeUpdater, type OptimizerImpl, type ParamUpdater } from './optimizer';
import { flippedForward, type FlipProbe } from './flipForward';
import { initialLayers, layerSizes, type GroupShape, type HostLayer } from './student';

interface LayerR {
  /** R x fanIn x fanOut */
  W: tf.Variable<tf.Rank.R3>;
  /** R x 1 x fanOut */
  b: tf.Variable<tf.Rank.R3>;
}

/**
 * Plain product then add: the wasm backend's fused product takes only a
 * rank-1 bias, and under a gradient tape tfjs unfuses a product with an
 * activation anyway (while a fused linear product's built-in gradient would
 * also compute the unneeded gradient with respect to the data).
 */
export function forwardBatched(
  layers: readonly { W: tf.Tensor3D; b: tf.Tensor3D }[],
  x: tf.Tensor3D,
  act: Activation,
): tf.Tensor3D {
  let a = x;
  for (let l = 0; l < layers.length - 1; l++) {
    const { W, b } = layers[l]!;
    const z = tf.add(tf.matMul(a, W), b) as tf.Tensor3D;
    a = act === 'relu' ? tf.relu(z) : tf.tanh(z);
  }
  const last = layers[layers.length - 1]!;
  return tf.add(tf.matMul(a, last.W), last.b) as tf.Tensor3D;
}

/** Training batches for all runs at once, [R, B, n] and [R, B, 1]; tensors belong to the caller's tidy. */
interface BatchSourceR {
  next(): [tf.Tensor3D, tf.Tensor3D];
  dispose(): void;
}

function onlineSourceR(runs: readonly RunState[], n: number, bs: number): BatchSourceR {
  const R = runs.length;
  const x = new Float32Array(R * bs * n);
  const y = new Float32Array(R * bs);
  // Each run's sampler writes straight into its slice of the upload buffer.
  const slots: Batch[] = runs.map((_, r) => ({
    count: bs,
    x: x.subarray(r * bs * n, (r + 1) * bs * n),
    y: y.subarray(r * bs, (r + 1) * bs),
  }));
  const rngs = runs.map((run) => trainStream(run.seeds));
  return {
    next() {
      runs.forEach((run, r) => {
        if (isLive(run)) sampleInto(run.sampler, rngs[r]!, slots[r]!);
      });
      return [tf.tensor3d(x, [R, bs, n]), tf.tensor3d(y, [R, bs, 1])];
    },
    dispose() {},
  };
}

function fixedSetSourceR(runs: readonly RunState[], n: number, size: number, bs: number): BatchSourceR {
  const R = runs.length;
  const hostX = new Float32Array(R * size * n);
  const hostY = new Float32Array(R * size);
  runs.forEach((run, r) => {
    const set = drawTrainingSet(run.sampler, run.seeds, size);
    hostX.set(set.x, r * size * n);
    hostY.set(set.y, r * size);
  });
  // Flat [R * size, n] so that one gather with per-run offsets picks every run's batch.
  const x = tf.tensor2d(hostX, [R * size, n]);
  const y = tf.tensor2d(hostY, [R * size, 1]);
  const whole = bs >= size;
  const x3 = tf.reshape<tf.Rank.R3>(x, [R, size, n]);
  const y3 = tf.reshape<tf.Rank.R3>(y, [R, size, 1]);
  const orders = runs.map((run) => new EpochOrder(size, orderStream(run.seeds)));
  const idx = new Int32Array(R * bs);
  return {
    next() {
      if (whole) return [x3, y3];
      runs.forEach((run, r) => {
        if (isLive(run)) orders[r]!.fill(idx, r * bs, bs, r * size);
      });
      const i = tf.tensor1d(idx, 'int32');
      return [tf.reshape(tf.gather(x, i), [R, bs, n]), tf.reshape(tf.gather(y, i), [R, bs, 1])];
    },
    dispose() {
      tf.dispose([x, y, x3, y3]);
    },
  };
}

/** Splits a run-major host array into R copies. */
function splitRuns(values: Float32Array, R: number): Float32Array[] {
  const per = values.length / R;
  return Array.from({ length: R }, (_, r) => values.slice(r * per, (r + 1) * per));
}

export class BatchedGroup implements Group {
  readonly strategy = 'batched' as const;
  private readonly params: LayerR[];
  private readonly vars: tf.Variable[];
  private readonly optimizer: ParamUpdater;
  private readonly source: BatchSourceR;
  private readonly testX: tf.Tensor3D;

  constructor(
    readonly shape: GroupShape,
    readonly runs: readonly RunState[],
    optimizer: OptimizerImpl = 'auto',
  ) {
    registerTrainingGradients();
    const R = runs.length;
    const n = shape.n;
    const host = runs.map((run) => initialLayers(shape, run.seeds));
    this.vars = [];
    this.params = layerSizes(shape).map(([fanIn, fanOut], l) => {
      const W = new Float32Array(R * fanIn * fanOut);
      const b = new Float32Array(R * fanOut);
      host.forEach((layers, r) => {
        W.set(layers[l]!.W, r * fanIn * fanOut);
        b.set(layers[l]!.b, r * fanOut);
      });
      const layer = {
        W: hostVariable(W, [R, fanIn, fanOut]) as tf.Variable<tf.Rank.R3>,
        b: hostVariable(b, [R, 1, fanOut]) as tf.Variable<tf.Rank.R3>,
      };
      this.vars.push(layer.W, layer.b);
      return layer;
    });
    this.optimizer = makeUpdater(shape.opt, shape.lr, optimizer);
    const bs = stepBatchSize(shape.bs, shape.train);
    this.source = shape.train === 'online' ? onlineSourceR(runs, n, bs) : fixedSetSourceR(runs, n, shape.train, bs);
    const testX = new Float32Array(R * shape.test * n);
    runs.forEach((run, r) => testX.set(run.test.x, r * shape.test * n));
    this.testX = tf.tensor3d(testX, [R, shape.test, n]);
  }

  /** One step of every run; the result is the runs' batch losses, [R]. */
  private stepOnce(): tf.Tensor1D {
    return tf.tidy(() => {
      const [x, y] = this.source.next();
      let perRun: tf.Tensor1D | undefined;
      const { grads } = tf.variableGrads(() => {
        const out = forwardBatched(this.params, x, this.shape.act);
        // Kept past variableGrads' own tidy; the caller disposes it after the read.
        const losses = tf.keep(tf.mean(tf.square(tf.sub(out, y)), [1, 2]) as tf.Tensor1D);
        perRun = losses;
        return tf.sum(losses);
      }, this.vars);
      this.optimizer.apply(
        this.vars,
        this.vars.map((v) => grads[v.name]!),
      );
      return perRun!;
    });
  }

  async train(steps: number): Promise<(Float32Array | null)[]> {
    const live = this.runs.map(isLive);
    if (!live.some(Boolean)) return this.runs.map(() => null);
    const losses: tf.Tensor1D[] = [];
    for (let i = 0; i < steps; i++) losses.push(this.stepOnce());
    const values = await readAndDispose(losses);
    const R = this.runs.length;
    return this.runs.map((_, r) => {
      if (!live[r]) return null;
      const out = new Float32Array(steps);
      for (let i = 0; i < steps; i++) out[i] = values[i * R + r]!;
      return out;
    });
  }

  async predictTest(wanted: readonly boolean[]): Promise<(Float32Array | null)[]> {
    if (!wanted.some(Boolean)) return this.runs.map(() => null);
    const out = tf.tidy(() => forwardBatched(this.params, this.testX, this.shape.act));
    try {
      const per = splitRuns(await readCopy(out), this.runs.length);
      return per.map((p, r) => (wanted[r] ? p : null));
    } finally {
      out.dispose();
    }
  }

  async layers(): Promise<HostLayer[][]> {
    const R = this.runs.length;
    const perLayer = await Promise.all(
      this.params.map(async (l) => ({
        fanIn: l.W.shape[1],
        fanOut: l.W.shape[2],
        W: splitRuns(await readCopy(l.W), R),
        b: splitRuns(await readCopy(l.b), R),
      })),
    );
    return this.runs.map((_, r) => perLayer.map((l) => ({ fanIn: l.fanIn, fanOut: l.fanOut, W: l.W[r]!, b: l.b[r]! })));
  }

  async firstLayer(): Promise<Float32Array[]> {
    return splitRuns(await readCopy(this.params[0]!.W), this.runs.length);
  }

  async predict(member: number, x: Float32Array, count: number): Promise<Float32Array> {
    if (!(member >= 0 && member < this.runs.length)) throw new Error(`no member ${member} in this group`);
    const out = tf.tidy(() => {
      // The member's own slice of every parameter: the other runs' inputs need not be formed.
      const own = this.params.map((l) => ({
        W: tf.slice(l.W, [member, 0, 0], [1, l.W.shape[1], l.W.shape[2]]),
        b: tf.slice(l.b, [member, 0, 0], [1, 1, l.b.shape[2]]),
      }));
      return forwardBatched(own, tf.tensor3d(x, [1, count, this.shape.n]), this.shape.act);
    });
    try {
      return await readCopy(out);
    } finally {
      out.dispose();
    }
  }

  async predictFlips(member: number, probe: FlipProbe): Promise<{ atBase: Float32Array; atFlipped: Float32Array }> {
    if (!(member >= 0 && member < this.runs.length)) throw new Error(`no member ${member} in this group`);
    return readFlips(
      tf.tidy(() => {
        // The member's own slice of every parameter, as 2-D layers.
        const own = this.params.map((l) => ({
          W: tf.reshape<tf.Rank.R2>(tf.slice(l.W, [member, 0, 0], [1, l.W.shape[1], l.W.shape[2]]), [
            l.W.shape[1],
            l.W.shape[2],
          ]),
          b: tf.reshape<tf.Rank.R1>(tf.slice(l.b, [member, 0, 0], [1, 1, l.b.shape[2]]), [l.b.shape[2]]),
        }));
        return flippedForward(own, probe, this.shape.act);
      }),
    );
  }

  dispose(): void {
    for (const v of this.vars) v.dispose();
    this.optimizer.dispose();
    this.source.dispose();
    this.testX.dispose();
  }
}
