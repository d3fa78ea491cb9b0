/**
 * The small dense algebra the constructions of docs/science.md section 2 need.
 *
 * Matrices are passed around in the project's layout: a row-major
 * Float64Array with explicit sizes (`a[r * cols + c]`). ml-matrix does the
 * Householder QR; the rest (triangular solves, projections, norms) are short
 * loops over the flat arrays. Nothing here modifies its inputs.
 */
import { Matrix, QrDecomposition } from 'ml-matrix';

/** A row-major rows x cols array as an ml-matrix Matrix (a copy). */
export function toMatrix(a: ArrayLike<number>, rows: number, cols: number): Matrix {
  if (a.length !== rows * cols) throw new Error(`expected ${rows} x ${cols} = ${rows * cols} entries, got ${a.length}`);
  const M = new Matrix(rows, cols);
  for (let r = 0; r < rows; r++) {
    const off = r * cols;
    for (let c = 0; c < cols; c++) M.set(r, c, a[off + c]!);
  }
  return M;
}

/** An ml-matrix Matrix as a row-major Float64Array (a copy). */
export function fromMatrix(M: Matrix): Float64Array {
  const rows = M.rows;
  const cols = M.columns;
  const out = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const off = r * cols;
    for (let c = 0; c < cols; c++) out[off + c] = M.get(r, c);
  }
  return out;
}

/** Thin QR factorisation a = Q R of a rows x cols array with rows >= cols and full column rank. */
export interface ThinQr {
  rows: number;
  cols: number;
  /** rows x cols, orthonormal columns, row-major. */
  Q: Float64Array;
  /** cols x cols, upper triangular, row-major. */
  R: Float64Array;
}

/**
 * Householder QR (ml-matrix) of a tall matrix. Throws when the matrix is
 * numerically rank deficient (smallest |R_ii| below 1e-12 of the largest),
 * since then no preimage of arbitrary pre-activations exists.
 */
export function thinQr(a: ArrayLike<number>, rows: number, cols: number): ThinQr {
  if (rows < cols) throw new Error(`QR needs rows >= columns, got ${rows} x ${cols}`);
  const qr = new QrDecomposition(toMatrix(a, rows, cols));
  const R = fromMatrix(qr.upperTriangularMatrix);
  let maxDiag = 0;
  let minDiag = Infinity;
  for (let i = 0; i < cols; i++) {
    const v = Math.abs(R[i * cols + i]!);
    if (v > maxDiag) maxDiag = v;
    if (v < minDiag) minDiag = v;
  }
  if (!(maxDiag > 0) || minDiag < 1e-12 * maxDiag || !Number.isFinite(maxDiag)) {
    throw new Error(
      'the matrix does not have full column rank (numerically), so the construction has no exact preimage',
    );
  }
  return { rows, cols, Q: fromMatrix(qr.orthogonalMatrix), R };
}

/**
 * The minimum-norm solution X (rows x p) of `a^T X = B` for a = Q R of full
 * column rank and B (cols x p, row-major): X = a (a^T a)^{-1} B = Q R^{-T} B.
 * This is `A0 = W (W^T W)^{-1} V^T` of docs/science.md 2.2 step 3, computed by a
 * forward substitution with R^T and a product with Q, never an explicit
 * inverse and never the squared condition number of a^T a.
 */
export function solveMinNormTransposed(qr: ThinQr, B: ArrayLike<number>, p: number): Float64Array {
  const { rows: n, cols: m, Q, R } = qr;
  if (B.length !== m * p) throw new Error(`right-hand side must be ${m} x ${p}`);
  // Y = R^{-T} B: R^T is lower triangular; row i of Y from rows < i.
  const Y = new Float64Array(m * p);
  for (let i = 0; i < m; i++) {
    const yi = i * p;
    for (let c = 0; c < p; c++) Y[yi + c] = B[yi + c]!;
    for (let l = 0; l < i; l++) {
      const rli = R[l * m + i]!; // (R^T)[i][l]
      if (rli === 0) continue;
      const yl = l * p;
      for (let c = 0; c < p; c++) Y[yi + c]! -= rli * Y[yl + c]!;
    }
    const rii = R[i * m + i]!;
    for (let c = 0; c < p; c++) Y[yi + c]! /= rii;
  }
  return matmul(Q, n, m, Y, p);
}

