/**
 * Small stand-ins for the real input samplers (src/core/inputs), so that the
 * training engine's tests depend only on the InputSampler interface: a
 * linear and a relu teacher on gaussian inputs, random labels, and a wrapper
 * that poisons a run with absurdly large inputs.
 */
import { DEFAULT_CONFIG, type Config } from '../../../src/core/config';
import type { RunPlan } from '../../../src/core/experiment';
import type { Batch, InputSampler } from '../../../src/core/inputs/types';
import { Rng, type SeedSet } from '../../../src/core/rng';
import type { RunSetup } from '../../../src/train/group';

function batchFor(n: number, count: number, out?: Batch): Batch {
  if (out && out.x.length >= count * n && out.y.length >= count) return { count, x: out.x, y: out.y };
  return { count, x: new Float32Array(count * n), y: new Float32Array(count) };
}

/** x ~ N(0, I_n), y = <a, x> with |a| = 1, so Var(y) is about 1. */
export class LinearSampler implements InputSampler {
  readonly kind = 'gaussian' as const;
  readonly binaryLabels = false;
  private readonly a: Float64Array;

  constructor(
    readonly n: number,
    teacherSeed = 7,
  ) {
    this.a = new Float64Array(n);
    new Rng(teacherSeed).fillNormal(this.a);
    const norm = Math.hypot(...this.a);
    for (let i = 0; i < n; i++) this.a[i]! /= norm;
  }

  sample(rng: Rng, count: number, out?: Batch): Batch {
    const b = batchFor(this.n, count, out);
    for (let s = 0; s < count; s++) {
      let y = 0;
      for (let i = 0; i < this.n; i++) {
        const v = rng.normal();
        b.x[s * this.n + i] = v;
        y += this.a[i]! * v;
      }
      b.y[s] = y;
    }
    return b;
  }

  teacherPreactivations(_rng: Rng, count: number): Float64Array {
    return new Float64Array(count);
  }
}

/** x ~ N(0, I_n), y = sum_i relu(<w_i, x>) with Xavier-normal W (n x m): the benign case in miniature. */
export class ReluTeacherSampler implements InputSampler {
  readonly kind = 'gaussian' as const;
  readonly binaryLabels = false;
  private readonly W: Float64Array;

  constructor(
    readonly n: number,
    readonly m: number,
    teacherSeed = 11,
  ) {
    this.W = new Float64Array(n * m);
    new Rng(teacherSeed).fillNormal(this.W, Math.sqrt(1 / n));
  }

  sample(rng: Rng, count: number, out?: Batch): Batch {
    const b = batchFor(this.n, count, out);
    const pre = new Float64Array(this.m);
    for (let s = 0; s < count; s++) {
      pre.fill(0);
      for (let r = 0; r < this.n; r++) {
        const v = rng.normal();
        b.x[s * this.n + r] = v;
        for (let i = 0; i < this.m; i++) pre[i]! += v * this.W[r * this.m + i]!;
      }
      let y = 0;
      for (let i = 0; i < this.m; i++) y += Math.max(0, pre[i]!);
      b.y[s] = y;
    }
    return b;
  }

  teacherPreactivations(_rng: Rng, count: number): Float64Array {
    return new Float64Array(count * this.m);
  }
}

/** x ~ N(0, I_n), y a fair coin independent of x: nothing to learn. */
export class RandomLabelSampler implements InputSampler {
  readonly kind = 'random' as const;
  readonly binaryLabels = true;

  constructor(readonly n: number) {}

  sample(rng: Rng, count: number, out?: Batch): Batch {
    const b = batchFor(this.n, count, out);
    for (let i = 0; i < count * this.n; i++) b.x[i] = rng.normal();
    for (let s = 0; s < count; s++) b.y[s] = rng.bit();
    return b;
  }

  teacherPreactivations(_rng: Rng, count: number): Float64Array {
    return new Float64Array(count);
  }
}

/** The base sampler's draws with x multiplied by `factor`: 1e20 overflows float32 losses at once. */
export class ScaledSampler implements InputSampler {
  readonly kind: InputSampler['kind'];
  readonly binaryLabels: boolean;
  readonly n: number;

  constructor(
    private readonly base: InputSampler,
    private readonly factor: number,
  ) {
    this.kind = base.kind;
    this.binaryLabels = base.binaryLabels;
    this.n = base.n;
  }

  sample(rng: Rng, count: number, out?: Batch): Batch {
    const b = this.base.sample(rng, count, out);
    for (let i = 0; i < count * this.n; i++) b.x[i]! *= this.factor;
    return b;
  }

  teacherPreactivations(rng: Rng, count: number): Float64Array {
    return this.base.teacherPreactivations(rng, count);
  }
}

/** The base sampler, with absurd labels (1e30) on draws from one stream: a way to poison only the test set. */
export class PoisonedStreamSampler implements InputSampler {
  readonly kind: InputSampler['kind'];
  readonly binaryLabels: boolean;
  readonly n: number;

  constructor(
    private readonly base: InputSampler,
    private readonly poisonedSeed: number,
  ) {
    this.kind = base.kind;
    this.binaryLabels = base.binaryLabels;
    this.n = base.n;
  }

  sample(rng: Rng, count: number, out?: Batch): Batch {
    const b = this.base.sample(rng, count, out);
    if (rng.seed === this.poisonedSeed) b.y.fill(1e30, 0, count);
    return b;
  }

  teacherPreactivations(rng: Rng, count: number): Float64Array {
    return this.base.teacherPreactivations(rng, count);
  }
}

/** A small, fast configuration for engine tests. */
export const SMALL: Partial<Config> = {
  n: 16,
  m: 8,
  inputs: 'gaussian',
  h: 24,
  depth: 1,
  act: 'relu',
  opt: 'adam',
  lr: 1e-2,
  bs: 32,
  steps: 200,
  train: 'online',
  test: 256,
};

export function plan(overrides: Partial<Config>, seeds: Partial<SeedSet> = {}, label = 'run', index = 0): RunPlan {
  const config: Config = { ...DEFAULT_CONFIG, ...SMALL, ...overrides };
  return {
    index,
    label,
    values: {},
    config,
    seeds: { teacher: 1, data: 2, student: 3, ...seeds },
  };
}

export function setup(
  overrides: Partial<Config> = {},
  seeds: Partial<SeedSet> = {},
  sampler?: InputSampler,
  label = 'run',
): RunSetup {
  const p = plan(overrides, seeds, label);
  return { plan: p, sampler: sampler ?? new LinearSampler(p.config.n) };
}

/** |a - b| <= rel * max(|a|, |b|, floor), elementwise; the worst ratio found. */
export function worstRelativeDiff(a: ArrayLike<number>, b: ArrayLike<number>, floor = 1e-6): number {
  if (a.length !== b.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i]! - b[i]!) / Math.max(Math.abs(a[i]!), Math.abs(b[i]!), floor);
    if (!(d <= worst)) worst = Number.isNaN(d) ? Infinity : d;
  }
  return worst;
}
