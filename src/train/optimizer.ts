/**
 * The optimiser step of both strategies, behind one small interface.
 *
 * tfjs' AdamOptimizer runs 13 kernels and about 5 scalar uploads per
 * parameter tensor, most of a per-run step on wasm (issue 9). On wasm and cpu
 * a tensor's values sit in this process's memory (the wasm heap, or the cpu
 * backend's own arrays), so there the update is one pass per variable over
 * those values, with no kernel at all (docs/DESIGN-DECISIONS.md,
 * "Synchronous reads, where and why": allowed on wasm and cpu; never on WebGL or WebGPU, whose
 * tensors live on the GPU and keep tfjs' optimisers).
 *
 * The fused passes compute tfjs' own float32 formula operation by operation
 * (every intermediate rounded to float32 as tfjs' kernels round it), so they
 * reproduce tfjs' optimisers to the last bit; a test checks it over 1000 steps.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { OptimizerName } from '../core/config';
import { simdArena, type SimdArena } from './simdArena';
import type { SimdInstance } from './simdKernels';

/** PyTorch's Adam epsilon, which the reference uses (docs/science.md 2.5); tfjs' default would be 1e-7. */
export const ADAM_EPSILON = 1e-8;
export const ADAM_BETAS = [0.9, 0.999] as const;
export const SGD_MOMENTUM = 0.9;

/** `fused` needs wasm or cpu; `auto` takes it there and tfjs' optimisers elsewhere. */
export type OptimizerImpl = 'auto' | 'fused' | 'tfjs';

export interface ParamUpdater {
  readonly impl: 'fused' | 'tfjs';
  /**
   * One optimiser step: `grads[i]` is the gradient of `vars[i]`. Call it
   * inside the step's tidy, before the gradients are disposed; the same
   * variables in the same order every step.
   */
  apply(vars: readonly tf.Variable[], grads: readonly tf.Tensor[]): void;
  dispose(): void;
}

export function makeOptimizer(opt: OptimizerName, lr: number): tf.Optimizer {
  // Adam and momentum act elementwise, so one optimiser over a batched parameter equals one per run.
  return opt === 'adam'
    ? tf.train.adam(lr, ADAM_BETAS[0], ADAM_BETAS[1], ADAM_EPSILON)
    : tf.train.momentum(lr, SGD_MOMENTUM);
}

/**
 * tfjs 4.22's MomentumOptimizer.dispose() skips its parent's, leaking the
 * learning-rate scalar `c` of every SGD optimiser; the tensor-count test
 * catches it.
 */
export function disposeOptimizer(optimizer: tf.Optimizer): void {
  optimizer.dispose();
  if (optimizer instanceof tf.MomentumOptimizer) {
    const c = (optimizer as unknown as { c?: tf.Tensor }).c;
    if (c && !c.isDisposed) c.dispose();
  }
}

/** The backends whose tensor values the host can read and write in place. */
export function hostMemoryBackend(): boolean {
  const b = tf.getBackend();
  return b === 'wasm' || b === 'cpu';
}

/** The backend's internals this module touches; typed here because the backends' own types are not exported from tfjs-core. */
interface WasmLike {
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array;
}
interface CpuLike {
  data: { get(dataId: tf.DataId): { values?: unknown } | undefined };
}

/**
 * A live float32 view of a tensor's values. On wasm the view is into the
 * heap and is detached when the heap grows, so take a new one for every use
 * and allocate nothing while using it. Read-only on wasm (see ParamWriter).
 */
export function hostView(t: tf.Tensor): Float32Array {
  const name = tf.getBackend();
  if (t.dtype !== 'float32') throw new Error(`hostView takes float32 tensors, not ${t.dtype}`);
  if (name === 'wasm') return (tf.backend() as unknown as WasmLike).typedArrayFromHeap(t);
  if (name === 'cpu') {
    const values = (tf.backend() as unknown as CpuLike).data.get(t.dataId)?.values;
    if (values instanceof Float32Array && values.length === t.size) return values;
    throw new Error('the cpu backend holds this tensor in an unexpected form');
  }
  throw new Error(`hostView needs the wasm or cpu backend, not ${name}`);
}

/**
 * Where a fused pass writes a variable's new values. On cpu, in place. On
 * wasm never in place: XNNPACK caches a product's packed weights by tensor
 * id, so a weight changed under the same id would be multiplied stale. There
 * the new values go to a scratch array that becomes a fresh tensor (a copy
 * into the heap, no kernel) assigned to the variable.
 */
class ParamWriter {
  private readonly scratch: Float32Array[] = [];
  private readonly inPlace: boolean;

