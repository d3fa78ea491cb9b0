/**
 * The weight distributions of docs/science.md section 2, checked against their
 * definitions: exact moments, density and point masses, seeded sampling.
 */
import { describe, expect, it } from 'vitest';
import { WEIGHT_SHAPES, type WeightScale, type WeightShape } from '../../src/core/config';
import { makeWeightDistribution, type WeightDistribution } from '../../src/core/distributions';
import { weightStd } from '../../src/core/weightScale';
import { Rng } from '../../src/core/rng';

const N = 200_000;
const BINS = 40;
const FAN_IN = 128;
const SCALES: WeightScale[] = ['xavier', 'he', 'unit', 0.3];

interface Case {
  label: string;
  shape: WeightShape;
  nu: number;
  p: number;
  /** E[X^4] / s^4 from the definition (Infinity when it does not exist). */
  kurtosis: number;
  /** Relative tolerance on the sample variance; null derives it from the fourth moment. */
  varTol: number | null;
}

const CASES: Case[] = [
  { label: 'normal', shape: 'normal', nu: 5, p: 0.1, kurtosis: 3, varTol: null },
  { label: 'uniform', shape: 'uniform', nu: 5, p: 0.1, kurtosis: 9 / 5, varTol: null },
  { label: 'rademacher', shape: 'rademacher', nu: 5, p: 0.1, kurtosis: 1, varTol: null },
  // Laplace(0, b): E X^4 = 24 b^4 with b^2 = s^2 / 2
  { label: 'laplace', shape: 'laplace', nu: 5, p: 0.1, kurtosis: 6, varTol: null },
  // scaled t: kurtosis 3 + 6 / (nu - 4) for nu > 4
  { label: 'student-t nu=8', shape: 'student-t', nu: 8, p: 0.1, kurtosis: 3 + 6 / 4, varTol: null },
  // the sample variance converges slowly when E X^8 is infinite: a looser check
  { label: 'student-t nu=5', shape: 'student-t', nu: 5, p: 0.1, kurtosis: 3 + 6 / 1, varTol: 0.1 },
  // no fourth moment: the variance is not checked from samples, only the rest
  { label: 'student-t nu=2.5', shape: 'student-t', nu: 2.5, p: 0.1, kurtosis: Infinity, varTol: Infinity },
  // sparse: E X^4 = p * 3 (s^2 / p)^2
  { label: 'sparse p=0.1', shape: 'sparse', nu: 5, p: 0.1, kurtosis: 3 / 0.1, varTol: null },
  { label: 'sparse p=1', shape: 'sparse', nu: 5, p: 1, kurtosis: 3, varTol: null },
];

function seedOf(caseIndex: number, scaleIndex: number): number {
  return 1000 + 17 * caseIndex + scaleIndex;
}

function make(c: Case, scale: WeightScale): WeightDistribution {
  return makeWeightDistribution(c.shape, weightStd(scale, FAN_IN), { nu: c.nu, p: c.p });
}

const sampleCache = new Map<string, Float64Array>();
function samplesOf(ci: number, si: number): Float64Array {
  const key = `${ci}/${si}`;
  let xs = sampleCache.get(key);
  if (!xs) {
    xs = new Float64Array(N);
    make(CASES[ci]!, SCALES[si]!).sample(new Rng(seedOf(ci, si)), xs);
    sampleCache.set(key, xs);
  }
  return xs;
}

/** Simpson's rule with `k` (even) intervals. */
function simpson(f: (x: number) => number, a: number, b: number, k = 64): number {
  const h = (b - a) / k;
  let acc = f(a) + f(b);
  for (let i = 1; i < k; i++) acc += (i % 2 ? 4 : 2) * f(a + i * h);
  return (acc * h) / 3;
}

/** Trapezoid over [-R, R] on the grid x = s sinh(u), fine near 0 and wide in the tails. */
function integrateWide(f: (x: number) => number, s: number, R = 1e4 * s, du = 5e-4): number {
  const U = Math.asinh(R / s);
  const k = 2 * Math.ceil(U / du);
  const h = (2 * U) / k;
  let acc = 0;
  for (let i = 0; i <= k; i++) {
    const u = -U + i * h;
    const g = f(s * Math.sinh(u)) * s * Math.cosh(u);
    acc += i === 0 || i === k ? g / 2 : g;
  }
  return acc * h;
}

