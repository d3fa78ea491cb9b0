/**
 * The SIMD strategy: the project's own engine on the CPU path. Each run's
 * parameters, gradients and optimiser state sit in one block of the
 * thread's shared WebAssembly memory (simdArena.ts), and a step is a handful
 * of calls into hand-written SIMD kernels (simdEngineKernels.ts): no tfjs
 * kernel dispatch, no transposed product falling to a scalar loop, one
 * optimiser pass over all of a run's parameters.
 *
 * The batches are the per-run strategy's own (batchSource.ts, on the running
 * wasm or cpu backend), read in place. Sums run in another order than
 * XNNPACK's, so the numbers equal the per-run strategy's up to float32
 * rounding, not bit for bit (tests/unit/train.simdEngine.test.ts).
 *
 * Layout: the hidden width is padded to a multiple of GEMM_COLUMNS and the
 * scalar output to GEMM_COLUMNS columns, with zero weights there; zeros stay
 * zero through the forward pass, the gradients and both optimisers.
 */
import * as tf from '@tensorflow/tfjs-core';
import { makeBatchSource, type BatchSource } from './batchSource';
import { stepBatchSize } from './data';
import { flippedForward, type FlipProbe } from './flipForward';
import { isLive, readCopy, readFlips, type Group, type RunState } from './group';
import { forward2d, type Layer2d } from './mlp2d';
import { ADAM_BETAS, ADAM_EPSILON, SGD_MOMENTUM, hostMemoryBackend, hostView } from './optimizer';
import { simdArena, type SimdArena } from './simdArena';
import { GEMM_COLUMNS, engineKernels, type EngineKernels } from './simdEngineKernels';
import { initialLayers, layerSizes, type GroupShape, type HostLayer } from './student';

const f = Math.fround;
const roundUp = (v: number) => Math.ceil(v / GEMM_COLUMNS) * GEMM_COLUMNS;

/** Where a layer sits in a run's parameter block, in floats from the block's start. */
interface LayerSlot {
  fanIn: number;
  fanOut: number;
  inP: number;
  outP: number;
  W: number;
  b: number;
}

interface Member {
  run: RunState;
  source: BatchSource;
  /** Byte offsets of the parameters, their gradients and the optimiser's state (1 or 2 arrays). */
  params: number;
  grads: number;
  state: number;
  accB1: number;
  accB2: number;
}

/** Whether this thread can run the SIMD strategy: WebAssembly SIMD, and batches in host memory. */
export function simdAvailable(): boolean {
  return hostMemoryBackend() && engineKernels() !== null;
}

/**
 * Where `auto` takes the SIMD engine over tfjs' per-run steps on wasm. Measured
 * (npm run bench, scale, 2-core AMD EPYC, 12-03): faster up to n = h = 256,
 * slower at 512 and 1024, where XNNPACK's packed kernels keep B in cache
 * better than this engine's 4 x 8 tiles do.
 */
export function simdPaysAt(shape: { n: number; h: number }): boolean {
  return shape.n * shape.h <= 256 * 256;
}

export class SimdGroup implements Group {
  readonly strategy = 'simd' as const;
  private readonly k: EngineKernels;
  private readonly arena: SimdArena;
  private readonly slots: LayerSlot[];
  /** Floats per run's parameter vector (padded). */
  private readonly P: number;
  private readonly bs: number;
  private readonly members: Member[];
  // Scratch shared by the members, which step one after another (byte offsets).
  private readonly scratch: number;
  private readonly x: number;
  private readonly y: number;
  private readonly ones: number;
  /** Each layer's output (pre-activation, then activation in place), bs x outP. */
  private readonly z: number[];
  private readonly dz: [number, number];
  private readonly dzOut: number;
  private readonly inT: number;
  private readonly wT: number;
  /** The product's packed column panel (simdEngineKernels.ts gemm). */
  private readonly pack: number;
  private readonly b1 = f(ADAM_BETAS[0]);
  private readonly b2 = f(ADAM_BETAS[1]);

