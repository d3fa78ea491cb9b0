/**
 * Gaussian inputs (docs/science.md 2.2, item 1, the benign case): x ~ N(0, sigma^2 I_n),
 * label y = N_W(x). The student sees x / sigma, a fixed exact affine map.
 */
import type { Config } from '../config';
import type { Rng } from '../rng';
import type { Teacher } from '../teacher';
import { DirectTeacher } from './directTeacher';
import type { InputKindSpec } from './kind';
import { clipSaturation } from './problems';
import { batchFor } from './batch';
import type { Batch, InputSampler } from './types';

export class GaussianSampler implements InputSampler {
  readonly kind = 'gaussian' as const;
  readonly binaryLabels = false;
  readonly n: number;
  readonly sigma: number;
  private readonly teacher: DirectTeacher;
  /** Raw inputs of the current draw, count x n, grown as needed. */
  private raw: Float64Array = new Float64Array(0);
  /** The teacher as it acts on x / sigma: the label pass is one device product instead of a host loop. */
  readonly deviceLabels: { V: Float32Array; m: number; clip: boolean };

  constructor(c: Config, t: Teacher) {
    if (!(c.sigma > 0)) throw new Error(`gaussian scale sigma must be positive, got ${c.sigma}`);
    this.n = t.n;
    this.sigma = c.sigma;
    this.teacher = new DirectTeacher(t);
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

  /** Fresh samples; a large enough `out` is reused and returned with count set (its arrays may be longer). */
  sample(rng: Rng, count: number, out?: Batch): Batch {
    const n = this.n;
    const batch = batchFor(n, count, out);
    const X = this.draw(rng, count);
    const inv = 1 / this.sigma;
    for (let i = 0; i < count * n; i++) batch.x[i] = X[i]! * inv;
    this.teacher.labels(X, count, batch.y);
    return batch;
  }

  /** The same draw as sample(): raw inputs x = sigma g (count x n, double precision) and their labels. */
  sampleRaw(rng: Rng, count: number): { count: number; x: Float64Array; y: Float64Array } {
    const x = this.draw(rng, count).slice(0, count * this.n);
    const y = new Float64Array(count);
    this.teacher.labels(x, count, y);
    return { count, x, y };
  }

  teacherPreactivations(rng: Rng, count: number): Float64Array {
    return this.teacher.preactivations(this.draw(rng, count), count);
  }
}

export const gaussian: InputKindSpec<'gaussian'> = {
  name: 'gaussian',
  summary: 'benign',
  title: 'gaussian inputs',
  fields: ['sigma'],
  fromTeacher: false,
  shows: { construction: false, secret: false, unitRoles: false },
  problems: (c) => ({
    errors: [],
    warnings: clipSaturation(c, c.sigma, 'gaussian inputs of this scale', 'sigma or the weight scale'),
  }),
  sampler: (c, t) => new GaussianSampler(c, t),
};
