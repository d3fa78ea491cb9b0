/**
 * Gradient rules for the kernels the batched step differentiates.
 *
 * tfjs-core registers no gradients; the union package @tensorflow/tfjs does,
 * through an ESM-only module that Node cannot load from tfjs-core's CommonJS
 * build, so the CLI and the tests would have no autodiff at all. The engine
 * therefore brings rules for the few kernels its loss uses, written as tfjs
 * writes them, and leaves alone any rule already registered (by the union
 * package on a page, say).
 */
import * as tf from '@tensorflow/tfjs-core';

type Attrs = Record<string, unknown>;

/** dy summed over the axes that broadcasting added to `shape`, then given that shape. */
function unbroadcast(dy: tf.Tensor, shape: number[], outShape: number[]): tf.Tensor {
  const axes = tf.backend_util.getReductionAxes(shape, outShape);
  return tf.reshape(axes.length > 0 ? tf.sum(dy, axes) : dy, shape);
}

/** dy of a reduction over `axis` spread back over x's shape. */
function expandReduced(dy: tf.Tensor, x: tf.Tensor, axis: unknown): { expanded: tf.Tensor; size: number } {
  const axes = tf.util.parseAxisParam(axis as number | number[], x.shape);
  const shape = x.shape.slice();
  let size = 1;
  for (const a of axes) {
    size *= shape[a]!;
    shape[a] = 1;
  }
  return { expanded: tf.mul(tf.reshape(dy, shape), tf.ones(x.shape, 'float32')), size };
}

const RULES: tf.GradConfig[] = [
  {
    kernelName: tf.BatchMatMul,
    inputsToSave: ['a', 'b'],
    gradFunc: (dy, saved, attrs) => {
      const [a, b] = saved as tf.Tensor[];
      const g = dy as tf.Tensor;
      const { transposeA, transposeB } = attrs as { transposeA: boolean; transposeB: boolean };
      if (!transposeA && !transposeB)
        return { a: () => tf.matMul(g, b!, false, true), b: () => tf.matMul(a!, g, true, false) };
      if (!transposeA) return { a: () => tf.matMul(g, b!, false, false), b: () => tf.matMul(g, a!, true, false) };
      if (!transposeB) return { a: () => tf.matMul(b!, g, false, true), b: () => tf.matMul(a!, g, false, false) };
      return { a: () => tf.matMul(b!, g, true, true), b: () => tf.matMul(g, a!, true, true) };
    },
  },
  {
    kernelName: tf.Add,
    inputsToSave: ['a', 'b'],
    gradFunc: (dy, saved) => {
      const [a, b] = saved as tf.Tensor[];
      const out = tf.broadcast_util.assertAndGetBroadcastShape(a!.shape, b!.shape);
      return {
        a: () => unbroadcast(dy as tf.Tensor, a!.shape, out),
        b: () => unbroadcast(dy as tf.Tensor, b!.shape, out),
      };
    },
  },
  {
    kernelName: tf.Sub,
    inputsToSave: ['a', 'b'],
    gradFunc: (dy, saved) => {
      const [a, b] = saved as tf.Tensor[];
      const out = tf.broadcast_util.assertAndGetBroadcastShape(a!.shape, b!.shape);
      return {
        a: () => unbroadcast(dy as tf.Tensor, a!.shape, out),
        b: () => tf.neg(unbroadcast(dy as tf.Tensor, b!.shape, out)),
      };
    },
  },
  {
    kernelName: tf.Square,
    inputsToSave: ['x'],
    gradFunc: (dy, saved) => {
      const [x] = saved as tf.Tensor[];
      return { x: () => tf.mul(dy as tf.Tensor, tf.mul(tf.cast(x!, 'float32'), 2)) };
    },
  },
  {
    kernelName: tf.Mean,
    inputsToSave: ['x'],
    gradFunc: (dy, saved, attrs) => {
      const [x] = saved as tf.Tensor[];
      return {
        x: () => {
          const { expanded, size } = expandReduced(dy as tf.Tensor, x!, (attrs as Attrs).axis);
          return tf.div(expanded, size);
        },
      };
    },
  },
  {
    kernelName: tf.Sum,
    inputsToSave: ['x'],
    gradFunc: (dy, saved, attrs) => {
      const [x] = saved as tf.Tensor[];
      return { x: () => expandReduced(dy as tf.Tensor, x!, (attrs as Attrs).axis).expanded };
    },
  },
  {
    kernelName: tf.Relu,
    inputsToSave: ['x'],
    gradFunc: (dy, saved) => {
      const [x] = saved as tf.Tensor[];
      return { x: () => tf.mul(dy as tf.Tensor, tf.step(tf.cast(x!, 'float32'))) };
    },
  },
  {
    kernelName: tf.Tanh,
    outputsToSave: [true],
    gradFunc: (dy, saved) => {
      const [y] = saved as tf.Tensor[];
      return { x: () => tf.mul(tf.sub(1, tf.square(y!)), dy as tf.Tensor) };
    },
  },
  {
    kernelName: tf.Reshape,
    inputsToSave: ['x'],
    gradFunc: (dy, saved) => {
      const [x] = saved as tf.Tensor[];
      return { x: () => tf.reshape(dy as tf.Tensor, x!.shape) };
    },
  },
];

let registered = false;

export function registerTrainingGradients(): void {
  if (registered) return;
  registered = true;
  for (const rule of RULES) if (!tf.getGradient(rule.kernelName)) tf.registerGradient(rule);
}
