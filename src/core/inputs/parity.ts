/**
 * Parity inputs (docs/science.md 2.2): the adversary's distribution that makes the
 * random teacher compute the parity of k secret bits of d hidden bits.
 */
import type { Config } from '../config';
import { Rng } from '../rng';
import type { Teacher } from '../teacher';
import type { Construction } from './construction';
import { ConstructionSampler } from './constructionSampler';
import type { InputKindSpec, SamplerTools } from './kind';
import { constructionProblems, parityProblems } from './problems';
import type { UnitRole } from './types';

/** The target pre-activations of the parity construction and where its pattern units sit. */
export interface ParityTargets {
  /** (d+1) x m row-major, see Construction.V. */
  V: Float64Array;
  /** The k secret bits S, increasing. */
  secret: number[];
  /** The 2^(k-1) pattern units (columns of W), in the order of patternMasks. */
  patternUnits: number[];
  /** For each pattern unit, the odd-size subset T of S as a bit mask over the positions in `secret`. */
  patternMasks: number[];
}

function popcount(x: number): number {
  let c = 0;
  for (; x; x &= x - 1) c++;
  return c;
}

/**
 * Steps 1-2 of docs/science.md 2.2. Draws from `rng` (the construction stream),
 * forked by name: 'secret' for S, 'units' for which of the m units are
 * pattern units, 'dead' for the dead units' weights.
 */
export function parityTargets(d: number, k: number, m: number, c: number, rng: Rng): ParityTargets {
  const patterns = 2 ** (k - 1);
  if (!(k >= 1 && k <= d)) throw new Error(`parity size k=${k} must be between 1 and the number of hidden bits d=${d}`);
  if (patterns >= m) {
    throw new Error(`parity with k=${k} needs a teacher width m above ${patterns} (2^(k-1) pattern units); m is ${m}`);
  }
  const secret = rng.fork('secret').choose(d, k);

  // Which units carry the patterns: a random subset of the m units, in random order.
  const unitRng = rng.fork('units');
  const units = unitRng.choose(m, patterns);
  for (let i = units.length - 1; i > 0; i--) {
    const j = unitRng.int(i + 1);
    const t = units[i]!;
    units[i] = units[j]!;
    units[j] = t;
  }
  const masks: number[] = [];
  for (let mask = 0; mask < 2 ** k; mask++) if (popcount(mask) % 2 === 1) masks.push(mask);

  const V = new Float64Array((d + 1) * m);
  const isPattern = new Uint8Array(m);
  masks.forEach((mask, idx) => {
    const u = units[idx]!;
    isPattern[u] = 1;
    for (let b = 0; b < k; b++) V[secret[b]! * m + u] = mask & (1 << b) ? 1 : -1;
    V[d * m + u] = 1 - popcount(mask);
  });
  const deadRng = rng.fork('dead');
  for (let u = 0; u < m; u++) {
    if (isPattern[u]) continue;
    let positive = 0;
    for (let j = 0; j < d; j++) {
      const r = c * (2 * deadRng.uniform() - 1);
      V[j * m + u] = r;
      if (r > 0) positive += r;
    }
    V[d * m + u] = -1 - positive;
  }
  return { V, secret, patternUnits: units, patternMasks: masks };
}

/** Construction and targets shared by parity and random labels: same stream use, same A. */
export function parityConstruction(
  c: Config,
  t: Teacher,
  rng: Rng,
  tools: SamplerTools,
): { targets: ParityTargets; construction: Construction } {
  const constructionRng = rng.fork('construction');
  const targets = parityTargets(c.d, c.k, t.m, c.c, constructionRng);
  const construction = tools.construction(t, c.d, targets.V, constructionRng, rng.fork('calibration'));
  return { targets, construction };
}

/** The pattern units (which carry the parity) and the dead ones, by unit index. */
export function parityUnitRoles(targets: ParityTargets, m: number): UnitRole[] {
  const pattern = new Set(targets.patternUnits);
  return [
    { role: 'pattern', units: [...pattern].sort((a, b) => a - b) },
    { role: 'dead', units: Array.from({ length: m }, (_, i) => i).filter((i) => !pattern.has(i)) },
  ];
}

/** The problems of parity-shaped inputs: the construction's, then the parity's. */
export function parityKindProblems(c: Config, what: string): ReturnType<InputKindSpec['problems']> {
  const { errors, warnings } = constructionProblems(c, what);
  return { errors: [...errors, ...parityProblems(c, what)], warnings };
}

export class ParitySampler extends ConstructionSampler {
  readonly kind = 'parity' as const;
  readonly binaryLabels = true;
  readonly targets: ParityTargets;
  readonly secret: readonly number[];
  readonly unitRoles: readonly UnitRole[];
  private readonly secretBits: Int32Array;

  constructor(t: Teacher, construction: Construction, targets: ParityTargets) {
    super(t, construction);
    this.targets = targets;
    this.secret = [...targets.secret];
    this.unitRoles = parityUnitRoles(targets, t.m);
    this.secretBits = Int32Array.from(targets.secret);
  }

  /** The labels are N_W(x(z)) and draw nothing from the stream, so any stream will do. */
  override teacherOfBits(): (z: Uint8Array, count: number, y: Float64Array) => void {
    const unused = new Rng(0);
    return (z, count, y) => this.labels(z, count, unused, y);
  }

  /** parity(z_S) in closed form: equal to N_W(x) by construction (tested). */
  protected labels(z: Uint8Array, count: number, _rng: Rng, y: Float32Array | Float64Array): void {
    const d = this.construction.d;
    const S = this.secretBits;
    for (let s = 0; s < count; s++) {
      const zo = s * d;
      let p = 0;
      for (let b = 0; b < S.length; b++) p ^= z[zo + S[b]!]!;
      y[s] = p;
    }
  }
}

export const parity: InputKindSpec<'parity'> = {
  name: 'parity',
  summary: 'adversarial: built from W, labels the parity of k secret bits',
  title: 'parity',
  fields: ['d', 'k', 'c'],
  fromTeacher: true,
  shows: { construction: true, secret: true, unitRoles: true },
  problems: (c) => parityKindProblems(c, 'parity'),
  sampler: (c, t, rng, tools) => {
    const { targets, construction } = parityConstruction(c, t, rng, tools);
    return new ParitySampler(t, construction, targets);
  },
};
