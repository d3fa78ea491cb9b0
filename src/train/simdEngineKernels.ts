/**
 * The SIMD engine's kernels (simdGroup.ts), written out as WebAssembly
 * SIMD128 bytes: a register-blocked product for every product of the step,
 * bias and activation, the activations' slopes, a transpose, and the fused
 * optimiser passes of simdKernels.ts. Plain SIMD128 (Node 20 has it; relaxed
 * SIMD it has not), multiply then add, never fused: every sum is float32
 * rounded as tfjs' scalar kernels round it.
 *
 * The module imports the thread's shared memory (simdArena.ts), so the
 * engine and the fused optimisers hand out blocks of one memory.
 */
import { adamBody, momentumBody, simdKernels } from './simdKernels';
import { gemmBody } from './simdGemm';
import { I32, V128, addr, loopOver, name, op, section, uleb, vec } from './wasmAsm';

export { GEMM_COLUMNS } from './simdGemm';

/** bias(M, N, pZ, pb): Z[i, :] = act(Z[i, :] + b), act relu or none; N a multiple of 4. */
function biasBody(relu: boolean): number[] {
  // params 0..3: M, N, pZ, pb; locals: r 4, j 5, end 6, zero 7 (v128)
  const [M, N, pZ, pb] = [0, 1, 2, 3];
  const [r, j, end, zero] = [4, 5, 6, 7];
  const body = [
    ...addr(pZ, j),
    ...addr(pZ, j),
    ...op.load,
    ...addr(pb, j),
    ...op.load,
    ...op.add,
    ...(relu ? [...op.get(zero), ...op.max] : []),
    ...op.store,
  ];
  return [
    ...vec([
      [3, I32],
      [1, V128],
    ]),
    ...op.zero,
    ...op.set(zero),
    ...op.get(M),
    ...op.set(r),
    ...op.block,
    ...op.loop,
    ...op.get(r),
    ...op.i32Eqz,
    ...op.brIf(1),
    ...loopOver(N, j, end, body),
    ...op.get(pZ),
    ...op.get(end),
    ...op.i32Add,
    ...op.set(pZ),
    ...op.get(r),
    ...op.i32Const(1),
    ...op.i32Sub,
    ...op.set(r),
    ...op.br(0),
    ...op.end,
    ...op.end,
    ...op.end,
  ];
}

/** slope(count, pDa, pA): dz = da * act'(z) from the activation a: relu step(a), tanh 1 - a a (tfjs' order). */
function slopeBody(tanh: boolean): number[] {
  // params 0..2: count, pDa, pA; locals: i 3, end 4, one 5 (v128), zero 6 (v128)
  const [count, pDa, pA] = [0, 1, 2];
  const [i, end, one, zero] = [3, 4, 5, 6];
  const slope = tanh
    ? [...op.get(one), ...addr(pA, i), ...op.load, ...addr(pA, i), ...op.load, ...op.mul, ...op.sub, ...op.mul]
    : [...addr(pA, i), ...op.load, ...op.get(zero), ...op.gt, ...op.and];
  const body = [...addr(pDa, i), ...addr(pDa, i), ...op.load, ...slope, ...op.store];
  return [
    ...vec([
      [2, I32],
      [2, V128],
    ]),
    ...[0x43, 0x00, 0x00, 0x80, 0x3f], // f32.const 1
    ...op.splat,
    ...op.set(one),
    ...op.zero,
    ...op.set(zero),
    ...loopOver(count, i, end, body),
    ...op.end,
  ];
}

