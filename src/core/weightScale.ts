/**
 * The weight scale presets of docs/science.md section 2 as a standard deviation.
 * Its own module, importing nothing but types, so that the input kinds'
 * descriptors (read by the field table) can use it without a cycle.
 */
import type { WeightScale } from './config';

/** The standard deviation of a scale for fan-in n: xavier sqrt(1/n), he sqrt(2/n), unit 1, or the number itself. */
export function weightStd(scale: WeightScale, n: number): number {
  if (typeof scale === 'number') {
    if (!(Number.isFinite(scale) && scale > 0))
      throw new RangeError(`weight scale must be a positive number, got ${scale}`);
    return scale;
  }
  if (scale === 'unit') return 1;
  if (!(Number.isFinite(n) && n > 0)) throw new RangeError(`fan-in n must be positive, got ${n}`);
  switch (scale) {
    case 'xavier':
      return Math.sqrt(1 / n);
    case 'he':
      return Math.sqrt(2 / n);
  }
}
