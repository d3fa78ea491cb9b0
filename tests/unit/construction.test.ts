/**
 * The adversarial constructions of docs/science.md 2.2 against the teacher itself:
 * labels equal N_W(x) exactly, W is untouched, the secret does not leak
 * through column norms or single coordinates, streams are reproducible.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type Config, type WeightShape } from '../../src/core/config';
import { CALIBRATION_SAMPLES, STD_EPSILON } from '../../src/core/inputs/construction';
import { parityTargets } from '../../src/core/inputs/parity';
import {
  Construction,
  GaussianSampler,
  KsatSampler,
  makeInputSampler,
  ParitySampler,
  RandomLabelSampler,
} from '../../src/core/inputs';
import { columnNorms, transposeTimes } from '../../src/core/linalg';
import { Rng } from '../../src/core/rng';
import { batchPreactivations, teacherOutput, type Teacher } from '../../src/core/teacher';
import { drawTeacher } from '../../src/core/run-inputs';

/** The kind's sampler, built as the engine builds it (the class is what the test inspects). */
const buildParitySampler = (c: Config, t: Teacher, rng: Rng) => makeInputSampler(c, t, rng) as ParitySampler;
const buildKsatSampler = (c: Config, t: Teacher, rng: Rng) => makeInputSampler(c, t, rng) as KsatSampler;
const buildRandomLabelSampler = (c: Config, t: Teacher, rng: Rng) => makeInputSampler(c, t, rng) as RandomLabelSampler;

const N = 128;
const M = 96;
const D = 50;
const KS = [1, 2, 3, 5, 7];

/** Tiny local weight samplers at variance s^2 (docs/science.md 2, "Weight distributions"). */
const SHAPES: Record<WeightShape, (rng: Rng, s: number) => number> = {
  normal: (rng, s) => s * rng.normal(),
  uniform: (rng, s) => s * Math.sqrt(3) * (2 * rng.uniform() - 1),
  rademacher: (rng, s) => (rng.bit() ? s : -s),
  laplace: (rng, s) => {
    const u = rng.uniform() - 0.5;
    return -(s / Math.SQRT2) * Math.sign(u) * Math.log(Math.max(1 - 2 * Math.abs(u), 1e-300));
  },
  'student-t': (rng, s) => {
    const nu = 5;
    let chi2 = 0;
    for (let i = 0; i < nu; i++) chi2 += rng.normal() ** 2;
    return ((s * Math.sqrt((nu - 2) / nu) * rng.normal()) / Math.sqrt(chi2 / nu)) as number;
  },
  sparse: (rng, s) => {
    const p = 0.3;
    return rng.uniform() < p ? (s / Math.sqrt(p)) * rng.normal() : 0;
  },
};

function makeTeacher(shape: WeightShape, seed: number, clip = false, n = N, m = M): Teacher {
  const rng = new Rng(seed);
  const W = new Float64Array(n * m);
  const s = 1 / Math.sqrt(n);
  for (let i = 0; i < W.length; i++) W[i] = SHAPES[shape](rng, s);
  return { n, m, clip, W };
}

function config(over: Partial<Config>): Config {
  return { ...DEFAULT_CONFIG, n: N, m: M, d: D, ...over };
}

function parityOf(z: Uint8Array, d: number, s: number, secret: readonly number[]): number {
  let p = 0;
  for (const b of secret) p ^= z[s * d + b]!;
  return p;
}

function row(a: Float64Array, s: number, len: number): Float64Array {
  return a.subarray(s * len, (s + 1) * len);
}

function corr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i]!;
    mb += b[i]!;
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i]! - ma;
    const db = b[i]! - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return sab / Math.sqrt(saa * sbb);
}

/** Bit-for-bit equality of two numeric arrays (cheaper than toEqual on large arrays). */
function expectSame(a: ArrayLike<number>, b: ArrayLike<number>): void {
  expect(a.length).toBe(b.length);
  let diff = 0;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) diff++;
  expect(diff).toBe(0);
}

function expectEqualNorms(c: Construction): void {
  const norms = columnNorms(c.A, c.n, c.d + 1);
  for (const v of norms) expect(Math.abs(v - c.tau) / c.tau).toBeLessThan(1e-9);
}

