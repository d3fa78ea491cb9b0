/**
 * Seeded, splittable random streams.
 *
 * The bits come from pure-rand's xoroshiro128+; this module only adds the
 * conversions the science needs (uniform floats, normals, bits) and a way to
 * derive independent child streams by name, so that the teacher, the data and
 * the student never share a stream and adding a draw to one never shifts
 * another.
 */
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

/** 32-bit avalanche mix (the murmur3 finaliser) used to turn names into seeds. */
function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function hashLabel(label: string | number): number {
  const s = String(label);
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

/** A child seed that depends on the parent seed and the label only. */
export function deriveSeed(parent: number, label: string | number): number {
  return mix32((parent >>> 0) ^ Math.imul(hashLabel(label), 0x9e3779b1)) >>> 0;
}

export class Rng {
  readonly seed: number;
  private readonly gen: RandomGenerator;
  private spare: number | null = null;

  constructor(seed: number) {
    this.seed = seed >>> 0;
    // pure-rand's own seeding puts a 32-bit seed into a mostly constant state,
    // so small seeds (1, 2, 42) start with visibly structured draws; spread the
    // seed over all four state words with splitmix-style mixing instead.
    const words = [1, 2, 3, 4].map((i) => mix32(this.seed + Math.imul(i, 0x9e3779b9)) | 0);
    this.gen = xoroshiro128plusFromState(words);
  }

  /** An independent stream named `label`; the parent's position is irrelevant. */
  fork(label: string | number): Rng {
    return new Rng(deriveSeed(this.seed, label));
  }

  /** Uniform on [0, 1). */
  uniform(): number {
    return uniformFloat64(this.gen);
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    if (!(n >= 1)) throw new RangeError(`Rng.int needs n >= 1, got ${n}`);
    return uniformInt(this.gen, 0, n - 1);
  }

  /** A fair bit, 0 or 1. */
  bit(): number {
    return this.gen.next() >>> 31;
  }

  /** Standard normal (Marsaglia's polar method; the second value is kept). */
  normal(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    let u: number;
    let v: number;
    let r: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      r = u * u + v * v;
    } while (r >= 1 || r === 0);
    const f = Math.sqrt((-2 * Math.log(r)) / r);
    this.spare = v * f;
    return u * f;
  }

  fillNormal(out: Float32Array | Float64Array, std = 1): void {
    for (let i = 0; i < out.length; i++) out[i] = std * this.normal();
  }

  fillBits(out: Uint8Array | Float32Array): void {
    for (let i = 0; i < out.length; i++) out[i] = this.bit();
  }

  /** k distinct integers from [0, n), in increasing order (partial Fisher-Yates). */
  choose(n: number, k: number): number[] {
    const idx = Array.from({ length: n }, (_, i) => i);
    for (let i = 0; i < k; i++) {
      const j = i + this.int(n - i);
      const t = idx[i]!;
      idx[i] = idx[j]!;
      idx[j] = t;
    }
    return idx.slice(0, k).sort((a, b) => a - b);
  }
}

/** The three independent streams of docs/science.md section 2 ("Seeds"). */
export interface SeedSet {
  teacher: number;
  data: number;
  student: number;
}

export function resolveSeeds(
  master: number,
  overrides: { tseed: number | null; dseed: number | null; sseed: number | null },
): SeedSet {
  return {
    teacher: overrides.tseed ?? deriveSeed(master, 'teacher'),
    data: overrides.dseed ?? deriveSeed(master, 'data'),
    student: overrides.sseed ?? deriveSeed(master, 'student'),
  };
}