  constructor() {
    this.inPlace = tf.getBackend() === 'cpu';
  }

  /** The array to write variable k's new values into. */
  target(vars: readonly tf.Variable[], k: number): Float32Array {
    if (this.inPlace) return hostView(vars[k]!);
    return (this.scratch[k] ??= new Float32Array(vars[k]!.size));
  }

  /** Makes `values` (length of the variable) variable k's new values; `values` stays the caller's. */
  commitFrom(vars: readonly tf.Variable[], k: number, values: Float32Array): void {
    const v = vars[k]!;
    // The cpu backend keeps the very array a tensor is made from: copy in place there.
    if (this.inPlace) hostView(v).set(values);
    else v.assign(tf.tensor(values, v.shape, 'float32'));
  }

  /** Makes the values written into target(k) the variable's. */
  commit(vars: readonly tf.Variable[], k: number): void {
    if (this.inPlace) return;
    const v = vars[k]!;
    v.assign(tf.tensor(this.scratch[k]!, v.shape, 'float32'));
  }
}

class TfjsUpdater implements ParamUpdater {
  readonly impl = 'tfjs' as const;
  private readonly optimizer: tf.Optimizer;

  constructor(opt: OptimizerName, lr: number) {
    this.optimizer = makeOptimizer(opt, lr);
  }

  apply(vars: readonly tf.Variable[], grads: readonly tf.Tensor[]): void {
    this.optimizer.applyGradients(vars.map((v, i) => ({ name: v.name, tensor: grads[i]! })));
  }

  dispose(): void {
    disposeOptimizer(this.optimizer);
  }
}

/**
 * Float32 arrays laid out in one block of the thread's shared SIMD memory,
 * 16-byte aligned and padded to whole lanes: `arrays` per variable
 * (gradient, weights, then the optimiser's state), zero-initialised.
 * Offsets are absolute, so they stay valid when the memory grows.
 */
class SimdLayout {
  readonly offsets: number[][];
  readonly padded: number[];
  readonly kernels: SimdInstance;
  private block: number;

  constructor(
    private readonly arena: SimdArena,
    sizes: readonly number[],
    arrays: number,
  ) {
    this.kernels = arena.kernels;
    this.padded = sizes.map((n) => Math.ceil(n / 4) * 4);
    const bytes = this.padded.reduce((sum, n) => sum + n * 4 * arrays, 0);
    this.block = arena.alloc(bytes);
    let at = this.block;
    this.offsets = this.padded.map((n) =>
      Array.from({ length: arrays }, () => {
        const o = at;
        at += n * 4;
        return o;
      }),
    );
  }

  view(k: number, a: number, length: number): Float32Array {
    return this.arena.f32(this.offsets[k]![a]!, length);
  }

  /** Copies the gradient and the weights of variable k in. */
  load(g: Float32Array, w: Float32Array, k: number): void {
    this.view(k, 0, g.length).set(g);
    this.view(k, 1, w.length).set(w);
  }

  release(): void {
    this.arena.release(this.block);
    this.block = 0;
  }
}

const f = Math.fround;

/**
 * tfjs' AdamOptimizer.applyGradients, elementwise in float32:
 *   m = m b1 + g (1 - b1);  v = v b2 + g^2 (1 - b2)
 *   w = (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps) * (-lr) + w
 * with b1^t, b2^t float32 products kept like tfjs' accBeta scalars. The
 * constants are the float32 scalars tfjs makes of the same JS numbers.
 */
export class FusedAdam implements ParamUpdater {
  readonly impl = 'fused' as const;
  private readonly b1 = f(ADAM_BETAS[0]);
  private readonly b2 = f(ADAM_BETAS[1]);
  private readonly oneMinusB1 = f(1 - ADAM_BETAS[0]);
  private readonly oneMinusB2 = f(1 - ADAM_BETAS[1]);
  private readonly eps = f(ADAM_EPSILON);
  private readonly negLr: number;
  private accB1 = f(ADAM_BETAS[0]);
  private accB2 = f(ADAM_BETAS[1]);
  private m: Float32Array[] = [];
  private v: Float32Array[] = [];
  private writer: ParamWriter | null = null;
  private simd: SimdLayout | null = null;

  constructor(
    lr: number,
    private readonly useSimd = true,
  ) {
    this.negLr = f(-lr);
  }