/** W^T A = V^T: the equalisation did not disturb the pre-activations. */
function expectPreimage(t: Teacher, c: Construction): void {
  const p = c.d + 1;
  const WtA = transposeTimes(t.W, t.n, t.m, c.A, p);
  const WtA0 = transposeTimes(t.W, t.n, t.m, c.A0, p);
  let err = 0;
  let err0 = 0;
  for (let i = 0; i < t.m; i++)
    for (let j = 0; j < p; j++) {
      err = Math.max(err, Math.abs(WtA[i * p + j]! - c.V[j * t.m + i]!));
      err0 = Math.max(err0, Math.abs(WtA0[i * p + j]! - c.V[j * t.m + i]!));
    }
  expect(err0).toBeLessThan(1e-9);
  expect(err).toBeLessThan(1e-9);
}

const shapes = Object.keys(SHAPES) as WeightShape[];

describe.each(shapes)('parity construction, %s weights', (shape) => {
  it.each(KS)('k=%i: labels equal N_W(x) = parity(z_S), W untouched, norms equal, forced pre-activations', (k) => {
    const t = makeTeacher(shape, 1000 + k);
    const W0 = t.W.slice();
    const cfg = config({ inputs: 'parity', k, w: shape });
    const sampler = buildParitySampler(cfg, t, new Rng(77 + k));
    expect(sampler.binaryLabels).toBe(true);

    // W bit-for-bit unchanged
    expectSame(t.W, W0);

    const c = sampler.construction;
    expectPreimage(t, c);
    // no leak through column norms: all d+1 columns of A have length tau
    expectEqualNorms(c);

    const { secret, patternUnits } = sampler.targets;
    expect(secret).toHaveLength(k);
    expect(new Set(secret).size).toBe(k);
    expect(patternUnits).toHaveLength(2 ** (k - 1));
    expect(new Set(patternUnits).size).toBe(2 ** (k - 1));

    const count = 384;
    const raw = sampler.sampleRaw(new Rng(5), count);
    const batch = sampler.sample(new Rng(5), count);
    expect(batch.count).toBe(count);
    const pre = batchPreactivations(t, raw.x, count);
    const isPattern = new Uint8Array(M);
    for (const u of patternUnits) isPattern[u] = 1;
    const scratch = new Float64Array(M);
    let maxLabelErr = 0;
    let ones = 0;
    let wrongLabels = 0;
    let wrongPattern = 0;
    let wrongDead = 0;
    let wrongActive = 0;
    for (let s = 0; s < count; s++) {
      const parity = parityOf(raw.z, D, s, secret);
      ones += parity;
      if (raw.y[s] !== parity || batch.y[s] !== parity) wrongLabels++;
      maxLabelErr = Math.max(maxLabelErr, Math.abs(teacherOutput(t, row(raw.x, s, N), scratch) - parity));
      let active = 0;
      for (let i = 0; i < M; i++) {
        const v = pre[s * M + i]!;
        if (isPattern[i]) {
          // integer valued, and either exactly 1 or <= 0
          const rounded = Math.round(v);
          if (Math.abs(v - rounded) > 1e-9 || rounded > 1) wrongPattern++;
          if (rounded === 1) active++;
        } else if (v > -1 + 1e-9) {
          wrongDead++;
        }
      }
      if (active !== parity) wrongActive++;
    }
    expect(wrongLabels).toBe(0);
    expect(wrongPattern).toBe(0);
    expect(wrongDead).toBe(0);
    expect(wrongActive).toBe(0);
    expect(maxLabelErr).toBeLessThan(1e-9);
    expect(ones).toBeGreaterThan(count * 0.35);
    expect(ones).toBeLessThan(count * 0.65);

    // the student's x is the standardised raw x
    let maxXErr = 0;
    for (let s = 0; s < count; s++)
      for (let r = 0; r < N; r++) {
        const want = (raw.x[s * N + r]! - c.mean[r]!) / c.std[r]!;
        maxXErr = Math.max(maxXErr, Math.abs(batch.x[s * N + r]! - want) / Math.max(1, Math.abs(want)));
      }
    expect(maxXErr).toBeLessThan(1e-5);

    // teacherPreactivations: W^T x on the same raw draws
    const tp = sampler.teacherPreactivations(new Rng(5), 16);
    let tpErr = 0;
    for (let i = 0; i < 16 * M; i++) tpErr = Math.max(tpErr, Math.abs(tp[i]! - pre[i]!));
    expect(tpErr).toBeLessThan(1e-12);
  });

  // For k >= 2 a parity is orthogonal to every affine function of z, so this
  // guards the sampler (labels, standardisation), not the secrecy of S; the
  // column-norm check above guards that. k = 1 is the positive control: its
  // label is a single bit, which x shows linearly.
  it.each(KS)('k=%i: no single standardised coordinate of x correlates with the label (k >= 2)', (k) => {
    const t = makeTeacher(shape, 2000 + k);
    const sampler = buildParitySampler(config({ inputs: 'parity', k }), t, new Rng(300 + k));
    const count = 20_000;
    const batch = sampler.sample(new Rng(9), count);
    const col = new Float64Array(count);
    let worst = 0;
    for (let r = 0; r < N; r++) {
      for (let s = 0; s < count; s++) col[s] = batch.x[s * N + r]!;
      worst = Math.max(worst, Math.abs(corr(col, batch.y)));
    }
    if (k >= 2) expect(worst).toBeLessThan(0.05);
    else expect(worst).toBeGreaterThan(0.2);
  });
});

