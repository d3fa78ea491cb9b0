/**
 * The fused optimiser passes as WebAssembly SIMD, four float32 lanes at a
 * time. In JavaScript every float32 rounding is a Math.fround, a conversion
 * there and back around each double operation (measured about 30 ns per
 * element for Adam, as much as tfjs' 13 kernels); wasm's f32x4 arithmetic is
 * IEEE float32 itself, so the same formula costs a few ns per element and
 * stays bit-identical to tfjs' kernels.
 *
 * The module is small enough to write out here (no toolchain): it owns its
 * memory, the caller copies gradients and weights in and the new weights
 * out. Where WebAssembly SIMD is missing, `simdKernels()` is null and the
 * JavaScript passes run instead.
 */

import { F32, I32, V128, addr, loopOver, name, op, section, uleb, vec } from './wasmAsm';

/**
 * adam(n, g, w, m, v, b1, b2, 1-b1, 1-b2, 1-b1^t, 1-b2^t, eps, -lr), in
 * tfjs' order of operations:
 *   m = m b1 + g (1-b1);  v = v b2 + (g g)(1-b2);
 *   w = ((m / c1) / (sqrt(v / c2) + eps)) (-lr) + w
 */
export function adamBody(): number[] {
  // params 0..12: n, pG, pW, pM, pV, b1, b2, o1, o2, c1, c2, eps, nlr; locals: i 13, end 14, splats 15..22, g 23, m 24, v 25
  const [n, pG, pW, pM, pV] = [0, 1, 2, 3, 4];
  const [i, end] = [13, 14];
  const S = (k: number) => 15 + k; // splat of param 5 + k
  const [g, m, v] = [23, 24, 25];
  const splats = Array.from({ length: 8 }, (_, k) => [...op.get(5 + k), ...op.splat, ...op.set(S(k))]).flat();
  const body = [
    ...addr(pG, i),
    ...op.load,
    ...op.set(g),
    // m
    ...addr(pM, i),
    ...addr(pM, i),
    ...op.load,
    ...op.get(S(0)),
    ...op.mul,
    ...op.get(g),
    ...op.get(S(2)),
    ...op.mul,
    ...op.add,
    ...op.tee(m),
    ...op.store,
    // v
    ...addr(pV, i),
    ...addr(pV, i),
    ...op.load,
    ...op.get(S(1)),
    ...op.mul,
    ...op.get(g),
    ...op.get(g),
    ...op.mul,
    ...op.get(S(3)),
    ...op.mul,
    ...op.add,
    ...op.tee(v),
    ...op.store,
    // w
    ...addr(pW, i),
    ...op.get(m),
    ...op.get(S(4)),
    ...op.div,
    ...op.get(v),
    ...op.get(S(5)),
    ...op.div,
    ...op.sqrt,
    ...op.get(S(6)),
    ...op.add,
    ...op.div,
    ...op.get(S(7)),
    ...op.mul,
    ...addr(pW, i),
    ...op.load,
    ...op.add,
    ...op.store,
  ];
  const locals = vec([
    [2, I32],
    [11, V128],
  ]);
  return [...locals, ...splats, ...loopOver(n, i, end, body), ...op.end];
}

/** momentum(n, g, w, a, mu, -lr): a = mu a + g; w = (-lr) a + w. */
export function momentumBody(): number[] {
  // params 0..5: n, pG, pW, pA, mu, nlr; locals: i 6, end 7, MU 8, NLR 9, a 10
  const [n, pG, pW, pA] = [0, 1, 2, 3];
  const [i, end, MU, NLR, a] = [6, 7, 8, 9, 10];
  const body = [
    ...addr(pA, i),
    ...op.get(MU),
    ...addr(pA, i),
    ...op.load,
    ...op.mul,
    ...addr(pG, i),
    ...op.load,
    ...op.add,
    ...op.tee(a),
    ...op.store,
    ...addr(pW, i),
    ...op.get(NLR),
    ...op.get(a),
    ...op.mul,
    ...addr(pW, i),
    ...op.load,
    ...op.add,
    ...op.store,
  ];
  const locals = vec([
    [2, I32],
    [3, V128],
  ]);
  return [
    ...locals,
    ...op.get(4),
    ...op.splat,
    ...op.set(MU),
    ...op.get(5),
    ...op.splat,
    ...op.set(NLR),
    ...loopOver(n, i, end, body),
    ...op.end,
  ];
}

function moduleBytes(): Uint8Array<ArrayBuffer> {
  const adamType = [0x60, ...vec([[I32], [I32], [I32], [I32], [I32], ...Array.from({ length: 8 }, () => [F32])]), 0];
  const momType = [0x60, ...vec([[I32], [I32], [I32], [I32], [F32], [F32]]), 0];
  const code = (body: number[]) => [...uleb(body.length), ...body];
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec([adamType, momType])),
    ...section(3, vec([[0], [1]])),
    ...section(5, vec([[0x00, 1]])),
    ...section(
      7,
      vec([
        [...name('memory'), 0x02, 0],
        [...name('adam'), 0x00, 0],
        [...name('momentum'), 0x00, 1],
      ]),
    ),
    ...section(10, vec([code(adamBody()), code(momentumBody())])),
  ]);
}

/** For tests: the module's bytes. */
export const simdModuleBytes = (): Uint8Array<ArrayBuffer> => moduleBytes();

export interface SimdInstance {
  memory: WebAssembly.Memory;
  adam(
    n: number,
    g: number,
    w: number,
    m: number,
    v: number,
    b1: number,
    b2: number,
    oneMinusB1: number,
    oneMinusB2: number,
    c1: number,
    c2: number,
    eps: number,
    negLr: number,
  ): void;
  momentum(n: number, g: number, w: number, a: number, mu: number, negLr: number): void;
}

let instance: SimdInstance | null | undefined;

/**
 * This thread's one instance of the kernels, or null where WebAssembly SIMD
 * is unavailable. One only: every instance with its own memory reserves
 * gigabytes of address space, and a few hundred of them exhaust a tab's
 * (simdArena.ts hands out blocks of this one memory).
 */
export function simdKernels(): SimdInstance | null {
  if (instance === undefined) {
    try {
      instance =
        typeof WebAssembly === 'object'
          ? (new WebAssembly.Instance(new WebAssembly.Module(moduleBytes()), {}).exports as unknown as SimdInstance)
          : null;
    } catch {
      instance = null;
    }
  }
  return instance;
}