/**
 * An orthonormal basis of the orthogonal complement of the columns of Q
 * (rows x cols, orthonormal columns): for Q from the QR of W this is the null
 * space of W^T. Returned rows x (rows - cols), row-major.
 *
 * Deterministic: greedily takes the coordinate vector e_i with the largest
 * component outside the current basis (at least sqrt(remaining / rows)),
 * projects it out of the basis twice (classical Gram-Schmidt with
 * re-orthogonalisation, accurate to machine precision) and normalises.
 */
export function orthogonalComplement(Q: ArrayLike<number>, rows: number, cols: number): Float64Array {
  const n = rows;
  const k = n - cols;
  // basis vectors stored contiguously, one vector per row (length n)
  const basis = new Float64Array((cols + k) * n);
  for (let r = 0; r < n; r++) for (let c = 0; c < cols; c++) basis[c * n + r] = Q[r * cols + c]!;
  // residual[i] = squared norm of e_i outside the current basis
  const residual = new Float64Array(n).fill(1);
  for (let c = 0; c < cols; c++) for (let r = 0; r < n; r++) residual[r]! -= basis[c * n + r]! ** 2;
  const v = new Float64Array(n);
  for (let b = cols; b < cols + k; b++) {
    let best = 0;
    for (let i = 1; i < n; i++) if (residual[i]! > residual[best]!) best = i;
    v.fill(0);
    v[best] = 1;
    for (let pass = 0; pass < 2; pass++) {
      for (let q = 0; q < b; q++) {
        const off = q * n;
        let dot = 0;
        for (let r = 0; r < n; r++) dot += basis[off + r]! * v[r]!;
        for (let r = 0; r < n; r++) v[r]! -= dot * basis[off + r]!;
      }
    }
    let norm = 0;
    for (let r = 0; r < n; r++) norm += v[r]! * v[r]!;
    norm = Math.sqrt(norm);
    if (!(norm > 1e-8)) throw new Error('orthogonal complement: lost orthogonality (input columns not orthonormal?)');
    const off = b * n;
    for (let r = 0; r < n; r++) {
      const x = v[r]! / norm;
      basis[off + r] = x;
      residual[r]! -= x * x;
    }
  }
  const out = new Float64Array(n * k);
  for (let j = 0; j < k; j++) {
    const off = (cols + j) * n;
    for (let r = 0; r < n; r++) out[r * k + j] = basis[off + r]!;
  }
  return out;
}

/** a (rows x inner) times b (inner x cols), all row-major. */
export function matmul(
  a: ArrayLike<number>,
  rows: number,
  inner: number,
  b: ArrayLike<number>,
  cols: number,
): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const ao = r * inner;
    const oo = r * cols;
    for (let l = 0; l < inner; l++) {
      const arl = a[ao + l]!;
      if (arl === 0) continue;
      const bo = l * cols;
      for (let c = 0; c < cols; c++) out[oo + c]! += arl * b[bo + c]!;
    }
  }
  return out;
}

/** a^T b for a (rows x colsA) and b (rows x colsB), row-major; the result is colsA x colsB. */
export function transposeTimes(
  a: ArrayLike<number>,
  rows: number,
  colsA: number,
  b: ArrayLike<number>,
  colsB: number,
): Float64Array {
  const out = new Float64Array(colsA * colsB);
  for (let r = 0; r < rows; r++) {
    const ao = r * colsA;
    const bo = r * colsB;
    for (let i = 0; i < colsA; i++) {
      const ari = a[ao + i]!;
      if (ari === 0) continue;
      const oo = i * colsB;
      for (let c = 0; c < colsB; c++) out[oo + c]! += ari * b[bo + c]!;
    }
  }
  return out;
}

/** Euclidean norm of every column of a rows x cols row-major array. */
export function columnNorms(a: ArrayLike<number>, rows: number, cols: number): Float64Array {
  const out = new Float64Array(cols);
  for (let r = 0; r < rows; r++) {
    const off = r * cols;
    for (let c = 0; c < cols; c++) out[c]! += a[off + c]! ** 2;
  }
  for (let c = 0; c < cols; c++) out[c] = Math.sqrt(out[c]!);
  return out;
}
