/**
 * The SIMD engine's one product kernel as WebAssembly SIMD128 bytes
 * (simdEngineKernels.ts assembles the module): C = A B with B's column
 * panels packed, tiles of 4 rows x 8 columns in eight v128 accumulators,
 * multiply then add in k order (no fused multiply-add, so float32 rounding
 * stays that of a plain sum).
 */
import { I32, V128, op, vec } from './wasmAsm';

/** Columns of C computed per tile: two v128 accumulators per row. Products' N must be a multiple of it. */
export const GEMM_COLUMNS = 8;

/** Rows of C per tile in the main loop; leftover rows go one at a time. */
const MR = 4;

/** Locals of gemm: its params, i32 counters and pointers, r sAi for r = 2 .. MR-1, then the v128 registers. */
const L = {
  // params
  M: 0,
  N: 1,
  K: 2,
  pA: 3,
  sAi: 4,
  sAk: 5,
  pB: 6,
  pC: 7,
  /** GEMM_COLUMNS x K floats of scratch: the current column panel of B, packed */
  pP: 8,
  // i32 locals
  i: 9,
  j: 10,
  k: 11,
  pa: 12,
  pb: 13,
  rowB: 14,
  pc: 15,
  /** r sAi, for r >= 2 */
  sA: (r: number) => 14 + r,
  // v128 locals: 2 MR accumulators, b0, b1, a
  acc: 14 + MR,
  b0: 14 + 3 * MR,
  b1: 15 + 3 * MR,
  a: 16 + 3 * MR,
};
const I32_LOCALS = 5 + MR;

/** One tile of `rows` rows and 8 columns: C[i..i+rows, j..j+8) = A[i..i+rows, :] B[:, j..j+8), A's element (r, k) at pA + r sAi + k sAk. */
function gemmRows(rows: number): number[] {
  const aAddr = (r: number) =>
    r === 0 ? op.get(L.pa) : [...op.get(L.pa), ...op.get(r === 1 ? L.sAi : L.sA(r)), ...op.i32Add];
  const perK = [...op.get(L.pb), ...op.loadAt(0), ...op.set(L.b0), ...op.get(L.pb), ...op.loadAt(16), ...op.set(L.b1)];
  for (let r = 0; r < rows; r++) {
    // a = splat(A[r, k]); acc[2r] += a b0; acc[2r + 1] += a b1
    const splat = op.get(L.a);
    perK.push(...aAddr(r), ...op.f32Load, ...op.splat, ...op.set(L.a));
    perK.push(...op.get(L.acc + 2 * r), ...splat, ...op.get(L.b0), ...op.mul, ...op.add, ...op.set(L.acc + 2 * r));
    perK.push(
      ...op.get(L.acc + 2 * r + 1),
      ...splat,
      ...op.get(L.b1),
      ...op.mul,
      ...op.add,
      ...op.set(L.acc + 2 * r + 1),
    );
  }
  const zeroAcc = Array.from({ length: 2 * rows }, (_, q) => [...op.zero, ...op.set(L.acc + q)]).flat();
  const store: number[] = [
    // pc = pC + (i N + j) 4
    ...op.get(L.pC),
    ...op.get(L.i),
    ...op.get(L.N),
    ...op.i32Mul,
    ...op.get(L.j),
    ...op.i32Add,
    ...op.i32Const(2),
    ...op.i32Shl,
    ...op.i32Add,
    ...op.set(L.pc),
  ];
  for (let r = 0; r < rows; r++) {
    store.push(...op.get(L.pc), ...op.get(L.acc + 2 * r), ...op.storeAt(0));
    store.push(...op.get(L.pc), ...op.get(L.acc + 2 * r + 1), ...op.storeAt(16));
    if (r < rows - 1) store.push(...op.get(L.pc), ...op.get(L.rowB), ...op.i32Add, ...op.set(L.pc));
  }
  return [
    ...zeroAcc,
    // pa = pA + i sAi; pb = the packed panel; k = K
    ...op.get(L.pA),
    ...op.get(L.i),
    ...op.get(L.sAi),
    ...op.i32Mul,
    ...op.i32Add,
    ...op.set(L.pa),
    ...op.get(L.pP),
    ...op.set(L.pb),
    ...op.get(L.K),
    ...op.set(L.k),
    ...op.block,
    ...op.loop,
    ...op.get(L.k),
    ...op.i32Eqz,
    ...op.brIf(1),
    ...perK,
    ...op.get(L.pa),
    ...op.get(L.sAk),
    ...op.i32Add,
    ...op.set(L.pa),
    ...op.get(L.pb),
    ...op.i32Const(4 * GEMM_COLUMNS),
    ...op.i32Add,
    ...op.set(L.pb),
    ...op.get(L.k),
    ...op.i32Const(1),
    ...op.i32Sub,
    ...op.set(L.k),
    ...op.br(0),
    ...op.end,
    ...op.end,
    ...store,
  ];
}

