/**
 * Bit influence (docs/science.md 2.6): has the student found the secret?
 *
 * For the construction inputs every input the student sees is a function of
 * the hidden bits, x = x(z) (standardised), so any network f is a function of
 * z, and the influence of bit j on f is
 *
 *   Inf_j(f) = E_z | f(x(z with z_j = 1)) - f(x(z with z_j = 0)) |,
 *
 * estimated on a fixed sample of z drawn once per run from its own named fork
 * of the data stream ('influence'), so that it never shifts another draw and
 * every snapshot is measured on the same sample: bars move only when f does.
 *
 * x is affine in z, so switching bit j moves x by exactly the standardised
 * column j of the construction: x(z with z_j set) = x(z) + dir_j when z_j = 0,
 * and x(z with z_j cleared) = x(z) - dir_j when z_j = 1. Only the flipped
 * inputs are formed, each as one vector add, and |f(flipped) - f(x(z))| is
 * exactly the term of the definition for that z.
 */
import type { Construction } from './inputs/construction';
import { Rng } from './rng';
import type { Teacher } from './teacher';

/** Samples of z in the fixed influence sample: d * (this + 1) evaluations of f per snapshot. */
export const INFLUENCE_SAMPLES = 256;

/** The influence sample's stream: its own fork of the run's data stream. */
export function influenceStream(dataSeed: number): Rng {
  return new Rng(dataSeed).fork('influence');
}

/** A fixed sample of hidden bits and what the student sees for them. */
export interface InfluenceProbe {
  /** hidden bits */
  d: number;
  /** input dimension */
  n: number;
  /** samples of z */
  count: number;
  /** count x d hidden bits, sample after sample */
  z: Uint8Array;
  /** count x n standardised inputs x(z) */
  base: Float64Array;
  /** d x n: row j is x(z with z_j = 1) - x(z with z_j = 0), the same for every z */
  directions: Float64Array;
}

/** Draws the fixed sample of a construction from `rng` (a fresh influenceStream for runs). */
export function influenceProbe(construction: Construction, rng: Rng, count = INFLUENCE_SAMPLES): InfluenceProbe {
  if (!(Number.isInteger(count) && count >= 1)) throw new Error(`an influence sample needs count >= 1, got ${count}`);
  const { d, n } = construction;
  // drawBits hands out an internal buffer that the next draw overwrites: keep a copy.
  const z = construction.drawBits(rng, count).slice(0, count * d);
  const base = new Float64Array(count * n);
  construction.standardisedInto(z, count, base);
  return { d, n, count, z, base, directions: construction.standardisedDirections() };
}

/**
 * The flipped inputs of bits [from, to): for each bit j (the slow index) and
 * sample s, x(z_s) with bit j switched, into `out` ((to - from) * count x n),
 * which is allocated when absent or too small and returned.
 */
export function flippedInputs<T extends Float32Array | Float64Array = Float32Array>(
  probe: InfluenceProbe,
  from = 0,
  to = probe.d,
  out?: T,
): T {
  const { n, count, d, z, base, directions } = probe;
  if (!(from >= 0 && to <= d && from <= to)) throw new Error(`bits [${from}, ${to}) are not bits of d=${d}`);
  const len = (to - from) * count * n;
  const x = (out && out.length >= len ? out : new Float32Array(len)) as T;
  for (let j = from; j < to; j++) {
    const dir = directions.subarray(j * n, (j + 1) * n);
    for (let s = 0; s < count; s++) {
      const sign = z[s * d + j] ? -1 : 1;
      const xo = ((j - from) * count + s) * n;
      const bo = s * n;
      for (let r = 0; r < n; r++) x[xo + r] = base[bo + r]! + sign * dir[r]!;
    }
  }
  return x;
}

/**
 * Inf_j of bits [from, from + flipped.length / count) from the outputs of f:
 * `atBase` on the probe's inputs (count), `atFlipped` on flippedInputs (bit
 * major), written into `out` at those bits.
 */
