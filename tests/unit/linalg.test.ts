import { describe, expect, it } from 'vitest';
import {
  columnNorms,
  fromMatrix,
  matmul,
  orthogonalComplement,
  solveMinNormTransposed,
  thinQr,
  toMatrix,
  transposeTimes,
} from '../../src/core/linalg';
import { Rng } from '../../src/core/rng';

function gaussian(rng: Rng, rows: number, cols: number, std = 1): Float64Array {
  const a = new Float64Array(rows * cols);
  for (let i = 0; i < a.length; i++) a[i] = std * rng.normal();
  return a;
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i]! - b[i]!));
  return d;
}

describe('linalg', () => {
  it('converts row-major arrays to ml-matrix and back without reordering', () => {
    const a = Float64Array.from([1, 2, 3, 4, 5, 6]); // 2 x 3
    const M = toMatrix(a, 2, 3);
    expect(M.rows).toBe(2);
    expect(M.columns).toBe(3);
    expect(M.get(0, 2)).toBe(3);
    expect(M.get(1, 0)).toBe(4);
    expect(Array.from(fromMatrix(M))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(() => toMatrix(a, 3, 3)).toThrow();
  });

  it('multiplies and transposes in the row-major layout', () => {
    const a = Float64Array.from([1, 2, 3, 4, 5, 6]); // 2 x 3
    const b = Float64Array.from([1, 0, 0, 1, 1, 1]); // 3 x 2
    expect(Array.from(matmul(a, 2, 3, b, 2))).toEqual([4, 5, 10, 11]);
    // a^T a, 3 x 3
    expect(Array.from(transposeTimes(a, 2, 3, a, 3))).toEqual([17, 22, 27, 22, 29, 36, 27, 36, 45]);
    expect(Array.from(columnNorms(a, 2, 3))).toEqual([Math.sqrt(17), Math.sqrt(29), Math.sqrt(45)]);
  });

  it.each([
    [128, 96, 51],
    [40, 39, 7],
    [10, 3, 4],
  ])('A0 = W (W^T W)^{-1} V^T solves W^T A0 = V^T and lies in the column space (n=%i, m=%i, p=%i)', (n, m, p) => {
    const rng = new Rng(n * 1000 + m);
    const W = gaussian(rng, n, m, 1 / Math.sqrt(n));
    const W0 = W.slice();
    const Vt = gaussian(rng, m, p);
    const qr = thinQr(W, n, m);
    const A0 = solveMinNormTransposed(qr, Vt, p);
    expect(maxAbsDiff(transposeTimes(W, n, m, A0, p), Vt)).toBeLessThan(1e-9);
    // Q^T Q = I and Q R = W
    const I = transposeTimes(qr.Q, n, m, qr.Q, m);
    for (let i = 0; i < m; i++) I[i * m + i]! -= 1;
    expect(maxAbsDiff(I, new Float64Array(m * m))).toBeLessThan(1e-12);
    expect(maxAbsDiff(matmul(qr.Q, n, m, qr.R, m), W)).toBeLessThan(1e-12);
    // minimum norm: A0 = Q Q^T A0
    const back = matmul(qr.Q, n, m, transposeTimes(qr.Q, n, m, A0, p), p);
    expect(maxAbsDiff(back, A0)).toBeLessThan(1e-9);
    expect(maxAbsDiff(W, W0)).toBe(0);
  });

  it.each([
    [128, 96],
    [40, 39],
    [64, 1],
  ])('the null-space basis of W^T is orthonormal and orthogonal to W (n=%i, m=%i)', (n, m) => {
    const rng = new Rng(7 + n + m);
    const W = gaussian(rng, n, m, 1 / Math.sqrt(n));
    const qr = thinQr(W, n, m);
    const k = n - m;
    const P = orthogonalComplement(qr.Q, n, m);
    expect(P.length).toBe(n * k);
    const PtP = transposeTimes(P, n, k, P, k);
    for (let i = 0; i < k; i++) PtP[i * k + i]! -= 1;
    expect(maxAbsDiff(PtP, new Float64Array(k * k))).toBeLessThan(1e-12);
    const WtP = transposeTimes(W, n, m, P, k);
    expect(maxAbsDiff(WtP, new Float64Array(m * k))).toBeLessThan(1e-12);
    // deterministic
    expect(maxAbsDiff(orthogonalComplement(qr.Q, n, m), P)).toBe(0);
  });

  it('refuses a rank-deficient matrix', () => {
    const n = 20;
    const m = 5;
    const W = gaussian(new Rng(3), n, m);
    for (let r = 0; r < n; r++) W[r * m + 4] = 2 * W[r * m + 1]! - W[r * m + 2]!;
    expect(() => thinQr(W, n, m)).toThrow(/full column rank/);
    expect(() => thinQr(W, 4, 5 * 5)).toThrow();
  });
});