/** transpose(R, C, pSrc, pDst): dst (C x R) = src (R x C)^T, element by element. */
function transposeBody(): number[] {
  // params 0..3: R, C, pSrc, pDst; locals: r 4, c 5, pd 6, step 7
  const [R, C, pSrc, pDst] = [0, 1, 2, 3];
  const [r, c, pd, step] = [4, 5, 6, 7];
  return [
    ...vec([[4, I32]]),
    ...op.get(R),
    ...op.i32Const(2),
    ...op.i32Shl,
    ...op.set(step),
    ...op.i32Const(0),
    ...op.set(r),
    ...op.block,
    ...op.loop,
    ...op.get(r),
    ...op.get(R),
    ...op.i32GeS,
    ...op.brIf(1),
    ...op.get(pDst),
    ...op.get(r),
    ...op.i32Const(2),
    ...op.i32Shl,
    ...op.i32Add,
    ...op.set(pd),
    ...op.get(C),
    ...op.set(c),
    ...op.block,
    ...op.loop,
    ...op.get(c),
    ...op.i32Eqz,
    ...op.brIf(1),
    ...op.get(pd),
    ...op.get(pSrc),
    ...op.i32Load,
    ...op.i32Store,
    ...op.get(pSrc),
    ...op.i32Const(4),
    ...op.i32Add,
    ...op.set(pSrc),
    ...op.get(pd),
    ...op.get(step),
    ...op.i32Add,
    ...op.set(pd),
    ...op.get(c),
    ...op.i32Const(1),
    ...op.i32Sub,
    ...op.set(c),
    ...op.br(0),
    ...op.end,
    ...op.end,
    ...op.get(r),
    ...op.i32Const(1),
    ...op.i32Add,
    ...op.set(r),
    ...op.br(0),
    ...op.end,
    ...op.end,
    ...op.end,
  ];
}

/**
 * transpose4(R, C, pSrc, pDst): as transpose, R and C multiples of 4, in 4 x 4
 * blocks: four row loads, eight shuffles, four column stores.
 */
function transpose4Body(): number[] {
  // params 0..3: R, C, pSrc, pDst; locals: r 4, c 5, ps 6, pd 7, rowS 8, rowD 9; v128 r0..r3 10..13, t0..t3 14..17
  const [R, C, pSrc, pDst] = [0, 1, 2, 3];
  const [r, c, ps, pd, rowS, rowD] = [4, 5, 6, 7, 8, 9];
  const rv = (q: number) => 10 + q;
  const tv = (q: number) => 14 + q;
  const rowAt = (base: number, q: number, stride: number) =>
    q === 0 ? op.get(base) : [...op.get(base), ...op.get(stride), ...op.i32Const(q), ...op.i32Mul, ...op.i32Add];
  const block: number[] = [];
  for (let q = 0; q < 4; q++) block.push(...rowAt(ps, q, rowS), ...op.load, ...op.set(rv(q)));
  const pairs: [number, number, number, number[]][] = [
    [tv(0), rv(0), rv(1), [0, 4, 1, 5]],
    [tv(1), rv(0), rv(1), [2, 6, 3, 7]],
    [tv(2), rv(2), rv(3), [0, 4, 1, 5]],
    [tv(3), rv(2), rv(3), [2, 6, 3, 7]],
  ];
  for (const [dst, a, b, lanes] of pairs)
    block.push(...op.get(a), ...op.get(b), ...op.shuffle32(lanes), ...op.set(dst));
  const cols: [number, number, number[]][] = [
    [tv(0), tv(2), [0, 1, 4, 5]],
    [tv(0), tv(2), [2, 3, 6, 7]],
    [tv(1), tv(3), [0, 1, 4, 5]],
    [tv(1), tv(3), [2, 3, 6, 7]],
  ];
  cols.forEach(([a, b, lanes], q) =>
    block.push(...rowAt(pd, q, rowD), ...op.get(a), ...op.get(b), ...op.shuffle32(lanes), ...op.store),
  );
  const count = (local: number, limit: number, body: number[]) => [
    ...op.i32Const(0),
    ...op.set(local),
    ...op.block,
    ...op.loop,
    ...op.get(local),
    ...op.get(limit),
    ...op.i32GeS,
    ...op.brIf(1),
    ...body,
    ...op.get(local),
    ...op.i32Const(4),
    ...op.i32Add,
    ...op.set(local),
    ...op.br(0),
    ...op.end,
    ...op.end,
  ];
  // src block (r, c) at pSrc + (r C + c) 4; dst block at pDst + (c R + r) 4
  const addrOf = (base: number, a: number, stride: number, b: number) => [
    ...op.get(base),
    ...op.get(a),
    ...op.get(stride),
    ...op.i32Mul,
    ...op.get(b),
    ...op.i32Add,
    ...op.i32Const(2),
    ...op.i32Shl,
    ...op.i32Add,
  ];
  const inner = [...addrOf(pSrc, r, C, c), ...op.set(ps), ...addrOf(pDst, c, R, r), ...op.set(pd), ...block];
  return [
    ...vec([
      [6, I32],
      [8, V128],
    ]),
    ...op.get(C),
    ...op.i32Const(2),
    ...op.i32Shl,
    ...op.set(rowS),
    ...op.get(R),
    ...op.i32Const(2),
    ...op.i32Shl,
    ...op.set(rowD),
    ...count(r, R, count(c, C, inner)),
    ...op.end,
  ];
}

