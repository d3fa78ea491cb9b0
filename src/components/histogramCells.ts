/**
 * What the histogram panels share: the small-multiples grid, the colours of
 * the teacher's unit roles, the overlays and their pooling.
 */
import { useChartWidth } from '../charts/useChartWidth';
import type { HistogramOverlay } from '../charts/histogramGeometry';
import type { HistogramRecord } from '../core/result';
import type { HistogramData } from '../worker/protocol';

export const MIN_CELL_PX = 300;
export const GAP_PX = 12;
/** Narrowest cell when a panel asks for more columns than MIN_CELL_PX allows. */
const MIN_FORCED_CELL_PX = 200;
/** A focused panel's charts, as a share of the page's chart height: one run beside a strip of thumbnails. */
export const FOCUSED_HEIGHT = 0.66;
/** Most runs whose construction pictures (projections, pattern weights) are drawn. */
export const MAX_SCIENCE_CELLS = 6;

/** As many histogram columns as fit at MIN_CELL_PX each (larger with the type), and the width each gets. */
export function useSmallMultiples(fontScale = 1, minColumns = 1) {
  const { ref, width } = useChartWidth(320);
  // `minColumns` only where each column keeps room for a readable histogram (not on a phone).
  const fits = Math.max(1, Math.min(minColumns, Math.floor((width + GAP_PX) / (MIN_FORCED_CELL_PX + GAP_PX))));
  const columns = Math.max(fits, Math.floor(width / (MIN_CELL_PX * Math.max(1, fontScale))));
  return { ref, width, columns, cellWidth: Math.floor((width - (columns - 1) * GAP_PX) / columns) };
}

export function sameHistogram(a: HistogramData, b: HistogramData): boolean {
  return (
    a.total === b.total &&
    a.edges.length === b.edges.length &&
    a.edges.every((e, k) => e === b.edges[k]) &&
    a.counts.every((c, k) => c === b.counts[k])
  );
}

export const TEACHER_COLOR = '#555555';
/** Pattern units (the parity's carriers) and dead units, in every picture that tells them apart. */
export const PATTERN_COLOR = '#D55E00';
export const DEAD_COLOR = '#56B4E9';
export const OTHER_PROJECTION_COLOR = '#9a9a9a';

/** Values per bin an overlay's outline should average, at least: fewer make a comb of noise. */
const OVERLAY_VALUES_PER_BIN = 12;

/**
 * A small sample's counts pooled over runs of adjacent bins (each bin of a
 * run gets the run's mean), so its outline shows the shape, not the noise,
 * while staying on the main histogram's bins.
 */
export function pooledCounts(counts: ArrayLike<number>, total: number): number[] {
  const bins = counts.length;
  const width = Math.max(1, Math.min(bins, Math.round((OVERLAY_VALUES_PER_BIN * bins) / Math.max(1, total))));
  const out = new Array<number>(bins).fill(0);
  for (let b0 = 0; b0 < bins; b0 += width) {
    const b1 = Math.min(bins, b0 + width);
    let sum = 0;
    for (let b = b0; b < b1; b++) sum += counts[b] ?? 0;
    for (let b = b0; b < b1; b++) out[b] = sum / (b1 - b0);
  }
  return out;
}

export function overlayOf(
  label: string,
  color: string,
  h: HistogramData | HistogramRecord,
  style: 'fill' | 'outline',
  pool = false,
): HistogramOverlay {
  return { label, color, counts: pool ? pooledCounts(h.counts, h.total) : h.counts, total: h.total, style };
}
