/**
 * A run's data on the host: the seeded streams of docs/science.md 2 ("Seeds") and
 * the order in which a fixed training set is visited. Each purpose draws from
 * its own named fork, so the test set never depends on how long a run
 * trained and the batch order never depends on the data.
 */
import type { Batch, InputSampler } from '../core/inputs/types';
import type { TrainRegime } from '../core/config';
import { variance } from '../core/metrics';
import { Rng, type SeedSet } from '../core/rng';

export const trainStream = (seeds: SeedSet): Rng => new Rng(seeds.data).fork('train');
export const trainSetStream = (seeds: SeedSet): Rng => new Rng(seeds.data).fork('trainset');
export const testStream = (seeds: SeedSet): Rng => new Rng(seeds.data).fork('test');
export const orderStream = (seeds: SeedSet): Rng => new Rng(seeds.student).fork('order');

/** Samples in buffers this module owns, whatever the sampler does with its own. */
export function drawOwned(sampler: InputSampler, rng: Rng, count: number): Batch {
  const b = sampler.sample(rng, count);
  return { count, x: b.x.slice(0, count * sampler.n), y: b.y.slice(0, count) };
}

export interface TestSet extends Batch {
  /** Var(y_test) in float64: the denominator of the normalised loss. */
  labelVariance: number;
}

export function drawTestSet(sampler: InputSampler, seeds: SeedSet, count: number): TestSet {
  const b = drawOwned(sampler, testStream(seeds), count);
  return { ...b, labelVariance: variance(b.y) };
}

export function drawTrainingSet(sampler: InputSampler, seeds: SeedSet, count: number): Batch {
  return drawOwned(sampler, trainSetStream(seeds), count);
}

/** Samples per step: a training set smaller than a batch is used whole every step. */
export function stepBatchSize(bs: number, train: TrainRegime): number {
  return train === 'online' ? bs : Math.min(bs, train);
}

/**
 * Draws fresh samples into a caller-owned slot (a view into a larger upload
 * buffer), copying only when the sampler hands back a buffer of its own.
 */
export function sampleInto(sampler: InputSampler, rng: Rng, slot: Batch): void {
  const b = sampler.sample(rng, slot.count, slot);
  if (b.x !== slot.x) slot.x.set(b.x.subarray(0, slot.x.length));
  if (b.y !== slot.y) slot.y.set(b.y.subarray(0, slot.y.length));
}

/**
 * Batch indices into a fixed training set: epochs of a fresh shuffle, read in
 * consecutive slices; a batch that crosses an epoch's end continues in the
 * next epoch's shuffle, so every sample is seen once per epoch.
 */
export class EpochOrder {
  private readonly perm: Int32Array;
  private pos: number;

  constructor(
    private readonly size: number,
    private readonly rng: Rng,
  ) {
    this.perm = Int32Array.from({ length: size }, (_, i) => i);
    this.pos = size;
  }

  /** Writes `count` indices, each plus `offset`, into out[at..at+count). */
  fill(out: Int32Array, at: number, count: number, offset = 0): void {
    for (let i = 0; i < count; i++) {
      if (this.pos === this.size) this.shuffle();
      out[at + i] = this.perm[this.pos++]! + offset;
    }
  }

  private shuffle(): void {
    const p = this.perm;
    for (let i = this.size - 1; i > 0; i--) {
      const j = this.rng.int(i + 1);
      const t = p[i]!;
      p[i] = p[j]!;
      p[j] = t;
    }
    this.pos = 0;
  }
}
