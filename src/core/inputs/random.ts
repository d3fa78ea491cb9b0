/**
 * Random labels (docs/science.md 2.2, the control): inputs exactly as parity (the
 * same construction from the same stream, hence the same A), labels fresh
 * fair coin flips independent of x. The curve of a run that learns nothing.
 */
import type { Rng } from '../rng';
import type { Teacher } from '../teacher';
import type { Construction } from './construction';
import { ConstructionSampler } from './constructionSampler';
import type { InputKindSpec } from './kind';
import { parityConstruction, parityKindProblems, parityUnitRoles, type ParityTargets } from './parity';
import type { UnitRole } from './types';

export class RandomLabelSampler extends ConstructionSampler {
  readonly kind = 'random' as const;
  readonly binaryLabels = true;
  /** The parity targets behind the inputs; the labels ignore them. */
  readonly targets: ParityTargets;
  readonly secret: readonly number[];
  readonly unitRoles: readonly UnitRole[];

  constructor(t: Teacher, construction: Construction, targets: ParityTargets) {
    super(t, construction);
    this.targets = targets;
    this.secret = [...targets.secret];
    this.unitRoles = parityUnitRoles(targets, t.m);
  }

  /** Coin flips from the sampling stream, drawn after all the batch's bits. */
  protected labels(_z: Uint8Array, count: number, rng: Rng, y: Float32Array | Float64Array): void {
    for (let s = 0; s < count; s++) y[s] = rng.bit();
  }
}

export const random: InputKindSpec<'random'> = {
  name: 'random',
  summary: 'control: parity inputs with coin-flip labels',
  title: 'random labels',
  fields: ['d', 'k', 'c'],
  fromTeacher: true,
  shows: { construction: true, secret: true, unitRoles: true },
  problems: (c) => parityKindProblems(c, 'random labels (inputs as in parity)'),
  sampler: (c, t, rng, tools) => {
    const { targets, construction } = parityConstruction(c, t, rng, tools);
    return new RandomLabelSampler(t, construction, targets);
  },
};