  constructor(
    readonly shape: GroupShape,
    readonly runs: readonly RunState[],
  ) {
    const k = engineKernels();
    const arena = simdArena();
    if (!k || !arena || !hostMemoryBackend())
      throw new Error(`the simd strategy needs WebAssembly SIMD and the wasm or cpu backend, not ${tf.getBackend()}`);
    this.k = k;
    this.arena = arena;
    const hp = roundUp(shape.h);
    let at = 0;
    const sizes = layerSizes(shape);
    this.slots = sizes.map(([fanIn, fanOut], l) => {
      const inP = l === 0 ? fanIn : hp;
      const outP = roundUp(fanOut);
      const slot = { fanIn, fanOut, inP, outP, W: at, b: at + inP * outP };
      at += inP * outP + outP;
      return slot;
    });
    this.P = at;
    const bs = stepBatchSize(shape.bs, shape.train);
    this.bs = bs;
    const widest = Math.max(shape.n, hp, GEMM_COLUMNS);
    // x, y, ones, z per layer, two dz, dzOut, inT, wT
    const floats = [
      bs * shape.n,
      bs,
      bs,
      ...this.slots.map((s) => bs * s.outP),
      bs * hp,
      bs * hp,
      bs * GEMM_COLUMNS,
      widest * bs,
      widest * widest,
      Math.max(widest, bs) * GEMM_COLUMNS,
    ].map((v) => Math.ceil(v / 4) * 4);
    this.scratch = arena.alloc(floats.reduce((a, b) => a + b, 0) * 4);
    const offsets: number[] = [];
    let o = this.scratch;
    for (const v of floats) {
      offsets.push(o);
      o += v * 4;
    }
    const L = this.slots.length;
    this.x = offsets[0]!;
    this.y = offsets[1]!;
    this.ones = offsets[2]!;
    this.z = offsets.slice(3, 3 + L);
    this.dz = [offsets[3 + L]!, offsets[4 + L]!];
    this.dzOut = offsets[5 + L]!;
    this.inT = offsets[6 + L]!;
    this.wT = offsets[7 + L]!;
    this.pack = offsets[8 + L]!;
    arena.f32(this.ones, bs).fill(1);

    const states = shape.opt === 'adam' ? 2 : 1;
    this.members = [];
    try {
      for (const run of runs) {
        const params = arena.alloc(this.P * 4 * (2 + states));
        const member: Member = {
          run,
          source: makeBatchSource(run.sampler, run.seeds, shape.train, bs),
          params,
          grads: params + this.P * 4,
          state: params + 2 * this.P * 4,
          accB1: this.b1,
          accB2: this.b2,
        };
        this.members.push(member);
        const block = arena.f32(params, this.P);
        initialLayers(shape, run.seeds).forEach((layer, l) => {
          const s = this.slots[l]!;
          for (let i = 0; i < s.fanIn; i++)
            block.set(layer.W.subarray(i * s.fanOut, (i + 1) * s.fanOut), s.W + i * s.outP);
          block.set(layer.b, s.b);
        });
      }
    } catch (e) {
      this.dispose();
      throw e;
    }
  }

  /** Copies the member's next batch (the per-run strategy's own) into the scratch. */
  private loadBatch(m: Member): void {
    tf.tidy(() => {
      const [x, y] = m.source.next();
      this.arena.f32(this.x, this.bs * this.shape.n).set(hostView(x));
      this.arena.f32(this.y, this.bs).set(hostView(y));
    });
  }

  private forward(m: Member, x: number): void {
    const { k, bs } = this;
    const last = this.slots.length - 1;
    let input = x;
    this.slots.forEach((s, l) => {
      const out = this.z[l]!;
      k.gemm(bs, s.outP, s.inP, input, s.inP * 4, 4, m.params + s.W * 4, out, this.pack);
      if (l < last && this.shape.act === 'relu') k.biasRelu(bs, s.outP, out, m.params + s.b * 4);
      else k.biasAdd(bs, s.outP, out, m.params + s.b * 4);
      if (l < last && this.shape.act === 'tanh') {
        const a = this.arena.f32(out, bs * s.outP);
        for (let i = 0; i < a.length; i++) a[i] = Math.tanh(a[i]!);
      }
      input = out;
    });
  }

  /** One step of one member; returns its batch loss. */
  private step(m: Member): number {
    const { k, bs, arena } = this;
    this.loadBatch(m);
    this.forward(m, this.x);
    const L = this.slots.length;
    // Loss and its gradient at the output: dz = (out - y) * (2 / B), tfjs' order.
    const out = arena.f32(this.z[L - 1]!, bs * GEMM_COLUMNS);
    const y = arena.f32(this.y, bs);
    const dzOut = arena.f32(this.dzOut, bs * GEMM_COLUMNS);
    const scale = f(2 / bs);
    let sum = 0;
    for (let i = 0; i < bs; i++) {
      const diff = f(out[i * GEMM_COLUMNS]! - y[i]!);
      sum += f(diff * diff);
      dzOut[i * GEMM_COLUMNS] = f(diff * scale);
    }
    let dz = this.dzOut;
    for (let l = L - 1; l >= 0; l--) {
      const s = this.slots[l]!;
      const input = l === 0 ? this.x : this.z[l - 1]!;
      // dW = input^T dz: the input transposed once, then a plain product.
      this.transpose(bs, s.inP, input, this.inT);
      k.gemm(s.inP, s.outP, bs, this.inT, bs * 4, 4, dz, m.grads + s.W * 4, this.pack);
      // db = ones dz
      k.gemm(1, s.outP, bs, this.ones, 0, 4, dz, m.grads + s.b * 4, this.pack);
      if (l > 0) {
        // da = dz W^T, then dz of the layer below = da * act'(its activation).
        const next = dz === this.dz[0] ? this.dz[1] : this.dz[0];
        this.transpose(s.inP, s.outP, m.params + s.W * 4, this.wT);
        k.gemm(bs, s.inP, s.outP, dz, s.outP * 4, 4, this.wT, next, this.pack);
        if (this.shape.act === 'relu') k.slopeRelu(bs * s.inP, next, input);
        else k.slopeTanh(bs * s.inP, next, input);
        dz = next;
      }
    }
    this.optimise(m);
    return f(sum / bs);
  }

