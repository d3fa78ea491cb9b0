/**
 * The student's weights as results store them (result.ts StudentRecord):
 * fixed-bin histograms of all first-layer weights and, for the construction
 * inputs, of their projections on the secret bits' input directions and on
 * every other bit's (projections.ts). The CLI and the worker build them
 * here, so a browser export and the CLI's JSON hold the same numbers.
 */
import { histogram } from './metrics';
import { secretProjections } from './projections';
import type { HistogramRecord, StudentRecord } from './result';

/** Bins of every student histogram. */
export const STUDENT_BINS = 60;

export function histogramRecord(
  values: ArrayLike<number>,
  lo: number,
  hi: number,
  bins = STUDENT_BINS,
): HistogramRecord {
  const h = histogram(values, lo, hi, bins);
  return { lo, hi, counts: Array.from(h.counts), below: h.below, above: h.above, total: h.total };
}

/** What the projections need: the unit input directions of the bits (d x n) and the secret bits. */
export interface ProjectionSetup {
  units: Float64Array;
  d: number;
  secret: readonly number[];
}

/**
 * The record of a first layer W1 (n x h, row-major), all in bins over
 * `range`: the projections on unit vectors have the weights' own spread at
 * initialisation (an isotropic draw looks the same along any direction), so
 * one range serves both and the two pictures compare directly.
 */
export function studentRecord(
  W1: ArrayLike<number>,
  n: number,
  h: number,
  range: readonly [number, number],
  projections: ProjectionSetup | null,
): StudentRecord {
  const [lo, hi] = range;
  const record: StudentRecord = { firstLayer: histogramRecord(W1, lo, hi) };
  if (projections && projections.secret.length > 0) {
    const p = secretProjections(W1, n, h, projections.units, projections.d, projections.secret);
    record.secretProjection = histogramRecord(p.secret, lo, hi);
    record.otherProjection = histogramRecord(p.other, lo, hi);
  }
  return record;
}
