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

const I32 = 0x7f;
const F32 = 0x7d;
const V128 = 0x7b;

const op = {
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  end: [0x0b],
  br: (d: number) => [0x0c, d],
  brIf: (d: number) => [0x0d, d],
  get: (i: number) => [0x20, i],
  set: (i: number) => [0x21, i],
  tee: (i: number) => [0x22, i],
  i32Const: (v: number) => [0x41, ...sleb(v)],
  i32Add: [0x6a],
  i32Shl: [0x74],
  i32GeU: [0x4f],
  // v128.load / v128.store with 16-byte alignment, offset 0
  load: [0xfd, 0x00, 0x04, 0x00],
  store: [0xfd, 0x0b, 0x04, 0x00],
  splat: [0xfd, 0x13],
  sqrt: [0xfd, 0xe3, 0x01],
  add: [0xfd, 0xe4, 0x01],
  mul: [0xfd, 0xe6, 0x01],
  div: [0xfd, 0xe7, 0x01],
};

function uleb(v: number): number[] {
  const out: number[] = [];
  do {
    let b = v & 0x7f;
    v >>>= 7;
    if (v !== 0) b |= 0x80;
    out.push(b);
  } while (v !== 0);
  return out;
}

function sleb(v: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const name = (s: string): number[] => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];

/** address = base + i (both locals) */
const addr = (base: number, i: number) => [...op.get(base), ...op.get(i), ...op.i32Add];

/**
 * The loop `for (i = 0; i < n * 4 bytes; i += 16) body`, with locals i and
 * end; n counts float32 elements, a multiple of 4.
 */
function loopOver(nParam: number, i: number, end: number, body: number[]): number[] {
  return [
    ...op.get(nParam),
    ...op.i32Const(2),
    ...op.i32Shl,
    ...op.set(end),
    ...op.i32Const(0),
    ...op.set(i),
    ...op.block,
    ...op.loop,
    ...op.get(i),
    ...op.get(end),
    ...op.i32GeU,
    ...op.brIf(1),
    ...body,
    ...op.get(i),
    ...op.i32Const(16),
    ...op.i32Add,
    ...op.set(i),
    ...op.br(0),
    ...op.end,
    ...op.end,
  ];
}

/**
 * adam(n, g, w, m, v, b1, b2, 1-b1, 1-b2, 1-b1^t, 1-b2^t, eps, -lr), in
 * tfjs' order of operations:
 *   m = m b1 + g (1-b1);  v = v b2 + (g g)(1-b2);
 *   w = ((m / c1) / (sqrt(v / c2) + eps)) (-lr) + w
 */
function adamBody(): number[] {
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
function momentumBody(): number[] {
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

let compiled: WebAssembly.Module | null | undefined;

/** A fresh instance (its own memory) of the kernels, or null where WebAssembly SIMD is unavailable. */
export function simdKernels(): SimdInstance | null {
  if (compiled === undefined) {
    try {
      compiled = typeof WebAssembly === 'object' ? new WebAssembly.Module(moduleBytes()) : null;
    } catch {
      compiled = null;
    }
  }
  if (!compiled) return null;
  const exports = new WebAssembly.Instance(compiled, {}).exports as unknown as SimdInstance;
  return exports;
}
