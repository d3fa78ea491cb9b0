/**
 * Gaussian inputs (SCIENCE.md 2.2, item 1, the benign case): x ~ N(0, sigma^2 I_n),
 * label y = N_W(x). The student sees x / sigma, a fixed exact affine map.
 */
import type { Config } from '../config';
import type { Rng } from '../rng';
import type { Teacher } from '../teacher';
import type { Batch, InputSampler } from './types';

export class GaussianSampler implements InputSampler {
  readonly kind = 'gaussian' as const;
  readonly binaryLabels = false;
  readonly n: number;
  readonly sigma: number;
  private readonly teacher: Teacher;
  /** W transposed (m x n, row-major): each pre-activation is a contiguous dot product. */
  private readonly Wt: Float64Array;
  /** Raw inputs of the current draw, count x n, grown as needed. */
  private raw: Float64Array = new Float64Array(0);
  /** The teacher as it acts on x / sigma: the label pass is one device product instead of a host loop. */
  readonly deviceLabels: { V: Float32Array; m: number; clip: boolean };

  constructor(c: Config, t: Teacher) {
    if (!(c.sigma > 0)) throw new Error(`gaussian scale sigma must be positive, got ${c.sigma}`);
    this.n = t.n;
    this.sigma = c.sigma;
    this.teacher = t;
    this.Wt = new Float64Array(t.n * t.m);
    for (let r = 0; r < t.n; r++) for (let i = 0; i < t.m; i++) this.Wt[i * t.n + r] = t.W[r * t.m + i]!;
    this.deviceLabels = { V: Float32Array.from(t.W, (w) => w * c.sigma), m: t.m, clip: t.clip };
  }

  /** The inputs of sample(), without the labels. */
  sampleInputs(rng: Rng, count: number, x: Float32Array): void {
    const X = this.draw(rng, count);
    const inv = 1 / this.sigma;
    for (let i = 0; i < count * this.n; i++) x[i] = X[i]! * inv;
  }

  /** count x n raw inputs sigma * g into the internal buffer, sample after sample. */
  private draw(rng: Rng, count: number): Float64Array {
    const len = count * this.n;
    if (this.raw.length < len) this.raw = new Float64Array(len);
    const X = this.raw;
    for (let i = 0; i < len; i++) X[i] = this.sigma * rng.normal();
    return X;
  }

  /**
   * N_W(x) for count raw inputs X into y. Four samples share each pass over
   * a row of W^T; every pre-activation is summed over the coordinates in
   * order, as teacher.ts teacherOutput does, so the labels are identical.
   */
  private labels(X: Float64Array, count: number, y: Float32Array | Float64Array): void {
    const { n, Wt } = this;
    const { m, clip } = this.teacher;
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

  /** Fresh samples; a large enough `out` is reused and returned with count set (its arrays may be longer). */
  sample(rng: Rng, count: number, out?: Batch): Batch {
    const n = this.n;
    const batch =
      out && out.x.length >= count * n && out.y.length >= count
        ? out
        : { count, x: new Float32Array(count * n), y: new Float32Array(count) };
    batch.count = count;
    const X = this.draw(rng, count);
    const inv = 1 / this.sigma;
    for (let i = 0; i < count * n; i++) batch.x[i] = X[i]! * inv;
    this.labels(X, count, batch.y);
    return batch;
  }

  /** The same draw as sample(): raw inputs x = sigma g (count x n, double precision) and their labels. */
  sampleRaw(rng: Rng, count: number): { count: number; x: Float64Array; y: Float64Array } {
    const x = this.draw(rng, count).slice(0, count * this.n);
    const y = new Float64Array(count);
    this.labels(x, count, y);
    return { count, x, y };
  }

  teacherPreactivations(rng: Rng, count: number): Float64Array {
    const { n, Wt } = this;
    const m = this.teacher.m;
    const X = this.draw(rng, count);
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