function binIndex(x: number, lo: number, hi: number): number {
  if (x < lo || x > hi) return -1;
  if (x === hi) return BINS - 1;
  return Math.floor(((x - lo) / (hi - lo)) * BINS);
}

describe('weightStd', () => {
  it('gives the scale presets of docs/science.md and passes explicit values through', () => {
    expect(weightStd('xavier', 128)).toBeCloseTo(Math.sqrt(1 / 128), 15);
    expect(weightStd('he', 128)).toBeCloseTo(Math.sqrt(2 / 128), 15);
    expect(weightStd('xavier', 50) ** 2).toBeCloseTo(1 / 50, 15);
    expect(weightStd('he', 50) ** 2).toBeCloseTo(2 / 50, 15);
    expect(weightStd('unit', 128)).toBe(1);
    expect(weightStd('unit', 7)).toBe(1);
    expect(weightStd(0.3, 128)).toBe(0.3);
    expect(weightStd(2.5, 3)).toBe(2.5);
  });

  it('rejects a non-positive scale or fan-in', () => {
    expect(() => weightStd(0, 128)).toThrow();
    expect(() => weightStd(-1, 128)).toThrow();
    expect(() => weightStd(Number.NaN, 128)).toThrow();
    expect(() => weightStd('xavier', 0)).toThrow();
  });
});

