/**
 * The teacher N_W applied to inputs given directly (gaussian and cube inputs,
 * not built from hidden bits): labels and pre-activations of a batch, with W
 * transposed once so that every pre-activation is a contiguous dot product.
 */
import type { Teacher } from '../teacher';

export class DirectTeacher {
  readonly n: number;
  readonly m: number;
  readonly clip: boolean;
  /** W transposed (m x n, row-major). */
  private readonly Wt: Float64Array;

  constructor(t: Teacher) {
    this.n = t.n;
    this.m = t.m;
    this.clip = t.clip;
    this.Wt = new Float64Array(t.n * t.m);
    for (let r = 0; r < t.n; r++) for (let i = 0; i < t.m; i++) this.Wt[i * t.n + r] = t.W[r * t.m + i]!;
  }

  /**
   * N_W(x) for count raw inputs X (count x n) into y. Four samples share each pass over
   * a row of W^T; every pre-activation is summed over the coordinates in
   * order, as teacher.ts teacherOutput does, so the labels are identical.
   */
  labels(X: Float64Array, count: number, y: Float32Array | Float64Array): void {
    const { n, m, clip, Wt } = this;
    const out = (v: number) => (clip ? Math.min(1, Math.max(0, v)) : v);
    let s = 0;
    for (; s + 4 <= count; s += 4) {
      const x0 = s * n;
      const x1 = x0 + n;
      const x2 = x1 + n;
      const x3 = x2 + n;
      let t0 = 0;
      let t1 = 0;
      let t2 = 0;
      let t3 = 0;
      for (let i = 0; i < m; i++) {
        const wo = i * n;
        let a0 = 0;
        let a1 = 0;
        let a2 = 0;
        let a3 = 0;
        for (let r = 0; r < n; r++) {
          const w = Wt[wo + r]!;
          a0 += w * X[x0 + r]!;
          a1 += w * X[x1 + r]!;
          a2 += w * X[x2 + r]!;
          a3 += w * X[x3 + r]!;
        }
        if (a0 > 0) t0 += a0;
        if (a1 > 0) t1 += a1;
        if (a2 > 0) t2 += a2;
        if (a3 > 0) t3 += a3;
      }
      y[s] = out(t0);
      y[s + 1] = out(t1);
      y[s + 2] = out(t2);
      y[s + 3] = out(t3);
    }
    for (; s < count; s++) {
      const xo = s * n;
      let t = 0;
      for (let i = 0; i < m; i++) {
        const wo = i * n;
        let a = 0;
        for (let r = 0; r < n; r++) a += Wt[wo + r]! * X[xo + r]!;
        if (a > 0) t += a;
      }
      y[s] = out(t);
    }
  }

  /** The pre-activations <w_i, x> (count x m) of count raw inputs X. */
  preactivations(X: Float64Array, count: number): Float64Array {
    const { n, m, Wt } = this;
    const pre = new Float64Array(count * m);
    for (let s = 0; s < count; s++) {
      const xo = s * n;
      for (let i = 0; i < m; i++) {
        const wo = i * n;
        let a = 0;
        for (let r = 0; r < n; r++) a += Wt[wo + r]! * X[xo + r]!;
        pre[s * m + i] = a;
      }
    }
    return pre;
  }
}
