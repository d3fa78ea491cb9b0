/**
 * What the adversarial input distributions (parity, ksat, random labels)
 * share: steps 3-6 of docs/science.md 2.2.
 *
 * Given the teacher W (n x m) and target pre-activations V ((d+1) x m, so
 * that the wanted pre-activations of the hidden bits z are [z, 1] V):
 *
 *   3. A0 = W (W^T W)^{-1} V^T (n x (d+1)), so W^T A0 = V^T;
 *   4. A = A0 + P G diag(s): P an orthonormal basis of the null space of W^T,
 *      G standard normal with unit-norm columns, s_j = sqrt(tau^2 - |A0_j|^2),
 *      tau = 1.2 max_j |A0_j|, so every column of A has length tau and still
 *      W^T A = V^T;
 *   5. x = A [z; 1] for z ~ U{0,1}^d;
 *   6. the student sees x standardised per coordinate, with means and
 *      standard deviations fixed once from a calibration sample.
 *
 * W is only read, never changed.
 */
import { orthogonalComplement, solveMinNormTransposed, thinQr } from '../linalg';
import type { Rng } from '../rng';
import type { Teacher } from '../teacher';

/** Samples in the calibration draw of step 6 (the reference's 20,000, docs/science.md 2.5). */
export const CALIBRATION_SAMPLES = 20_000;
/** tau = TAU_FACTOR * max_j |A0_j| (step 4). */
export const TAU_FACTOR = 1.2;
/** Added to every standard deviation of step 6, as the reference does, so a constant coordinate divides by no zero. */
export const STD_EPSILON = 1e-9;
/** Bits per lookup chunk of the sampling tables, at most; fewer when the tables would exceed the budget. */
const MAX_CHUNK_BITS = 8;
/** Memory the sampling tables of one construction (raw and standardised) may take together. */
const TABLE_BUDGET_BYTES = 2 * 1024 * 1024;

/**
 * The linear part of the construction: x = A [z; 1] for a teacher and target
 * pre-activations V, with the calibrated standardisation of step 6.
 */
export class Construction {
  readonly n: number;
  readonly m: number;
  readonly d: number;
  /** Target pre-activations, (d+1) x m row-major: row j < d is bit j's weights, row d the constants. */
  readonly V: Float64Array;
  /** The minimum-norm preimage, n x (d+1) row-major. */
  readonly A0: Float64Array;
  /** The equalised map, n x (d+1) row-major: x = A [z; 1]. */
  readonly A: Float64Array;
  /** The common column length of A. */
  readonly tau: number;
  /** Per-coordinate mean and standard deviation of raw x, from the calibration sample. */
  readonly mean: Float64Array;
  readonly std: Float64Array;
  /** A transposed, (d+1) x n: row j is column j of A, so x is a sum of rows. */
  private readonly rawT: Float64Array;
  /** The standardised map, transposed like rawT: (x - mean) / std = sum_j z_j row_j + row_d. */
  private readonly stdT: Float64Array;
  /**
   * The raw and the standardised maps by chunks of `chunkBits` consecutive
   * bits: entry (c, mask) is the sum of the rows of rawT (stdT) for the bits
   * of chunk c set in mask, so x costs one n-vector add per chunk instead of
   * one per set bit.
   */
  private readonly rawTables: Float64Array;
  private readonly stdTables: Float64Array;
  private readonly chunkBits: number;
  private readonly chunks: number;
  /** One sample's sum, accumulated in double precision whatever the output's precision. */
  private readonly acc: Float64Array;
  private bits: Uint8Array = new Uint8Array(0);