describe('makeWeightDistribution: definitions', () => {
  it('covers every shape of config.ts', () => {
    const tested = new Set(CASES.map((c) => c.shape));
    for (const shape of WEIGHT_SHAPES) expect(tested.has(shape)).toBe(true);
  });

  it('has exact mean 0 and variance std^2 for every shape and scale', () => {
    for (const c of CASES) {
      for (const scale of SCALES) {
        const d = make(c, scale);
        const s = weightStd(scale, FAN_IN);
        expect(d.shape).toBe(c.shape);
        expect(d.std).toBe(s);
        expect(d.mean).toBe(0);
        expect(Math.abs(d.variance - s ** 2) / s ** 2).toBeLessThan(1e-12);
      }
    }
  });

  it('exposes its point masses as docs/science.md says', () => {
    const s = 0.3;
    const rad = makeWeightDistribution('rademacher', s, { nu: 5, p: 0.1 });
    expect(rad.density).toBeNull();
    expect([...rad.pointMasses].sort((a, b) => a.x - b.x)).toEqual([
      { x: -s, p: 0.5 },
      { x: s, p: 0.5 },
    ]);
    const sparse = makeWeightDistribution('sparse', s, { nu: 5, p: 0.1 });
    expect(sparse.pointMasses).toHaveLength(1);
    expect(sparse.pointMasses[0]!.x).toBe(0);
    expect(sparse.pointMasses[0]!.p).toBeCloseTo(0.9, 15);
    expect(makeWeightDistribution('sparse', s, { nu: 5, p: 1 }).pointMasses).toEqual([]);
    for (const shape of ['normal', 'uniform', 'laplace', 'student-t'] as const) {
      const d = makeWeightDistribution(shape, s, { nu: 5, p: 0.1 });
      expect(d.pointMasses).toEqual([]);
      expect(d.density).not.toBeNull();
    }
  });

  it('matches the closed-form densities of the table', () => {
    const s = 0.7;
    const xs = [0, 0.1, -0.35, 0.9, -2.2, 4];
    const normal = makeWeightDistribution('normal', s, { nu: 5, p: 0.1 }).density!;
    const uniform = makeWeightDistribution('uniform', s, { nu: 5, p: 0.1 }).density!;
    const laplace = makeWeightDistribution('laplace', s, { nu: 5, p: 0.1 }).density!;
    const sparse = makeWeightDistribution('sparse', s, { nu: 5, p: 0.25 }).density!;
    const a = s * Math.sqrt(3);
    const b = s / Math.SQRT2;
    const gauss = (x: number, sd: number) => Math.exp(-(x * x) / (2 * sd * sd)) / (sd * Math.sqrt(2 * Math.PI));
    for (const x of xs) {
      expect(normal(x)).toBeCloseTo(gauss(x, s), 12);
      expect(uniform(x)).toBe(Math.abs(x) <= a ? 1 / (2 * a) : 0);
      expect(laplace(x)).toBeCloseTo(Math.exp(-Math.abs(x) / b) / (2 * b), 12);
      expect(sparse(x)).toBeCloseTo(0.25 * gauss(x, s / Math.sqrt(0.25)), 12);
    }
  });

  it('matches the closed-form t densities for nu = 3 and nu = 4 (checks the normaliser)', () => {
    const s = 1.3;
    // standard t: nu = 3: 2 / (pi sqrt 3 (1 + t^2/3)^2); nu = 4: 3 / (8 (1 + t^2/4)^(5/2))
    const t3 = (t: number) => 2 / (Math.PI * Math.sqrt(3) * (1 + (t * t) / 3) ** 2);
    const t4 = (t: number) => 3 / (8 * (1 + (t * t) / 4) ** 2.5);
    for (const [nu, g] of [
      [3, t3],
      [4, t4],
    ] as const) {
      const c = s * Math.sqrt((nu - 2) / nu);
      const f = makeWeightDistribution('student-t', s, { nu, p: 0.1 }).density!;
      for (const x of [0, 0.2, -1, 2.5, -7, 30]) {
        expect(Math.abs(f(x) - g(x / c) / c) / (g(x / c) / c)).toBeLessThan(1e-12);
      }
    }
  });

  it('lists its free parameters with the ranges of config.ts', () => {
    expect(makeWeightDistribution('student-t', 1, { nu: 5, p: 0.1 }).params).toEqual([
      { name: 'nu', value: 5, min: 2, max: 100 },
    ]);
    expect(makeWeightDistribution('sparse', 1, { nu: 5, p: 0.1 }).params).toEqual([
      { name: 'p', value: 0.1, min: 0.001, max: 1 },
    ]);
    for (const shape of ['normal', 'uniform', 'rademacher', 'laplace'] as const) {
      expect(makeWeightDistribution(shape, 1, { nu: 5, p: 0.1 }).params).toEqual([]);
    }
  });

  it('rejects parameters outside their ranges', () => {
    const ok = { nu: 5, p: 0.1 };
    expect(() => makeWeightDistribution('normal', 0, ok)).toThrow();
    expect(() => makeWeightDistribution('normal', Number.NaN, ok)).toThrow();
    expect(() => makeWeightDistribution('student-t', 1, { nu: 2, p: 0.1 })).toThrow();
    expect(() => makeWeightDistribution('student-t', 1, { nu: 1.5, p: 0.1 })).toThrow();
    expect(() => makeWeightDistribution('sparse', 1, { nu: 5, p: 0 })).toThrow();
    expect(() => makeWeightDistribution('sparse', 1, { nu: 5, p: 1.5 })).toThrow();
    // a parameter only matters for its own shape
    expect(() => makeWeightDistribution('normal', 1, { nu: 1, p: 0 })).not.toThrow();
  });
});

