/**
 * The weight distributions of docs/science.md section 2: six shapes, each
 * parameterised so that its variance is exactly std^2, so that switching shape
 * changes nothing but the shape. Every shape exposes seeded sampling, its
 * density and point masses (the histogram overlay), exact mean and variance,
 * and its free parameters with their ranges.
 */
import { FIELD_BY_KEY, type FieldKey, type WeightShape } from './config';
import type { Rng } from './rng';

export interface PointMass {
  x: number;
  p: number;
}

export interface WeightDistribution {
  shape: WeightShape;
  /** s */
  std: number;
  /** exact (0 for all six) */
  mean: number;
  /** exact, from the shape's own parameters; equals std^2 up to rounding */
  variance: number;
  /** fill `out` with i.i.d. draws from `rng` */
  sample(rng: Rng, out: Float64Array | Float32Array): void;
  /** density of the continuous part; it integrates to 1 minus the total of pointMasses; null for rademacher */
  density: ((x: number) => number) | null;
  /** rademacher: +-s with 1/2 each; sparse: 0 with probability 1-p (none when p = 1); empty otherwise */
  pointMasses: PointMass[];
  /** a range holding essentially all the mass (at least 99.5%), for histogram axes */
  support: [number, number];
  /** the free shape parameters with their ranges, for the UI */
  params: { name: string; value: number; min: number; max: number }[];
}

const SQRT_2PI = Math.sqrt(2 * Math.PI);

/** log Gamma(x) for x > 0 (Lanczos, g = 7, 9 terms; about 15 significant digits). */
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  x -= 1;
  let a = LANCZOS[0]!;
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i]! / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Gamma(shape, 1) for shape >= 1 (Marsaglia and Tsang, 2000). */
function sampleGamma(rng: Rng, shape: number): number {
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = rng.normal();
    const t = 1 + c * z;
    if (t <= 0) continue;
    const v = t * t * t;
    const u = rng.uniform();
    const z2 = z * z;
    if (u < 1 - 0.0331 * z2 * z2 || Math.log(u) < 0.5 * z2 + d * (1 - v + Math.log(v))) return d * v;
  }
}

function gaussianDensity(sd: number, mass: number): (x: number) => number {
  const k = mass / (sd * SQRT_2PI);
  return (x) => k * Math.exp(-0.5 * (x / sd) ** 2);
}

function paramRange(key: FieldKey): { min: number; max: number } {
  const spec = FIELD_BY_KEY[key];
  if (spec.kind !== 'number') throw new Error(`${key} is not a number field`);
  return { min: spec.min, max: spec.max };
}

/** The x with P(0 < X < x) = target for a symmetric unimodal density f (Simpson steps of h from 0). */
function symmetricQuantile(f: (x: number) => number, target: number, h: number): number {
  let x = 0;
  let acc = 0;
  for (let i = 0; i < 1e7; i++) {
    const step = (h / 6) * (f(x) + 4 * f(x + h / 2) + f(x + h));
    if (acc + step >= target) return x + (h * (target - acc)) / step;
    acc += step;
    x += h;
  }
  return x;
}

/** The distribution of one i.i.d. teacher weight; `nu` is used by student-t only, `p` by sparse only. */
export function makeWeightDistribution(
  shape: WeightShape,
  std: number,
  opts: { nu: number; p: number },
): WeightDistribution {
  if (!(Number.isFinite(std) && std > 0)) throw new RangeError(`std must be a positive number, got ${std}`);
  const s = std;
  const base = { shape, std: s, mean: 0 };
  switch (shape) {
    case 'normal':
      return {
        ...base,
        variance: s * s,
        sample: (rng, out) => {
          for (let i = 0; i < out.length; i++) out[i] = s * rng.normal();
        },
        density: gaussianDensity(s, 1),
        pointMasses: [],
        support: [-4 * s, 4 * s],
        params: [],
      };
    case 'uniform': {
      const a = s * Math.sqrt(3);
      return {
        ...base,
        variance: (a * a) / 3,
        sample: (rng, out) => {
          for (let i = 0; i < out.length; i++) out[i] = a * (2 * rng.uniform() - 1);
        },
        density: (x) => (Math.abs(x) <= a ? 1 / (2 * a) : 0),
        pointMasses: [],
        support: [-a, a],
        params: [],
      };
    }
    case 'rademacher':
      return {
        ...base,
        variance: s * s,
        sample: (rng, out) => {
          for (let i = 0; i < out.length; i++) out[i] = rng.bit() ? s : -s;
        },
        density: null,
        pointMasses: [
          { x: -s, p: 0.5 },
          { x: s, p: 0.5 },
        ],
        // Wider than [-s, s] so both masses sit inside the axis rather than on its ends.
        support: [-1.5 * s, 1.5 * s],
        params: [],
      };
    case 'laplace': {
      const b = s / Math.SQRT2;
      // P(X > q) = exp(-q/b)/2 = 0.001
      const q = b * Math.log(500);
      return {
        ...base,
        variance: 2 * b * b,
        sample: (rng, out) => {
          // exponential magnitude (1 - u is in (0, 1], so the log is finite) with a fair sign
          for (let i = 0; i < out.length; i++) {
            const e = -b * Math.log(1 - rng.uniform());
            out[i] = rng.bit() ? e : -e;
          }
        },
        density: (x) => Math.exp(-Math.abs(x) / b) / (2 * b),
        pointMasses: [],
        support: [-q, q],
        params: [],
      };
    }
    case 'student-t': {
      const nu = opts.nu;
      if (!(Number.isFinite(nu) && nu > 2)) throw new RangeError(`student-t needs nu > 2, got ${nu}`);
      const c = s * Math.sqrt((nu - 2) / nu);
      const logK = logGamma((nu + 1) / 2) - logGamma(nu / 2) - 0.5 * Math.log(nu * Math.PI) - Math.log(c);
      const k = Math.exp(logK);
      const density = (x: number): number => {
        const t = x / c;
        return k * Math.pow(1 + (t * t) / nu, -(nu + 1) / 2);
      };
      const q = symmetricQuantile(density, 0.499, c / 100);
      return {
        ...base,
        variance: (c * c * nu) / (nu - 2),
        sample: (rng, out) => {
          // Z / sqrt(V / nu) with V ~ chi^2(nu) = 2 Gamma(nu/2, 1)
          for (let i = 0; i < out.length; i++) {
            const v = 2 * sampleGamma(rng, nu / 2);
            out[i] = (c * rng.normal()) / Math.sqrt(v / nu);
          }
        },
        density,
        pointMasses: [],
        support: [-q, q],
        params: [{ name: 'nu', value: nu, ...paramRange('wnu') }],
      };
    }
    case 'sparse': {
      const p = opts.p;
      if (!(Number.isFinite(p) && p > 0 && p <= 1)) throw new RangeError(`sparse needs 0 < p <= 1, got ${p}`);
      const sd = s / Math.sqrt(p);
      return {
        ...base,
        variance: p * sd * sd,
        sample: (rng, out) => {
          for (let i = 0; i < out.length; i++) out[i] = rng.uniform() < p ? sd * rng.normal() : 0;
        },
        density: gaussianDensity(sd, p),
        pointMasses: p < 1 ? [{ x: 0, p: 1 - p }] : [],
        support: [-4 * sd, 4 * sd],
        params: [{ name: 'p', value: p, ...paramRange('wp') }],
      };
    }
  }
}