  /**
   * @param rng the construction stream (forked by name here: 'equalise' for G)
   * @param calibration the calibration stream of step 6
   */
  constructor(t: Teacher, d: number, V: Float64Array, rng: Rng, calibration: Rng) {
    const { n, m } = t;
    if (m >= n)
      throw new Error(`the construction needs a teacher width m below n so that W has a null space (m=${m}, n=${n})`);
    if (V.length !== (d + 1) * m) throw new Error(`target pre-activations must be (d+1) x m = ${(d + 1) * m} numbers`);
    this.n = n;
    this.m = m;
    this.d = d;
    this.V = V;
    const p = d + 1;

    // Step 3: A0 = W (W^T W)^{-1} V^T via W = Q R: A0 = Q R^{-T} V^T.
    const qr = thinQr(t.W, n, m);
    const Vt = new Float64Array(m * p);
    for (let j = 0; j < p; j++) for (let i = 0; i < m; i++) Vt[i * p + j] = V[j * m + i]!;
    const A0 = solveMinNormTransposed(qr, Vt, p);
    this.A0 = A0;

    // Step 4: equalise column lengths inside the null space of W^T.
    const k = n - m;
    const P = orthogonalComplement(qr.Q, n, m); // n x k
    const gRng = rng.fork('equalise');
    const G = new Float64Array(k * p);
    for (let i = 0; i < G.length; i++) G[i] = gRng.normal();
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let i = 0; i < k; i++) s += G[i * p + j]! ** 2;
      s = Math.sqrt(s);
      for (let i = 0; i < k; i++) G[i * p + j]! /= s;
    }
    const norms2 = new Float64Array(p);
    for (let r = 0; r < n; r++) for (let j = 0; j < p; j++) norms2[j]! += A0[r * p + j]! ** 2;
    let maxNorm2 = 0;
    for (let j = 0; j < p; j++) maxNorm2 = Math.max(maxNorm2, norms2[j]!);
    const tau = TAU_FACTOR * Math.sqrt(maxNorm2);
    this.tau = tau;
    const scale = new Float64Array(p);
    for (let j = 0; j < p; j++) scale[j] = Math.sqrt(Math.max(tau * tau - norms2[j]!, 0));
    const A = Float64Array.from(A0);
    for (let r = 0; r < n; r++) {
      for (let i = 0; i < k; i++) {
        const pri = P[r * k + i]!;
        for (let j = 0; j < p; j++) A[r * p + j]! += pri * G[i * p + j]! * scale[j]!;
      }
    }
    this.A = A;

    this.rawT = new Float64Array(p * n);
    for (let r = 0; r < n; r++) for (let j = 0; j < p; j++) this.rawT[j * n + r] = A[r * p + j]!;
    let B = MAX_CHUNK_BITS;
    while (B > 1 && 2 * Math.ceil(d / B) * 2 ** B * n * 8 > TABLE_BUDGET_BYTES) B--;
    this.chunkBits = B;
    this.chunks = Math.ceil(d / B);
    this.acc = new Float64Array(n);
    this.rawTables = this.chunkTables(this.rawT);

    // Step 6: calibration, as the reference does it (docs/science.md 2.5): population mean and
    // standard deviation per coordinate over CALIBRATION_SAMPLES draws, the deviation plus
    // STD_EPSILON. x is affine in the bits, x_r = A_rd + sum_j A_rj z_j, so the sample's mean and
    // variance follow exactly from the bits' own sample statistics:
    //   mean_r = A_rd + sum_j A_rj zbar_j,  var_r = sum_jl A_rj A_rl C_jl,
    // C the bits' population covariance over the same draws. Counting pairs of set bits costs
    // about 1/40 of forming 20,000 inputs (the ~0.3 s that once sat between Start and step 1).
    const { mean, variance } = calibrationMoments(this.A, n, d, calibration);
    const std = new Float64Array(n);
    for (let r = 0; r < n; r++) std[r] = Math.sqrt(Math.max(variance[r]!, 0)) + STD_EPSILON;
    this.mean = mean;
    this.std = std;
    this.stdT = new Float64Array(p * n);
    for (let r = 0; r < n; r++) {
      const inv = 1 / std[r]!;
      for (let j = 0; j < d; j++) this.stdT[j * n + r] = this.rawT[j * n + r]! * inv;
      this.stdT[d * n + r] = (this.rawT[d * n + r]! - mean[r]!) * inv;
    }
    this.stdTables = this.chunkTables(this.stdT);
  }

  /**
   * The standardised map as float32, (d+1) x n row-major: the inputs the
   * student sees are x = [z, 1] T, one small product on the device.
   */
  standardisedMapT(): Float32Array {
    return Float32Array.from(this.stdT);
  }

  /** The chunk tables of a map stored like rawT: (d+1) rows of n, the constant row last. */
  private chunkTables(rowsT: Float64Array): Float64Array {
    const { n, d, chunkBits: B, chunks } = this;
    const size = 2 ** B;
    const tables = new Float64Array(chunks * size * n);
    for (let ch = 0; ch < chunks; ch++) {
      for (let mask = 1; mask < size; mask++) {
        const top = 31 - Math.clz32(mask);
        const j = ch * B + top;
        const to = (ch * size + mask) * n;
        const from = (ch * size + (mask ^ (1 << top))) * n;
        if (j >= d) continue; // masks naming bits past d never occur
        for (let r = 0; r < n; r++) tables[to + r] = tables[from + r]! + rowsT[j * n + r]!;
      }
    }
    return tables;
  }

  /** out = rowsT[d] + the table rows of every chunk's set bits, for count samples of bits z. */
  private sumInto(
    tables: Float64Array,
    rowsT: Float64Array,
    z: Uint8Array,
    count: number,
    out: Float32Array | Float64Array,
  ): void {
    const { n, d, chunkBits: B, chunks, acc } = this;
    const size = 1 << B;
    const constRow = rowsT.subarray(d * n, (d + 1) * n);
    for (let s = 0; s < count; s++) {
      // Whole contiguous rows at a time: the engine vectorises these loops, where a gather of
      // one table entry per chunk for every coordinate missed the cache (measured 8x slower).
      acc.set(constRow);
      const zo = s * d;
      for (let ch = 0, j0 = 0; ch < chunks; ch++, j0 += B) {
        let mask = 0;
        for (let j = Math.min(j0 + B, d) - 1; j >= j0; j--) mask = (mask << 1) | z[zo + j]!;
        if (mask === 0) continue;
        const off = (ch * size + mask) * n;
        for (let r = 0; r < n; r++) acc[r]! += tables[off + r]!;
      }
      out.set(acc, s * n);
    }
  }

  /**
   * count x d fair bits from `rng`, sample after sample. The array is an
   * internal buffer, overwritten by the next call.
   */
  drawBits(rng: Rng, count: number): Uint8Array {
    const len = count * this.d;
    if (this.bits.length < len) this.bits = new Uint8Array(len);
    const z = this.bits;
    for (let i = 0; i < len; i++) z[i] = rng.bit();
    return z;
  }

  /** Raw x = A [z; 1] in double precision, for count samples of bits z, into out (count x n). */
  rawInto(z: Uint8Array, count: number, out: Float64Array): void {
    this.sumInto(this.rawTables, this.rawT, z, count, out);
  }

  /**
   * The standardised inputs (x - mean) / std the student sees, for count
   * samples of bits z, into out (count x n). The hot path of every training
   * step: one table add per chunk of bits, no allocation.
   */
  standardisedInto(z: Uint8Array, count: number, out: Float32Array | Float64Array): void {
    this.sumInto(this.stdTables, this.stdT, z, count, out);
  }

  /**
   * The standardised input direction of every hidden bit, d x n row-major:
   * row j is column j of A divided by the standard deviations, so that
   * switching bit j on adds exactly row j to the input the student sees
   * (x(z with z_j = 1) = x(z with z_j = 0) + row j). A copy.
   */
  standardisedDirections(): Float64Array {
    return this.stdT.slice(0, this.d * this.n);
  }

  /** Raw x = A [z; 1] for count samples of bits z, as a new count x n array. */
  rawInputs(z: Uint8Array, count: number): Float64Array {
    const x = new Float64Array(count * this.n);
    this.rawInto(z, count, x);
    return x;
  }
}