/**
 * Copies B's column panel j..j+8 (K rows, N apart) to pP, contiguous: rows
 * of B a power of two apart fall into one cache set and evict each other
 * (measured 3.8 against 9.6 GFLOP/s at 1024 before packing).
 */
function packPanel(): number[] {
  return [
    ...op.get(L.pB),
    ...op.get(L.j),
    ...op.i32Const(2),
    ...op.i32Shl,
    ...op.i32Add,
    ...op.set(L.pa),
    ...op.get(L.pP),
    ...op.set(L.pb),
    ...op.get(L.K),
    ...op.set(L.k),
    ...op.block,
    ...op.loop,
    ...op.get(L.k),
    ...op.i32Eqz,
    ...op.brIf(1),
    ...op.get(L.pb),
    ...op.get(L.pa),
    ...op.loadAt(0),
    ...op.storeAt(0),
    ...op.get(L.pb),
    ...op.get(L.pa),
    ...op.loadAt(16),
    ...op.storeAt(16),
    ...op.get(L.pa),
    ...op.get(L.rowB),
    ...op.i32Add,
    ...op.set(L.pa),
    ...op.get(L.pb),
    ...op.i32Const(4 * GEMM_COLUMNS),
    ...op.i32Add,
    ...op.set(L.pb),
    ...op.get(L.k),
    ...op.i32Const(1),
    ...op.i32Sub,
    ...op.set(L.k),
    ...op.br(0),
    ...op.end,
    ...op.end,
  ];
}

/** gemm(M, N, K, pA, sAi, sAk, pB, pC, pP): C (M x N) = A B, B K x N row-major, A strided in bytes; N a multiple of 8; pP scratch of 8 K floats. */
export function gemmBody(): number[] {
  const rowLoop = (rows: number, exitTest: number[]) => [
    ...op.block,
    ...op.loop,
    ...exitTest,
    ...op.brIf(1),
    ...gemmRows(rows),
    ...op.get(L.i),
    ...op.i32Const(rows),
    ...op.i32Add,
    ...op.set(L.i),
    ...op.br(0),
    ...op.end,
    ...op.end,
  ];
  return [
    ...vec([
      [I32_LOCALS, I32],
      [2 * MR + 3, V128],
    ]),
    ...op.get(L.N),
    ...op.i32Const(2),
    ...op.i32Shl,
    ...op.set(L.rowB),
    ...Array.from({ length: MR - 2 }, (_, q) => [
      ...op.get(L.sAi),
      ...op.i32Const(q + 2),
      ...op.i32Mul,
      ...op.set(L.sA(q + 2)),
    ]).flat(),
    // Column panels outermost: a panel of B (K x 8) stays in cache while every row block of A passes it.
    ...op.i32Const(0),
    ...op.set(L.j),
    ...op.block,
    ...op.loop,
    ...op.get(L.j),
    ...op.get(L.N),
    ...op.i32GeS,
    ...op.brIf(1),
    ...packPanel(),
    ...op.i32Const(0),
    ...op.set(L.i),
    // while i + MR <= M: a block of MR rows
    ...rowLoop(MR, [...op.get(L.i), ...op.i32Const(MR), ...op.i32Add, ...op.get(L.M), ...op.i32GtS]),
    ...rowLoop(1, [...op.get(L.i), ...op.get(L.M), ...op.i32GeS]),
    ...op.get(L.j),
    ...op.i32Const(GEMM_COLUMNS),
    ...op.i32Add,
    ...op.set(L.j),
    ...op.br(0),
    ...op.end,
    ...op.end,
    ...op.end,
  ];
}
