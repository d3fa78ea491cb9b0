import type { Batch } from './types';

/** `out` when it can hold `count` samples of dimension n (its count set), else a new batch. */
export function batchFor(n: number, count: number, out?: Batch): Batch {
  const batch =
    out && out.x.length >= count * n && out.y.length >= count
      ? out
      : { count, x: new Float32Array(count * n), y: new Float32Array(count) };
  batch.count = count;
  return batch;
}
