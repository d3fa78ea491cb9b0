import type { InputKind } from '../config';
import type { Rng } from '../rng';
import type { Construction } from './construction';

/** What a teacher unit does in a construction: carries the parity, never fires, or encodes a clause. */
export type UnitRoleName = 'pattern' | 'dead' | 'clause';

export interface UnitRole {
  role: UnitRoleName;
  /** Teacher units (columns of W) with this role, increasing. */
  units: number[];
}

/** `count` samples: x row-major (count x n) as the student sees it, y the labels. */
export interface Batch {
  count: number;
  x: Float32Array;
  y: Float32Array;
}

/**
 * An input distribution bound to one teacher. It is built once from the
 * config, the teacher and the data stream (the construction), then draws
 * samples from whatever stream it is handed, so that the training samples,
 * the test set and the calibration sample never share a stream.
 */
export interface InputSampler {
  readonly kind: InputKind;
  /** Dimension of x. */
  readonly n: number;
  /** Labels are 0/1 (accuracy is meaningful). */
  readonly binaryLabels: boolean;
  /** Fresh samples; `out`, when given and large enough, is reused. */
  sample(rng: Rng, count: number, out?: Batch): Batch;
  /**
   * The teacher's hidden pre-activations <w_i, x> (count x m, row-major) on
   * fresh raw (unstandardised) inputs, for the pre-activation histogram.
   */
  teacherPreactivations(rng: Rng, count: number): Float64Array;
  /**
   * Present when the labels are a fixed function of x that the training
   * engine may compute on the device instead of the host:
   * y = [clip01]( sum_i relu(<x, V_i>) ) with V (n x m, row-major) acting on x
   * as the student sees it. `sampleInputs` then draws x alone, consuming the
   * stream exactly as `sample` does, so both paths see the same inputs.
   */
  readonly deviceLabels?: { V: Float32Array; m: number; clip: boolean };
  sampleInputs?(rng: Rng, count: number, x: Float32Array): void;
  /**
   * Present when x is linear in a small code the engine may upload instead
   * (the constructions: x = [z, 1] T with T (width x n, row-major, float32)):
   * `sampleBits` writes the codes [z, 1] (count x width) and the labels,
   * consuming the stream exactly as `sample` does. x then differs from
   * sample()'s by float32 rounding only (a float32 product, not a float64 sum).
   */
  readonly deviceInputs?: { T: Float32Array; width: number };
  sampleBits?(rng: Rng, count: number, codes: Float32Array, y: Float32Array): void;

  // What the views, the snapshots and the twin may ask. They ask these, never the sampler's class.

  /**
   * Present when every input is built from hidden bits z by the construction
   * of docs/science.md 2.2 (x = A [z; 1], standardised): bit influence, the
   * projections on the bits' directions and the twin's exported map read it.
   */
  readonly construction?: Construction;
  /** The secret bits S of the labels' parity (parity, random labels: their inputs), increasing. */
  readonly secret?: readonly number[];
  /** The teacher's units by their role in the construction. */
  readonly unitRoles?: readonly UnitRole[];
  /**
   * The teacher's output N_W(x(z)) computed from the hidden bits alone, when
   * the labels are that output (parity, ksat); absent or null when the labels
   * are not a function of the inputs (random labels).
   */
  teacherOfBits?(): ((z: Uint8Array, count: number, y: Float64Array) => void) | null;
}
