/**
 * The teacher N_W(x) = [clip01]( sum_i relu(<w_i, x>) ), docs/science.md section 2.
 * W is n x m, stored row-major (W[r * m + i] is row r of column w_i), drawn
 * i.i.d. from the configured distribution (core/run-inputs.ts drawTeacher)
 * and never changed afterwards. Pure arithmetic, no imports: the input
 * kinds use it.
 */

export interface Teacher {
  n: number;
  m: number;
  clip: boolean;
  /** n x m, row-major. */
  W: Float64Array;
}

/** Pre-activations <w_i, x> for one input x (length n) into out (length m). */
export function preactivations(t: Teacher, x: ArrayLike<number>, out: Float64Array): Float64Array {
  out.fill(0);
  for (let r = 0; r < t.n; r++) {
    const xr = x[r]!;
    if (xr === 0) continue;
    const row = r * t.m;
    for (let i = 0; i < t.m; i++) out[i]! += xr * t.W[row + i]!;
  }
  return out;
}

/** N_W(x) for one input x. */
export function teacherOutput(t: Teacher, x: ArrayLike<number>, scratch = new Float64Array(t.m)): number {
  preactivations(t, x, scratch);
  let s = 0;
  for (let i = 0; i < t.m; i++) if (scratch[i]! > 0) s += scratch[i]!;
  return t.clip ? Math.min(1, Math.max(0, s)) : s;
}

/** The pre-activations W^T x (count x m) of count raw inputs x (count x n, row-major). */
export function batchPreactivations(t: Teacher, x: Float64Array, count: number): Float64Array {
  const { n, m, W } = t;
  const out = new Float64Array(count * m);
  for (let s = 0; s < count; s++) {
    const xo = s * n;
    const oo = s * m;
    for (let r = 0; r < n; r++) {
      const xr = x[xo + r]!;
      if (xr === 0) continue;
      const wo = r * m;
      for (let i = 0; i < m; i++) out[oo + i]! += xr * W[wo + i]!;
    }
  }
  return out;
}
