/**
 * Where one run's training batches come from in the per-run strategy, and
 * the one function that shows them: `trainingBatches` returns exactly the
 * inputs and labels the per-run strategy trains a run on (the twin exports
 * them to PyTorch).
 *
 * How a batch is formed, fastest first:
 * - construction inputs (parity, ksat, random labels): the host draws the
 *   bits and computes the labels from them; x = [z, 1] T is one small
 *   product on the device (B x (d+1) times (d+1) x n), instead of about
 *   150k float64 adds on the host every step. x is then a float32 product,
 *   equal to the host's float64 sum up to float32 rounding;
 * - gaussian inputs: x drawn on the host, the teacher's labels a device
 *   product;
 * - otherwise (and for a fixed training set, drawn once): host samples.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { TrainRegime } from '../core/config';
import type { Batch, InputSampler } from '../core/inputs/types';
import type { Rng, SeedSet } from '../core/rng';
import { drawTrainingSet, EpochOrder, orderStream, sampleInto, stepBatchSize, trainStream } from './data';

/** Tensors `next` returns belong to the caller's tidy. */
export interface BatchSource {
  next(): [tf.Tensor2D, tf.Tensor2D];
  dispose(): void;
}

function onlineSource(sampler: InputSampler, seeds: SeedSet, bs: number): BatchSource {
  const n = sampler.n;
  const rng: Rng = trainStream(seeds);
  const { deviceInputs, deviceLabels, sampleInputs, sampleBits } = sampler;
  if (deviceInputs && sampleBits) {
    const { width } = deviceInputs;
    const T = tf.tensor2d(deviceInputs.T, [width, n]);
    const codes = new Float32Array(bs * width);
    const y = new Float32Array(bs);
    return {
      next() {
        sampleBits.call(sampler, rng, bs, codes, y);
        return [tf.matMul(tf.tensor2d(codes, [bs, width]), T), tf.tensor2d(y, [bs, 1])];
      },
      dispose() {
        T.dispose();
      },
    };
  }
  const slot: Batch = { count: bs, x: new Float32Array(bs * n), y: new Float32Array(bs) };
  if (deviceLabels && sampleInputs) {
    // Gaussian inputs: the teacher's pass over the batch is a device product, not ~1.5 ms of host loops a step.
    const V = tf.tensor2d(deviceLabels.V, [n, deviceLabels.m]);
    return {
      next() {
        sampleInputs.call(sampler, rng, bs, slot.x);
        const x = tf.tensor2d(slot.x, [bs, n]);
        const sum = tf.sum(tf.relu(tf.matMul(x, V)), 1, true) as tf.Tensor2D;
        return [x, deviceLabels.clip ? tf.clipByValue(sum, 0, 1) : sum];
      },
      dispose() {
        V.dispose();
      },
    };
  }
  return {
    next() {
      sampleInto(sampler, rng, slot);
      return [tf.tensor2d(slot.x, [bs, n]), tf.tensor2d(slot.y, [bs, 1])];
    },
    dispose() {},
  };
}

function fixedSetSource(sampler: InputSampler, seeds: SeedSet, size: number, bs: number): BatchSource {
  const n = sampler.n;
  const set = drawTrainingSet(sampler, seeds, size);
  const x = tf.tensor2d(set.x, [size, n]);
  const y = tf.tensor2d(set.y, [size, 1]);
  const whole = bs >= size;
  const order = new EpochOrder(size, orderStream(seeds));
  const idx = new Int32Array(bs);
  return {
    next() {
      if (whole) return [x, y];
      order.fill(idx, 0, bs);
      const i = tf.tensor1d(idx, 'int32');
      return [tf.gather(x, i), tf.gather(y, i)];
    },
    dispose() {
      x.dispose();
      y.dispose();
    },
  };
}

/** A run's batches of `bs` samples per step (bs already capped to a small training set, see stepBatchSize). */
export function makeBatchSource(sampler: InputSampler, seeds: SeedSet, train: TrainRegime, bs: number): BatchSource {
  return train === 'online' ? onlineSource(sampler, seeds, bs) : fixedSetSource(sampler, seeds, train, bs);
}

/**
 * The first `count` batches a run trains on in the per-run strategy (the
 * strategy of wasm and cpu, so of the CLI), on the backend that is running
 * now, read back to the host: x (B x n row-major, as the student sees it)
 * and y (B). Exactly the numbers of training: the same source, the same
 * streams, the same device products. (The batched strategy of WebGL forms
 * construction inputs on the host; they differ by float32 rounding.)
 */
export async function trainingBatches(
  sampler: InputSampler,
  seeds: SeedSet,
  opts: { bs: number; train: TrainRegime },
  count: number,
): Promise<Batch[]> {
  const bs = stepBatchSize(opts.bs, opts.train);
  const source = makeBatchSource(sampler, seeds, opts.train, bs);
  try {
    const out: Batch[] = [];
    for (let i = 0; i < count; i++) {
      const [x, y] = tf.tidy(() => source.next().map((t) => tf.clone(t)) as [tf.Tensor2D, tf.Tensor2D]);
      try {
        out.push({
          count: bs,
          x: Float32Array.from((await x.data()) as Float32Array),
          y: Float32Array.from((await y.data()) as Float32Array),
        });
      } finally {
        tf.dispose([x, y]);
      }
    }
    return out;
  } finally {
    source.dispose();
  }
}