describe.each(shapes)('ksat construction, %s weights', (shape) => {
  it.each([false, true])('clip=%s: labels equal N_W(x) (violated clause / count of them)', (clip) => {
    const t = makeTeacher(shape, 3000, clip);
    const W0 = t.W.slice();
    const sampler = buildKsatSampler(config({ inputs: 'ksat', clip, clause: 3 }), t, new Rng(12));
    expect(sampler.binaryLabels).toBe(clip);
    expectSame(t.W, W0);
    const c = sampler.construction;
    expectPreimage(t, c);
    expectEqualNorms(c);
    const { bits, negated, clauseSize: K } = sampler.targets;
    const count = 256;
    const raw = sampler.sampleRaw(new Rng(4), count);
    const batch = sampler.sample(new Rng(4), count);
    const scratch = new Float64Array(M);
    let someViolated = 0;
    let wrong = 0;
    let maxErr = 0;
    for (let s = 0; s < count; s++) {
      let violated = 0;
      for (let i = 0; i < M; i++) {
        let sat = 0;
        for (let l = 0; l < K; l++) {
          const zb = raw.z[s * D + bits[i * K + l]!]!;
          sat += negated[i * K + l] ? 1 - zb : zb;
        }
        if (sat === 0) violated++;
      }
      const want = clip ? (violated > 0 ? 1 : 0) : violated;
      someViolated += violated > 0 ? 1 : 0;
      if (raw.y[s] !== want || batch.y[s] !== want) wrong++;
      maxErr = Math.max(maxErr, Math.abs(teacherOutput(t, row(raw.x, s, N), scratch) - want));
    }
    expect(wrong).toBe(0);
    expect(maxErr).toBeLessThan(1e-9);
    expect(someViolated).toBeGreaterThan(0);
  });
});

describe('random labels', () => {
  it('share the parity construction (same A, same inputs) with fair labels independent of parity', () => {
    const t = makeTeacher('normal', 4000);
    const parity = buildParitySampler(config({ inputs: 'parity', k: 3 }), t, new Rng(21));
    const random = buildRandomLabelSampler(config({ inputs: 'random', k: 3 }), t, new Rng(21));
    expect(random.binaryLabels).toBe(true);
    expect(random.kind).toBe('random');
    expectSame(random.construction.A, parity.construction.A);
    expectSame(random.construction.mean, parity.construction.mean);
    expectSame(random.construction.std, parity.construction.std);
    expect(random.targets.secret).toEqual(parity.targets.secret);

    const count = 10_000;
    const pb = parity.sample(new Rng(8), count);
    const rb = random.sample(new Rng(8), count);
    expectSame(rb.x, pb.x);
    let ones = 0;
    for (let s = 0; s < count; s++) {
      if (rb.y[s] !== 0 && rb.y[s] !== 1) ones = NaN;
      ones += rb.y[s]!;
    }
    expect(ones / count).toBeGreaterThan(0.47);
    expect(ones / count).toBeLessThan(0.53);
    expect(Math.abs(corr(rb.y, pb.y))).toBeLessThan(0.05);
    // fresh labels on every draw
    const again = random.sample(new Rng(8), count);
    expectSame(again.y, rb.y);
    const other = random.sample(new Rng(9), count);
    expect(Math.abs(corr(other.y, rb.y))).toBeLessThan(0.05);
  });
});