  apply(vars: readonly tf.Variable[], grads: readonly tf.Tensor[]): void {
    if (this.writer === null) {
      this.writer = new ParamWriter();
      const arena = this.useSimd ? simdArena() : null;
      if (arena)
        this.simd = new SimdLayout(
          arena,
          vars.map((x) => x.size),
          4,
        );
      else {
        this.m = vars.map((x) => new Float32Array(x.size));
        this.v = vars.map((x) => new Float32Array(x.size));
      }
    }
    const writer = this.writer;
    const { b1, b2, oneMinusB1, oneMinusB2, eps, negLr } = this;
    const c1 = f(1 - this.accB1);
    const c2 = f(1 - this.accB2);
    const simd = this.simd;
    if (simd) {
      for (let k = 0; k < vars.length; k++) {
        const size = vars[k]!.size;
        simd.load(hostView(grads[k]!), hostView(vars[k]!), k);
        const [g, w, m, v] = simd.offsets[k]!;
        simd.kernels.adam(simd.padded[k]!, g!, w!, m!, v!, b1, b2, oneMinusB1, oneMinusB2, c1, c2, eps, negLr);
        writer.commitFrom(vars, k, simd.view(k, 1, size));
      }
      this.accB1 = f(this.accB1 * b1);
      this.accB2 = f(this.accB2 * b2);
      return;
    }
    for (let k = 0; k < vars.length; k++) {
      const g = hostView(grads[k]!);
      const w = hostView(vars[k]!);
      const out = writer.target(vars, k);
      const m = this.m[k]!;
      const v = this.v[k]!;
      for (let i = 0; i < w.length; i++) {
        const gi = g[i]!;
        const mi = f(f(m[i]! * b1) + f(gi * oneMinusB1));
        const vi = f(f(v[i]! * b2) + f(f(gi * gi) * oneMinusB2));
        m[i] = mi;
        v[i] = vi;
        const step = f(f(f(mi / c1) / f(f(Math.sqrt(f(vi / c2))) + eps)) * negLr);
        out[i] = f(step + w[i]!);
      }
      writer.commit(vars, k);
    }
    this.accB1 = f(this.accB1 * b1);
    this.accB2 = f(this.accB2 * b2);
  }

  dispose(): void {
    this.m = [];
    this.v = [];
    this.writer = null;
    this.simd?.release();
    this.simd = null;
  }
}

/** tfjs' MomentumOptimizer (no Nesterov), elementwise in float32: a = mu a + g; w = (-lr) a + w. */
export class FusedMomentum implements ParamUpdater {
  readonly impl = 'fused' as const;
  private readonly mu = f(SGD_MOMENTUM);
  private readonly negLr: number;
  private acc: Float32Array[] = [];
  private writer: ParamWriter | null = null;
  private simd: SimdLayout | null = null;

  constructor(
    lr: number,
    private readonly useSimd = true,
  ) {
    this.negLr = f(-lr);
  }

  apply(vars: readonly tf.Variable[], grads: readonly tf.Tensor[]): void {
    if (this.writer === null) {
      this.writer = new ParamWriter();
      const arena = this.useSimd ? simdArena() : null;
      if (arena)
        this.simd = new SimdLayout(
          arena,
          vars.map((x) => x.size),
          3,
        );
      else this.acc = vars.map((x) => new Float32Array(x.size));
    }
    const { mu, negLr, writer, simd } = this;
    if (simd) {
      for (let k = 0; k < vars.length; k++) {
        const size = vars[k]!.size;
        simd.load(hostView(grads[k]!), hostView(vars[k]!), k);
        const [g, w, a] = simd.offsets[k]!;
        simd.kernels.momentum(simd.padded[k]!, g!, w!, a!, mu, negLr);
        writer.commitFrom(vars, k, simd.view(k, 1, size));
      }
      return;
    }
    for (let k = 0; k < vars.length; k++) {
      const g = hostView(grads[k]!);
      const w = hostView(vars[k]!);
      const out = writer.target(vars, k);
      const a = this.acc[k]!;
      for (let i = 0; i < w.length; i++) {
        const ai = f(f(mu * a[i]!) + g[i]!);
        a[i] = ai;
        out[i] = f(f(negLr * ai) + w[i]!);
      }
      writer.commit(vars, k);
    }
  }

  dispose(): void {
    this.acc = [];
    this.writer = null;
    this.simd?.release();
    this.simd = null;
  }
}

/** The optimiser for a group, on the backend that is running now. */
export function makeUpdater(opt: OptimizerName, lr: number, impl: OptimizerImpl = 'auto'): ParamUpdater {
  const fused = impl === 'fused' || (impl === 'auto' && hostMemoryBackend());
  if (!fused) return new TfjsUpdater(opt, lr);
  if (!hostMemoryBackend())
    throw new Error(`the fused optimiser needs the wasm or cpu backend, not ${tf.getBackend()}`);
  return opt === 'adam' ? new FusedAdam(lr) : new FusedMomentum(lr);
}
