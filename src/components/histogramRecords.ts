import type { HistogramRecord } from '../core/result';
import type { HistogramData } from '../worker/protocol';

/** A stored histogram (a result's, or a snapshot's) in the form the charts draw. */
export function recordToHistogramData(r: HistogramRecord): HistogramData {
  const bins = r.counts.length;
  const edges = Float64Array.from({ length: bins + 1 }, (_, b) => r.lo + ((r.hi - r.lo) * b) / bins);
  return { edges, counts: Float64Array.from(r.counts), total: r.total, below: r.below, above: r.above };
}
