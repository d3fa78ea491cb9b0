/**
 * The input distributions of SCIENCE.md 2.2, one file each, behind one factory.
 */
import type { Config } from '../config';
import type { Rng } from '../rng';
import type { Teacher } from '../teacher';
import { GaussianSampler } from './gaussian';
import { KsatSampler } from './ksat';
import { ParitySampler } from './parity';
import { RandomLabelSampler } from './random';
import type { InputSampler } from './types';

export type { Batch, InputSampler } from './types';
export { Construction, ConstructionSampler, CALIBRATION_SAMPLES, TAU_FACTOR } from './construction';
export type { RawSamples } from './construction';
export { GaussianSampler } from './gaussian';
export { KsatSampler, ksatTargets } from './ksat';
export type { KsatTargets } from './ksat';
export { ParitySampler, parityTargets } from './parity';
export type { ParityTargets } from './parity';
export { RandomLabelSampler } from './random';

/**
 * The input distribution of `c` for teacher `t`. `rng` is the run's data
 * stream: the construction and the calibration sample come from named forks
 * of it ('construction', 'calibration'); the samples come from whatever stream
 * is handed to sample(). Assumes a valid config (config.ts configProblems) but
 * throws a clear Error for a construction that cannot exist.
 */
export function makeInputSampler(c: Config, t: Teacher, rng: Rng): InputSampler {
  if (t.n !== c.n || t.m !== c.m || t.clip !== c.clip || t.W.length !== t.n * t.m) {
    throw new Error(
      `the teacher (n=${t.n}, m=${t.m}, clip=${t.clip}) does not match the config (n=${c.n}, m=${c.m}, clip=${c.clip})`,
    );
  }
  if (c.inputs !== 'gaussian' && c.m >= c.n) {
    throw new Error(`${c.inputs} inputs need a teacher width m below the input dimension n (m=${c.m}, n=${c.n})`);
  }
  switch (c.inputs) {
    case 'gaussian':
      return new GaussianSampler(c, t);
    case 'parity':
      return new ParitySampler(c, t, rng);
    case 'ksat':
      return new KsatSampler(c, t, rng);
    case 'random':
      return new RandomLabelSampler(c, t, rng);
    default: {
      const never: never = c.inputs;
      throw new Error(`unknown input distribution ${String(never)}`);
    }
  }
}
