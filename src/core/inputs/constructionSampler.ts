/**
 * What the samplers over a construction share (parity, ksat, random labels):
 * drawing the hidden bits, forming the inputs the student sees, and the
 * codes the engine may upload instead. Each kind adds its labels.
 *
 * It imports the Construction as a type only: the construction itself (and
 * the matrix library behind it) is built by core/inputs/build.ts, which only
 * the workers and the CLI load, so the page's main bundle, which reads the
 * input kinds' descriptors, stays without it.
 */
import type { InputKind } from '../config';
import type { Rng } from '../rng';
import { batchPreactivations, type Teacher } from '../teacher';
import type { Construction } from './construction';
import { batchFor } from './batch';
import type { Batch, InputSampler } from './types';

/** Raw samples of a construction: the hidden bits, x = A [z; 1] and the labels. */
export interface RawSamples {
  count: number;
  /** count x d hidden bits. */
  z: Uint8Array;
  /** count x n raw (unstandardised) inputs. */
  x: Float64Array;
  y: Float64Array;
}

/**
 * A sampler over a construction. Every draw takes all count x d bits from the
 * stream first, then (random labels only) the labels, so the same stream gives
 * the same inputs for every kind that shares the construction.
 */
export abstract class ConstructionSampler implements InputSampler {
  abstract readonly kind: InputKind;
  abstract readonly binaryLabels: boolean;
  readonly n: number;
  readonly teacher: Teacher;
  /** InputSampler.construction: every input is built from hidden bits. */
  readonly construction: Construction;

  /** x = [z, 1] T on the device (InputSampler.deviceInputs). */
  readonly deviceInputs: { T: Float32Array; width: number };

  protected constructor(teacher: Teacher, construction: Construction) {
    this.teacher = teacher;
    this.construction = construction;
    this.n = teacher.n;
    this.deviceInputs = { T: construction.standardisedMapT(), width: construction.d + 1 };
  }

  /** Labels of count samples with bits z into y; may draw from rng (after the bits). */
  protected abstract labels(z: Uint8Array, count: number, rng: Rng, y: Float32Array | Float64Array): void;

  sample(rng: Rng, count: number, out?: Batch): Batch {
    const n = this.n;
    const batch = batchFor(n, count, out);
    const z = this.construction.drawBits(rng, count);
    this.construction.standardisedInto(z, count, batch.x);
    this.labels(z, count, rng, batch.y);
    return batch;
  }

  /** The draw of sample() as codes [z, 1] (count x (d+1)) and labels, for x = [z, 1] T on the device. */
  sampleBits(rng: Rng, count: number, codes: Float32Array, y: Float32Array): void {
    const d = this.construction.d;
    const w = d + 1;
    const z = this.construction.drawBits(rng, count);
    for (let s = 0; s < count; s++) {
      const zo = s * d;
      const co = s * w;
      for (let j = 0; j < d; j++) codes[co + j] = z[zo + j]!;
      codes[co + d] = 1;
    }
    this.labels(z, count, rng, y);
  }

  /**
   * The same draw as sample() (same stream use), before standardisation and
   * in double precision, with the hidden bits: for tests and diagnostics.
   */
  sampleRaw(rng: Rng, count: number): RawSamples {
    const z = this.construction.drawBits(rng, count).slice(0, count * this.construction.d);
    const x = this.construction.rawInputs(z, count);
    const y = new Float64Array(count);
    this.labels(z, count, rng, y);
    return { count, z, x, y };
  }

  /** InputSampler.teacherOfBits: null unless a kind's labels are N_W(x(z)). */
  teacherOfBits(): ((z: Uint8Array, count: number, y: Float64Array) => void) | null {
    return null;
  }

  teacherPreactivations(rng: Rng, count: number): Float64Array {
    const z = this.construction.drawBits(rng, count);
    return batchPreactivations(this.teacher, this.construction.rawInputs(z, count), count);
  }
}
