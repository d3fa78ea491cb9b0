/**
 * K-SAT-shaped inputs (docs/science.md 2.2, item 3): every one of the m teacher
 * units encodes a random K-clause over the d hidden bits, with pre-activation
 * 1 - (number of satisfied literals): 1 when the clause is violated, <= 0
 * otherwise. With the clip on, N_W(x) = 1 exactly when some clause is
 * violated; without it, N_W(x) is the number of violated clauses.
 */
import { Rng } from '../rng';
import type { Teacher } from '../teacher';
import type { Construction } from './construction';
import { ConstructionSampler } from './constructionSampler';
import type { InputKindSpec } from './kind';
import { constructionProblems } from './problems';
import type { UnitRole } from './types';

export interface KsatTargets {
  /** (d+1) x m row-major, see Construction.V. */
  V: Float64Array;
  /** Literal count per clause. */
  clauseSize: number;
  /** m x K: the bits of clause i (increasing). */
  bits: Int32Array;
  /** m x K: 1 when the literal is negated (satisfied by z = 0), 0 when positive (satisfied by z = 1). */
  negated: Uint8Array;
}

/** One random clause per unit, from `rng` (the construction stream, forked as 'clauses'). */
export function ksatTargets(d: number, K: number, m: number, rng: Rng): KsatTargets {
  if (!(K >= 1 && K <= d)) throw new Error(`clause size ${K} must be between 1 and the number of hidden bits d=${d}`);
  const r = rng.fork('clauses');
  const V = new Float64Array((d + 1) * m);
  const bits = new Int32Array(m * K);
  const negated = new Uint8Array(m * K);
  for (let i = 0; i < m; i++) {
    const chosen = r.choose(d, K);
    let negatives = 0;
    for (let l = 0; l < K; l++) {
      const b = chosen[l]!;
      const neg = r.bit();
      bits[i * K + l] = b;
      negated[i * K + l] = neg;
      V[b * m + i] = neg ? 1 : -1;
      negatives += neg;
    }
    V[d * m + i] = 1 - negatives;
  }
  return { V, clauseSize: K, bits, negated };
}

export class KsatSampler extends ConstructionSampler {
  readonly kind = 'ksat' as const;
  readonly binaryLabels: boolean;
  readonly targets: KsatTargets;
  /** Every unit encodes a clause. */
  readonly unitRoles: readonly UnitRole[];
  private readonly clip: boolean;

  constructor(t: Teacher, construction: Construction, targets: KsatTargets) {
    super(t, construction);
    this.targets = targets;
    this.unitRoles = [{ role: 'clause', units: Array.from({ length: t.m }, (_, i) => i) }];
    // the labels are what N_W computes, so they follow the teacher's clip: 0/1 with it on
    this.clip = t.clip;
    this.binaryLabels = t.clip;
  }

  /** The labels are N_W(x(z)) and draw nothing from the stream, so any stream will do. */
  override teacherOfBits(): (z: Uint8Array, count: number, y: Float64Array) => void {
    const unused = new Rng(0);
    return (z, count, y) => this.labels(z, count, unused, y);
  }

  /** Clip on: 1 when some clause is violated; clip off: the number of violated clauses. */
  protected labels(z: Uint8Array, count: number, _rng: Rng, y: Float32Array | Float64Array): void {
    const { d } = this.construction;
    const { bits, negated, clauseSize: K } = this.targets;
    const m = this.teacher.m;
    for (let s = 0; s < count; s++) {
      const zo = s * d;
      let violated = 0;
      for (let i = 0; i < m; i++) {
        let sat = false;
        for (let l = i * K, end = l + K; l < end; l++) {
          if (z[zo + bits[l]!] !== negated[l]) {
            sat = true;
            break;
          }
        }
        if (!sat) {
          violated++;
          if (this.clip) break;
        }
      }
      y[s] = this.clip ? Math.min(violated, 1) : violated;
    }
  }
}

export const ksat: InputKindSpec<'ksat'> = {
  name: 'ksat',
  summary: "adversarial: built from W, shaped like the paper's K-SAT reduction",
  title: 'ksat',
  fields: ['d', 'c', 'clause'],
  fromTeacher: true,
  shows: { construction: true, secret: false, unitRoles: true },
  problems: (c) => {
    const { errors, warnings } = constructionProblems(c, 'ksat');
    if (c.clause > c.d) {
      errors.push({
        fields: ['clause', 'd'],
        message: `clause size ${c.clause} cannot exceed the number of hidden bits d=${c.d}`,
      });
    }
    return { errors, warnings };
  },
  sampler: (c, t, rng, tools) => {
    const constructionRng = rng.fork('construction');
    const targets = ksatTargets(c.d, c.clause, t.m, constructionRng);
    return new KsatSampler(t, tools.construction(t, c.d, targets.V, constructionRng, rng.fork('calibration')), targets);
  },
};