  private transpose(R: number, C: number, src: number, dst: number): void {
    if (R % 4 === 0 && C % 4 === 0) this.k.transpose4(R, C, src, dst);
    else this.k.transpose(R, C, src, dst);
  }

  private optimise(m: Member): void {
    const { b1, b2 } = this;
    const negLr = f(-this.shape.lr);
    if (this.shape.opt === 'adam') {
      const c1 = f(1 - m.accB1);
      const c2 = f(1 - m.accB2);
      this.k.adam(
        this.P,
        m.grads,
        m.params,
        m.state,
        m.state + this.P * 4,
        b1,
        b2,
        f(1 - ADAM_BETAS[0]),
        f(1 - ADAM_BETAS[1]),
        c1,
        c2,
        f(ADAM_EPSILON),
        negLr,
      );
      m.accB1 = f(m.accB1 * b1);
      m.accB2 = f(m.accB2 * b2);
    } else this.k.momentum(this.P, m.grads, m.params, m.state, f(SGD_MOMENTUM), negLr);
  }

  train(steps: number): Promise<(Float32Array | null)[]> {
    return Promise.resolve(
      this.members.map((m) => {
        if (!isLive(m.run)) return null;
        const losses = new Float32Array(steps);
        for (let i = 0; i < steps; i++) losses[i] = this.step(m);
        return losses;
      }),
    );
  }

  private hostLayers(m: Member): HostLayer[] {
    const block = this.arena.f32(m.params, this.P);
    return this.slots.map((s) => {
      const W = new Float32Array(s.fanIn * s.fanOut);
      for (let i = 0; i < s.fanIn; i++)
        W.set(block.subarray(s.W + i * s.outP, s.W + i * s.outP + s.fanOut), i * s.fanOut);
      return { fanIn: s.fanIn, fanOut: s.fanOut, W, b: block.slice(s.b, s.b + s.fanOut) };
    });
  }

  /** A member's parameters as tfjs tensors, for the rarely called predictions (inside tf.tidy). */
  private tfLayers(m: Member): Layer2d[] {
    return this.hostLayers(m).map((l) => ({ W: tf.tensor2d(l.W, [l.fanIn, l.fanOut]), b: tf.tensor1d(l.b) }));
  }

  private member(i: number): Member {
    const m = this.members[i];
    if (!m) throw new Error(`no member ${i} in this group`);
    return m;
  }

  private async predictOn(m: Member, x: Float32Array, count: number): Promise<Float32Array> {
    const out = tf.tidy(() => forward2d(this.tfLayers(m), tf.tensor2d(x, [count, this.shape.n]), this.shape.act).out);
    try {
      return await readCopy(out);
    } finally {
      out.dispose();
    }
  }

  predictTest(wanted: readonly boolean[]): Promise<(Float32Array | null)[]> {
    return Promise.all(
      this.members.map((m, i) => (wanted[i] ? this.predictOn(m, m.run.test.x, m.run.test.count) : null)),
    );
  }

  layers(): Promise<HostLayer[][]> {
    return Promise.resolve(this.members.map((m) => this.hostLayers(m)));
  }

  firstLayer(): Promise<Float32Array[]> {
    return Promise.resolve(this.members.map((m) => this.hostLayers(m)[0]!.W));
  }

  predict(member: number, x: Float32Array, count: number): Promise<Float32Array> {
    return this.predictOn(this.member(member), x, count);
  }

  predictFlips(member: number, probe: FlipProbe): Promise<{ atBase: Float32Array; atFlipped: Float32Array }> {
    const m = this.member(member);
    return readFlips(tf.tidy(() => flippedForward(this.tfLayers(m), probe, this.shape.act)));
  }

  dispose(): void {
    for (const m of this.members) {
      m.source.dispose();
      this.arena.release(m.params);
    }
    this.members.length = 0;
    this.arena.release(this.scratch);
  }
}
