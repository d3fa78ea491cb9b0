/**
 * Random labels (SCIENCE.md 2.2, the control): inputs exactly as parity (the
 * same construction from the same stream, hence the same A), labels fresh
 * fair coin flips independent of x. The curve of a run that learns nothing.
 */
import type { Config } from '../config';
import type { Rng } from '../rng';
import type { Teacher } from '../teacher';
import { ConstructionSampler } from './construction';
import { parityConstruction, type ParityTargets } from './parity';

export class RandomLabelSampler extends ConstructionSampler {
  readonly kind = 'random' as const;
  readonly binaryLabels = true;
  /** The parity targets behind the inputs; the labels ignore them. */
  readonly targets: ParityTargets;

  /** @param rng the data stream */
  constructor(c: Config, t: Teacher, rng: Rng) {
    const { targets, construction } = parityConstruction(c, t, rng);
    super(t, construction);
    this.targets = targets;
  }

  /** Coin flips from the sampling stream, drawn after all the batch's bits. */
  protected labels(_z: Uint8Array, count: number, rng: Rng, y: Float32Array | Float64Array): void {
    for (let s = 0; s < count; s++) y[s] = rng.bit();
  }
}
