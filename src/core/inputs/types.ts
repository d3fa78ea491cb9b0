import type { InputKind } from '../config';
import type { Rng } from '../rng';

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
}