export function influenceFromOutputs(
  probe: InfluenceProbe,
  atBase: ArrayLike<number>,
  atFlipped: ArrayLike<number>,
  out: Float64Array = new Float64Array(probe.d),
  from = 0,
): Float64Array {
  const { count } = probe;
  const bits = Math.floor(atFlipped.length / count);
  for (let b = 0; b < bits; b++) {
    let sum = 0;
    for (let s = 0; s < count; s++) sum += Math.abs(atFlipped[b * count + s]! - atBase[s]!);
    out[from + b] = sum / count;
  }
  return out;
}

/** A function of count standardised inputs (count x n, row-major), one output each. */
export type InputFunction = (x: Float64Array, count: number) => ArrayLike<number>;

/** Most bits whose flipped inputs are formed at once, so memory stays bounded at any d. */
const BITS_PER_PASS = 16;

/** Inf_j(f) for every bit j, evaluating f on the probe's inputs and their flips (in float64). */
export function bitInfluence(probe: InfluenceProbe, f: InputFunction): Float64Array {
  const out = new Float64Array(probe.d);
  const atBase = Float64Array.from(f(probe.base, probe.count));
  const buffer = new Float64Array(Math.min(BITS_PER_PASS, probe.d) * probe.count * probe.n);
  for (let from = 0; from < probe.d; from += BITS_PER_PASS) {
    const to = Math.min(probe.d, from + BITS_PER_PASS);
    flippedInputs(probe, from, to, buffer);
    const x = buffer.subarray(0, (to - from) * probe.count * probe.n);
    influenceFromOutputs(probe, atBase, f(x, (to - from) * probe.count), out, from);
  }
  return out;
}

/** Inf_j of a function of the hidden bits themselves (the definition over z, no inputs formed). */
export function bitInfluenceOfBits(
  probe: InfluenceProbe,
  g: (z: Uint8Array, count: number, y: Float64Array) => void,
): Float64Array {
  const { d, count, z } = probe;
  const atBase = new Float64Array(count);
  g(z, count, atBase);
  const flipped = new Uint8Array(z.length);
  const y = new Float64Array(count);
  const out = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    flipped.set(z);
    for (let s = 0; s < count; s++) flipped[s * d + j] = 1 - z[s * d + j]!;
    g(flipped, count, y);
    let sum = 0;
    for (let s = 0; s < count; s++) sum += Math.abs(y[s]! - atBase[s]!);
    out[j] = sum / count;
  }
  return out;
}

/**
 * The teacher as a function of what the student sees: N_W(std * x + mean),
 * undoing the construction's standardisation (step 6 of docs/science.md 2.2).
 */
export function teacherOnStandardised(teacher: Teacher, construction: Construction): InputFunction {
  const { n, m, W, clip } = teacher;
  const { mean, std } = construction;
  return (x, count) => {
    const out = new Float64Array(count);
    const raw = new Float64Array(n);
    const pre = new Float64Array(m);
    for (let s = 0; s < count; s++) {
      for (let r = 0; r < n; r++) raw[r] = std[r]! * x[s * n + r]! + mean[r]!;
      pre.fill(0);
      for (let r = 0; r < n; r++) {
        const xr = raw[r]!;
        const wo = r * m;
        for (let i = 0; i < m; i++) pre[i]! += xr * W[wo + i]!;
      }
      let sum = 0;
      for (let i = 0; i < m; i++) if (pre[i]! > 0) sum += pre[i]!;
      out[s] = clip ? Math.min(1, Math.max(0, sum)) : sum;
    }
    return out;
  };
}

/** Digits an influence keeps in results and messages: plenty for bars, and a result file stays small. */
export const INFLUENCE_DIGITS = 4;

/** An influence vector as results store it: plain numbers rounded to INFLUENCE_DIGITS decimals. */
export function roundInfluence(values: ArrayLike<number>): number[] {
  const f = 10 ** INFLUENCE_DIGITS;
  return Array.from(values, (v) => Math.round(v * f) / f);
}