function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/**
 * Per-coordinate population mean and variance of x = A [z; 1] (A n x (d+1)
 * row-major) over CALIBRATION_SAMPLES draws of d fair bits from `rng`,
 * sample after sample (the stream use of drawing the inputs themselves).
 * Exact up to float64 rounding: the bits' counts and pair counts are
 * integers, their covariance N^2 C_jl = N n_jl - n_j n_l is one too.
 */
function calibrationMoments(
  A: Float64Array,
  n: number,
  d: number,
  rng: Rng,
): { mean: Float64Array; variance: Float64Array } {
  const N = CALIBRATION_SAMPLES;
  const p = d + 1;
  const words = Math.ceil(N / 32);
  // packed[j * words + w]: bit j of samples 32w .. 32w+31
  const packed = new Uint32Array(d * words);
  for (let s = 0; s < N; s++) {
    const w = s >>> 5;
    const bit = 1 << (s & 31);
    for (let j = 0; j < d; j++) if (rng.bit()) packed[j * words + w]! |= bit;
  }
  const count = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    let c = 0;
    for (let w = 0; w < words; w++) c += popcount32(packed[j * words + w]!);
    count[j] = c;
  }
  // cov[j * d + l] = N^2 C_jl for l >= j, an exact integer
  const cov = new Float64Array(d * d);
  for (let j = 0; j < d; j++) {
    cov[j * d + j] = N * count[j]! - count[j]! * count[j]!;
    for (let l = j + 1; l < d; l++) {
      let both = 0;
      const oj = j * words;
      const ol = l * words;
      for (let w = 0; w < words; w++) both += popcount32(packed[oj + w]! & packed[ol + w]!);
      cov[j * d + l] = N * both - count[j]! * count[l]!;
    }
  }
  const mean = new Float64Array(n);
  const variance = new Float64Array(n);
  const N2 = N * N;
  for (let r = 0; r < n; r++) {
    const row = r * p;
    let mu = A[row + d]!;
    let v = 0;
    for (let j = 0; j < d; j++) {
      const a = A[row + j]!;
      mu += (a * count[j]!) / N;
      let inner = 0.5 * cov[j * d + j]! * a;
      for (let l = j + 1; l < d; l++) inner += cov[j * d + l]! * A[row + l]!;
      v += 2 * a * inner;
    }
    mean[r] = mu;
    variance[r] = v / N2;
  }
  return { mean, variance };
}