const F32T = 0x7d;
const fnType = (params: number[]) => [0x60, ...vec(params.map((p) => [p])), 0];

export function engineModuleBytes(): Uint8Array<ArrayBuffer> {
  const types = [
    fnType(new Array<number>(9).fill(I32)), // 0 gemm
    fnType(new Array<number>(4).fill(I32)), // 1 bias, transpose
    fnType(new Array<number>(3).fill(I32)), // 2 slope
    fnType([I32, I32, I32, I32, I32, ...new Array<number>(8).fill(F32T)]), // 3 adam
    fnType([I32, I32, I32, I32, F32T, F32T]), // 4 momentum
  ];
  const fns: [string, number, number[]][] = [
    ['gemm', 0, gemmBody()],
    ['biasAdd', 1, biasBody(false)],
    ['biasRelu', 1, biasBody(true)],
    ['slopeRelu', 2, slopeBody(false)],
    ['slopeTanh', 2, slopeBody(true)],
    ['transpose', 1, transposeBody()],
    ['transpose4', 1, transpose4Body()],
    ['adam', 3, adamBody()],
    ['momentum', 4, momentumBody()],
  ];
  const code = (body: number[]) => [...uleb(body.length), ...body];
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec(types)),
    ...section(2, vec([[...name('env'), ...name('memory'), 0x02, 0x00, 0x01]])),
    ...section(3, vec(fns.map(([, t]) => [t]))),
    ...section(7, vec(fns.map(([n], k) => [...name(n), 0x00, k]))),
    ...section(10, vec(fns.map(([, , body]) => code(body)))),
  ]);
}

export interface EngineKernels {
  gemm(M: number, N: number, K: number, pA: number, sAi: number, sAk: number, pB: number, pC: number, pP: number): void;
  biasAdd(M: number, N: number, pZ: number, pb: number): void;
  biasRelu(M: number, N: number, pZ: number, pb: number): void;
  slopeRelu(count: number, pDa: number, pA: number): void;
  slopeTanh(count: number, pDa: number, pA: number): void;
  transpose(R: number, C: number, pSrc: number, pDst: number): void;
  /** transpose for R and C multiples of 4 */
  transpose4(R: number, C: number, pSrc: number, pDst: number): void;
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

let engine: EngineKernels | null | undefined;

/** This thread's engine kernels over the shared memory, or null where WebAssembly SIMD is unavailable. */
export function engineKernels(): EngineKernels | null {
  if (engine === undefined) {
    const shared = simdKernels();
    try {
      engine = shared
        ? (new WebAssembly.Instance(new WebAssembly.Module(engineModuleBytes()), { env: { memory: shared.memory } })
            .exports as unknown as EngineKernels)
        : null;
    } catch {
      engine = null;
    }
  }
  return engine;
}
