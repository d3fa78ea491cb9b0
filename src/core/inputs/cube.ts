/**
 * Cube inputs, the benign Boolean control: x uniform on {-1, +1}^n, label
 * y = N_W(x). Boolean like the construction's inputs, but not built from the
 * teacher's weights: the same random teacher on these is learned about as
 * easily as on Gaussian inputs (each pre-activation is a sum of n random
 * signs times the weights, close to Gaussian), so a lecture can show that
 * Boolean inputs alone do not make the teacher hard; the adversary does.
 * The coordinates have mean 0 and variance 1, so the student sees x as drawn.
 */
import type { Config } from '../config';
import type { Rng } from '../rng';
import type { Teacher } from '../teacher';
import { DirectTeacher } from './directTeacher';
import type { InputKindSpec } from './kind';
import { clipSaturation } from './problems';
import { batchFor } from './batch';
import type { Batch, InputSampler } from './types';

export class CubeSampler implements InputSampler {
  readonly kind = 'cube' as const;
  readonly binaryLabels = false;
  readonly n: number;
  private readonly teacher: DirectTeacher;
  private raw: Float64Array = new Float64Array(0);
  /** x is given to the student as drawn, so the teacher acts on it through W itself. */
  readonly deviceLabels: { V: Float32Array; m: number; clip: boolean };

  constructor(_c: Config, t: Teacher) {
    this.n = t.n;
    this.teacher = new DirectTeacher(t);
    this.deviceLabels = { V: Float32Array.from(t.W), m: t.m, clip: t.clip };
  }

  /** count x n random signs, sample after sample, into the internal buffer. */
  private draw(rng: Rng, count: number): Float64Array {
    const len = count * this.n;
    if (this.raw.length < len) this.raw = new Float64Array(len);
    const X = this.raw;
    for (let i = 0; i < len; i++) X[i] = rng.bit() ? 1 : -1;
    return X;
  }

  sampleInputs(rng: Rng, count: number, x: Float32Array): void {
    const X = this.draw(rng, count);
    for (let i = 0; i < count * this.n; i++) x[i] = X[i]!;
  }

  sample(rng: Rng, count: number, out?: Batch): Batch {
    const n = this.n;
    const batch = batchFor(n, count, out);
    const X = this.draw(rng, count);
    for (let i = 0; i < count * n; i++) batch.x[i] = X[i]!;
    this.teacher.labels(X, count, batch.y);
    return batch;
  }

  teacherPreactivations(rng: Rng, count: number): Float64Array {
    return this.teacher.preactivations(this.draw(rng, count), count);
  }
}

export const cube: InputKindSpec<'cube'> = {
  name: 'cube',
  summary: 'benign Boolean control: x uniform on {-1, +1}^n, not built from W',
  title: 'cube inputs',
  fields: [],
  fromTeacher: false,
  shows: { construction: false, secret: false, unitRoles: false },
  problems: (c) => ({ errors: [], warnings: clipSaturation(c, 1, '±1 inputs', 'the weight scale') }),
  sampler: (c, t) => new CubeSampler(c, t),
};
