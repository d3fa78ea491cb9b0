/**
 * Builds a run's sampler from its kind's descriptor, handing it the
 * construction's linear algebra (which only the workers, the CLI and the
 * tests load: it pulls in the matrix library).
 */
import type { Config } from '../config';
import type { Rng } from '../rng';
import type { Teacher } from '../teacher';
import { Construction } from './construction';
import type { SamplerTools } from './kind';
import { inputKind } from './registry';
import type { InputSampler } from './types';

export const SAMPLER_TOOLS: SamplerTools = {
  construction: (t, d, V, rng, calibration) => new Construction(t, d, V, rng, calibration),
};

/**
 * The input distribution of `c` for teacher `t`. `rng` is the run's data
 * stream: the construction and the calibration sample come from named forks
 * of it ('construction', 'calibration'); the samples come from whatever stream
 * is handed to sample(). Assumes a valid config (core/validate.ts) but throws
 * a clear Error for a construction that cannot exist.
 */
export function makeInputSampler(c: Config, t: Teacher, rng: Rng): InputSampler {
  if (t.n !== c.n || t.m !== c.m || t.clip !== c.clip || t.W.length !== t.n * t.m) {
    throw new Error(
      `the teacher (n=${t.n}, m=${t.m}, clip=${t.clip}) does not match the config (n=${c.n}, m=${c.m}, clip=${c.clip})`,
    );
  }
  const kind = inputKind(c.inputs);
  if (kind.fromTeacher && c.m >= c.n) {
    throw new Error(`${c.inputs} inputs need a teacher width m below the input dimension n (m=${c.m}, n=${c.n})`);
  }
  return kind.sampler(c, t, rng, SAMPLER_TOOLS);
}