describe.each(CASES.map((c, ci) => [c.label, ci] as const))('%s', (_label, ci) => {
  const c = CASES[ci]!;

  it.each(SCALES.map((scale, si) => [String(scale), si] as const))(
    'scale %s: sample mean and variance match the exact moments',
    (_scale, si) => {
      const d = make(c, SCALES[si]!);
      const xs = samplesOf(ci, si);
      let sum = 0;
      for (const x of xs) sum += x;
      const mean = sum / N;
      let ss = 0;
      for (const x of xs) ss += (x - mean) ** 2;
      const variance = ss / (N - 1);
      const s = d.std;
      expect(Math.abs(mean - d.mean)).toBeLessThan((5 * s) / Math.sqrt(N));
      // standard error of the sample variance: sqrt((E X^4 - s^4) / N)
      const tol = c.varTol ?? Math.max(1e-3, 5 * Math.sqrt((c.kurtosis - 1) / N));
      if (Number.isFinite(tol)) expect(Math.abs(variance / d.variance - 1)).toBeLessThan(tol);
    },
  );

  it.each(SCALES.map((scale, si) => [String(scale), si] as const))(
    'scale %s: the histogram of samples matches density and point masses',
    (_scale, si) => {
      const d = make(c, SCALES[si]!);
      const xs = samplesOf(ci, si);
      const [lo, hi] = d.support;
      const counts = new Float64Array(BINS);
      let inside = 0;
      for (const x of xs) {
        const b = binIndex(x, lo, hi);
        if (b >= 0) {
          counts[b]!++;
          inside++;
        }
      }
      // (5) the support holds at least 99.5% of the samples
      expect(inside / N).toBeGreaterThanOrEqual(0.995);

      const w = (hi - lo) / BINS;
      const expected = new Float64Array(BINS);
      for (let b = 0; b < BINS; b++) {
        if (d.density) expected[b] = simpson(d.density, lo + b * w, lo + (b + 1) * w);
      }
      for (const pm of d.pointMasses) {
        const b = binIndex(pm.x, lo, hi);
        expect(b).toBeGreaterThanOrEqual(0);
        expected[b]! += pm.p;
      }
      for (let b = 0; b < BINS; b++) {
        const q = expected[b]!;
        const se = Math.sqrt((q * (1 - q)) / N);
        expect(Math.abs(counts[b]! / N - q), `bin ${b} of [${lo}, ${hi}]`).toBeLessThan(5 * se + 1e-5);
      }
    },
  );

  it('density plus point masses integrate to 1, and to the variance against x^2', () => {
    for (const scale of SCALES) {
      const d = make(c, scale);
      const s = d.std;
      const f = d.density ?? (() => 0);
      const pmTotal = d.pointMasses.reduce((acc, pm) => acc + pm.p, 0);
      const pmSecond = d.pointMasses.reduce((acc, pm) => acc + pm.p * pm.x * pm.x, 0);
      expect(Math.abs(integrateWide(f, s) + pmTotal - 1)).toBeLessThan(1e-3);
      // E X^2 from the density: only where the tails of x^2 f(x) are integrable on [-1e4 s, 1e4 s]
      if (Number.isFinite(c.kurtosis)) {
        const second = integrateWide((x) => x * x * f(x), s) + pmSecond;
        expect(Math.abs(second / d.variance - 1)).toBeLessThan(1e-3);
      }
      // the support holds essentially all the mass by the density too
      const [lo, hi] = d.support;
      expect(lo).toBe(-hi);
      const inSupport =
        (d.density ? simpson(d.density, lo, hi, 4000) : 0) +
        d.pointMasses.filter((pm) => pm.x >= lo && pm.x <= hi).reduce((acc, pm) => acc + pm.p, 0);
      expect(inSupport).toBeGreaterThanOrEqual(0.995);
      if (c.shape === 'student-t' || c.shape === 'laplace') {
        // support at the 0.001 and 0.999 quantiles
        expect(inSupport).toBeCloseTo(0.998, 4);
      }
    }
  });

  it('is reproducible: same seed, same samples; other seed, other samples', () => {
    const d = make(c, 0.3);
    const a = new Float64Array(1000);
    const b = new Float64Array(1000);
    const other = new Float64Array(1000);
    const f32 = new Float32Array(1000);
    d.sample(new Rng(42), a);
    d.sample(new Rng(42), b);
    d.sample(new Rng(43), other);
    d.sample(new Rng(42), f32);
    expect(Array.from(b)).toEqual(Array.from(a));
    expect(Array.from(other)).not.toEqual(Array.from(a));
    expect(Array.from(f32)).toEqual(Array.from(a, (x) => Math.fround(x)));
    // a child stream is as reproducible as a root stream
    const fork1 = new Float64Array(100);
    const fork2 = new Float64Array(100);
    d.sample(new Rng(7).fork('teacher'), fork1);
    d.sample(new Rng(7).fork('teacher'), fork2);
    expect(Array.from(fork2)).toEqual(Array.from(fork1));
  });
});