describe('standardisation and seeds', () => {
  it('standardised x has per-coordinate mean ~0 and std ~1 on a fresh sample', () => {
    const t = makeTeacher('uniform', 5000);
    for (const inputs of ['parity', 'ksat'] as const) {
      const sampler = makeInputSampler(config({ inputs, k: 5 }), t, new Rng(31));
      const count = 10_000;
      const b = sampler.sample(new Rng(1234), count);
      for (let r = 0; r < N; r++) {
        let mean = 0;
        for (let s = 0; s < count; s++) mean += b.x[s * N + r]!;
        mean /= count;
        let v = 0;
        for (let s = 0; s < count; s++) v += (b.x[s * N + r]! - mean) ** 2;
        const std = Math.sqrt(v / count);
        expect(Math.abs(mean)).toBeLessThan(0.1);
        expect(Math.abs(std - 1)).toBeLessThan(0.1);
      }
    }
  });

  it('the same seeds give identical samples; another data seed another construction', () => {
    for (const inputs of ['gaussian', 'parity', 'ksat', 'random'] as const) {
      const cfg = config({ inputs, k: 4 });
      const a = makeInputSampler(cfg, makeTeacher('laplace', 6000), new Rng(41));
      const b = makeInputSampler(cfg, makeTeacher('laplace', 6000), new Rng(41));
      const ba = a.sample(new Rng(3), 64);
      const bb = b.sample(new Rng(3), 64);
      expectSame(bb.x, ba.x);
      expectSame(bb.y, ba.y);
      expect(Array.from(b.teacherPreactivations(new Rng(3), 8))).toEqual(
        Array.from(a.teacherPreactivations(new Rng(3), 8)),
      );
      if (inputs !== 'gaussian') {
        const other = makeInputSampler(cfg, makeTeacher('laplace', 6000), new Rng(42));
        expect(Array.from(other.sample(new Rng(3), 64).x)).not.toEqual(Array.from(ba.x));
      }
    }
  });

  it('reuses a large enough output batch', () => {
    const t = makeTeacher('normal', 7000);
    const sampler = makeInputSampler(config({ inputs: 'parity', k: 2 }), t, new Rng(1));
    const out = sampler.sample(new Rng(2), 128);
    const again = sampler.sample(new Rng(3), 100, out);
    expect(again).toBe(out);
    expect(again.count).toBe(100);
    const fresh = sampler.sample(new Rng(3), 100);
    expectSame(again.x.subarray(0, 100 * N), fresh.x);
    expectSame(again.y.subarray(0, 100), fresh.y);
  });

  it('pattern units sit at random positions', () => {
    const t = makeTeacher('normal', 8000);
    const positions = new Set<string>();
    for (let seed = 0; seed < 5; seed++) {
      const s = buildParitySampler(config({ inputs: 'parity', k: 3 }), t, new Rng(seed));
      positions.add(s.targets.patternUnits.join(','));
    }
    expect(positions.size).toBe(5);
  });
});

describe('gaussian inputs', () => {
  it('label N_W(x) for x ~ N(0, sigma^2 I); the student sees x / sigma', () => {
    for (const clip of [false, true]) {
      const t = makeTeacher('normal', 9000, clip);
      const sampler = makeInputSampler(config({ inputs: 'gaussian', sigma: 0.5, clip }), t, new Rng(1));
      expect(sampler).toBeInstanceOf(GaussianSampler);
      expect(sampler.binaryLabels).toBe(false);
      const raw = (sampler as GaussianSampler).sampleRaw(new Rng(6), 64);
      const b = sampler.sample(new Rng(6), 64);
      let sumSq = 0;
      for (let s = 0; s < 64; s++) {
        const want = teacherOutput(t, row(raw.x, s, N));
        expect(raw.y[s]).toBe(want);
        expect(b.y[s]).toBeCloseTo(want, 5);
        for (let r = 0; r < N; r++) {
          expect(b.x[s * N + r]).toBeCloseTo(raw.x[s * N + r]! / 0.5, 5);
          sumSq += raw.x[s * N + r]! ** 2;
        }
      }
      expect(Math.sqrt(sumSq / (64 * N))).toBeCloseTo(0.5, 1);
    }
  });
});

