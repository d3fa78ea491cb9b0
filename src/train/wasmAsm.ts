/**
 * A few WebAssembly opcodes and encoders, enough to write SIMD kernels out
 * by hand in TypeScript (no toolchain): simdKernels.ts and simdEngineKernels.ts.
 */

export const I32 = 0x7f;
export const F32 = 0x7d;
export const V128 = 0x7b;

export const op = {
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
  i32GeS: [0x4e],
  i32GtS: [0x4a],
  i32Eqz: [0x45],
  i32Sub: [0x6b],
  i32Mul: [0x6c],
  i32Load: [0x28, 0x02, 0x00],
  i32Store: [0x36, 0x02, 0x00],
  f32Load: [0x2a, 0x02, 0x00],
  /** v128.load / v128.store at a constant byte offset from the address */
  loadAt: (offset: number) => [0xfd, 0x00, 0x04, ...uleb(offset)],
  storeAt: (offset: number) => [0xfd, 0x0b, 0x04, ...uleb(offset)],
  zero: [0xfd, 0x0c, ...new Array<number>(16).fill(0)],
  and: [0xfd, 0x4e],
  gt: [0xfd, 0x44],
  sub: [0xfd, 0xe5, 0x01],
  max: [0xfd, 0xe9, 0x01],
  /** i8x16.shuffle of two v128 by float lanes: lanes 0-3 from the first, 4-7 from the second */
  shuffle32: (lanes: number[]) => [0xfd, 0x0d, ...lanes.flatMap((l) => [4 * l, 4 * l + 1, 4 * l + 2, 4 * l + 3])],
  // v128.load / v128.store with 16-byte alignment, offset 0
  load: [0xfd, 0x00, 0x04, 0x00],
  store: [0xfd, 0x0b, 0x04, 0x00],
  splat: [0xfd, 0x13],
  sqrt: [0xfd, 0xe3, 0x01],
  add: [0xfd, 0xe4, 0x01],
  mul: [0xfd, 0xe6, 0x01],
  div: [0xfd, 0xe7, 0x01],
};

export function uleb(v: number): number[] {
  const out: number[] = [];
  do {
    let b = v & 0x7f;
    v >>>= 7;
    if (v !== 0) b |= 0x80;
    out.push(b);
  } while (v !== 0);
  return out;
}

export function sleb(v: number): number[] {
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

export const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
export const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
export const name = (s: string): number[] => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];

/** address = base + i (both locals) */
export const addr = (base: number, i: number) => [...op.get(base), ...op.get(i), ...op.i32Add];

/**
 * The loop `for (i = 0; i < n * 4 bytes; i += 16) body`, with locals i and
 * end; n counts float32 elements, a multiple of 4.
 */
export function loopOver(nParam: number, i: number, end: number, body: number[]): number[] {
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
