/**
 * The descriptor of an input distribution (docs/science.md 2.2). Every kind is one
 * file under core/inputs/ that exports one of these and its sampler, and one
 * line of core/inputs/registry.ts lists it; the permalink's `inputs` values,
 * which fields the controls show, the validation and the views all read the
 * descriptors, and the engine, the views and the twin ask the sampler.
 */
import type { Config, FieldKey } from '../config';
import type { Problems } from '../problem';
import type { Rng } from '../rng';
import type { Teacher } from '../teacher';
import type { Construction } from './construction';
import type { InputSampler } from './types';

/**
 * What the workers hand a kind's sampler factory. The construction's linear
 * algebra comes in from outside so that a kind's file, which the page's main
 * thread reads for its descriptor, does not pull the matrix library into the
 * main bundle (about 18 KiB gzip).
 */
export interface SamplerTools {
  /** Steps 3-6 of the construction for target pre-activations V ((d+1) x m, row-major). */
  construction(t: Teacher, d: number, V: Float64Array, rng: Rng, calibration: Rng): Construction;
}

export interface InputKindSpec<Name extends string = string> {
  /** The value of the permalink's `inputs`. */
  readonly name: Name;
  /** A few words for the controls' help: what role the kind plays in the lecture. */
  readonly summary: string;
  /** What a single run of it is called in a chart title ("random labels", "gaussian inputs"). */
  readonly title: string;
  /** The config fields it reads; the controls show them only when some run uses the kind. */
  readonly fields: readonly FieldKey[];
  /** Built from the teacher's weights (the adversary's side): needs m < n so that W has a null space. */
  readonly fromTeacher: boolean;
  /**
   * What its samplers can show, known before any sampler exists, so the page
   * knows which views apply before a worker has built the runs. A unit test
   * checks it against the sampler's capabilities (InputSampler).
   */
  readonly shows: {
    /** InputSampler.construction: inputs built from hidden bits (bit influence, projections). */
    readonly construction: boolean;
    /** InputSampler.secret: a secret set of bits. */
    readonly secret: boolean;
    /** InputSampler.unitRoles: the teacher's units by role. */
    readonly unitRoles: boolean;
  };
  /** Problems of one run's config that belong to this kind (the field-level checks are done). */
  problems(c: Config): Problems;
  /**
   * The kind's sampler for teacher `t`; `rng` is the run's data stream (a kind
   * forks it by name for its construction and calibration). Assumes a config
   * without problems, but throws a clear Error for one that cannot exist.
   */
  sampler(c: Config, t: Teacher, rng: Rng, tools: SamplerTools): InputSampler;
}