describe('makeInputSampler', () => {
  it('builds each kind and refuses impossible constructions', () => {
    const t = makeTeacher('normal', 10_000);
    expect(makeInputSampler(config({ inputs: 'parity', k: 2 }), t, new Rng(1)).kind).toBe('parity');
    expect(makeInputSampler(config({ inputs: 'ksat' }), t, new Rng(1)).binaryLabels).toBe(false);
    const clipped = { ...t, clip: true };
    expect(makeInputSampler(config({ inputs: 'ksat', clip: true }), clipped, new Rng(1)).binaryLabels).toBe(true);
    expect(() => makeInputSampler(config({ inputs: 'ksat', clip: true }), t, new Rng(1))).toThrow(/match/);
    expect(makeInputSampler(config({ inputs: 'random', k: 2 }), t, new Rng(1)).kind).toBe('random');
    expect(makeInputSampler(config({ inputs: 'gaussian' }), t, new Rng(1)).n).toBe(N);

    const square = makeTeacher('normal', 1, false, 32, 32);
    expect(() => makeInputSampler(config({ inputs: 'parity', n: 32, m: 32, k: 2 }), square, new Rng(1))).toThrow(
      /m below/,
    );
    const narrow = makeTeacher('normal', 1, false, 32, 8);
    expect(() => makeInputSampler(config({ inputs: 'parity', n: 32, m: 8, k: 4 }), narrow, new Rng(1))).toThrow(
      /above 8/,
    );
    expect(() => makeInputSampler(config({ inputs: 'random', n: 32, m: 8, k: 5 }), narrow, new Rng(1))).toThrow();
    expect(() => makeInputSampler(config({ inputs: 'parity', n: 64, m: 8 }), narrow, new Rng(1))).toThrow(/match/);
  });
});

describe('gaussian labels for the device', () => {
  it('sampleInputs draws the inputs of sample, and deviceLabels reproduces its labels', () => {
    for (const clip of [false, true]) {
      const c = { ...DEFAULT_CONFIG, inputs: 'gaussian' as const, clip, sigma: clip ? 0.2 : 1.7 };
      const teacher = drawTeacher(c, new Rng(3));
      const sampler = makeInputSampler(c, teacher, new Rng(4));
      const batch = sampler.sample(new Rng(5), 64);
      const x = new Float32Array(64 * c.n);
      sampler.sampleInputs!(new Rng(5), 64, x);
      expect(Array.from(x)).toEqual(Array.from(batch.x.subarray(0, 64 * c.n)));
      const { V, m, clip: clipped } = sampler.deviceLabels!;
      for (let s = 0; s < 64; s++) {
        let y = 0;
        for (let i = 0; i < m; i++) {
          let a = 0;
          for (let r = 0; r < c.n; r++) a += x[s * c.n + r]! * V[r * m + i]!;
          if (a > 0) y += a;
        }
        if (clipped) y = Math.min(1, Math.max(0, y));
        expect(y).toBeCloseTo(batch.y[s]!, 4);
      }
    }
  });
});

describe('calibration (docs/science.md 2.2 step 6, 2.5)', () => {
  it('is the population mean and standard deviation (+1e-9) of x over the 20,000 calibration draws', () => {
    const teacher = makeTeacher('normal', 21);
    const { V } = parityTargets(D, 3, M, 1, new Rng(22));
    const c = new Construction(teacher, D, V, new Rng(23), new Rng(24));
    // The definition, directly: draw the calibration sample from the same stream and take its moments.
    const count = CALIBRATION_SAMPLES;
    const x = c.rawInputs(c.drawBits(new Rng(24), count).slice(0, count * D), count);
    for (let r = 0; r < N; r++) {
      let mean = 0;
      for (let s = 0; s < count; s++) mean += x[s * N + r]!;
      mean /= count;
      let v = 0;
      for (let s = 0; s < count; s++) v += (x[s * N + r]! - mean) ** 2;
      const std = Math.sqrt(v / count) + STD_EPSILON;
      expect(Math.abs(c.mean[r]! - mean)).toBeLessThan(1e-12 * Math.max(1, Math.abs(mean)));
      expect(Math.abs(c.std[r]! - std) / std).toBeLessThan(1e-11);
    }
  });

  it('the standardised map on the device form gives the host inputs to float32 rounding', () => {
    const teacher = makeTeacher('uniform', 31);
    const sampler = makeInputSampler(config({ inputs: 'parity', k: 3 }), teacher, new Rng(32));
    const batch = sampler.sample(new Rng(33), 40);
    const w = D + 1;
    const z = new Float32Array(40 * w);
    const y = new Float32Array(40);
    sampler.sampleBits!(new Rng(33), 40, z, y);
    expect(Array.from(y)).toEqual(Array.from(batch.y.subarray(0, 40)));
    const T = sampler.deviceInputs!.T;
    for (let s = 0; s < 40; s++) {
      expect(z[s * w + D]).toBe(1);
      for (let r = 0; r < N; r++) {
        let xr = 0;
        for (let j = 0; j < w; j++) xr += z[s * w + j]! * T[j * N + r]!;
        expect(Math.abs(xr - batch.x[s * N + r]!)).toBeLessThan(1e-5 * Math.max(1, Math.abs(xr)));
      }
    }
  });
});
