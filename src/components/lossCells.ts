/**
 * Which panel of the loss chart's small multiples each curve goes to: the
 * cell of its values on the two setting axes (rows: the first axis, columns:
 * the second, as in the phase map). Live and recorded curves of one group
 * share a panel.
 */
import type { LossLegendEntry } from '../charts';
import type { LossCell } from '../charts/lossMultiplesGeometry';
import type { Axis } from '../core/config';
import { formatFieldValue } from '../core/fieldKinds';

/** A curve and the axis values of the runs it draws. */
export interface PlacedSeries {
  entry: LossLegendEntry;
  values: Readonly<Record<string, unknown>>;
}

/** The index of a run's value on an axis, -1 when it has none there. */
export function axisIndex(axis: Axis, values: Readonly<Record<string, unknown>>): number {
  const v = values[axis.field];
  if (v === undefined || v === null) return -1;
  const text = formatFieldValue(v as never);
  return axis.values.findIndex((a) => formatFieldValue(a) === text);
}

/** The cells in row-major order, each with its curves in the given order; curves off the grid are left out. */
export function lossCells(rows: Axis, cols: Axis, placed: readonly PlacedSeries[]): LossCell[] {
  const width = cols.values.length;
  const buckets: LossLegendEntry[][] = Array.from({ length: rows.values.length * width }, () => []);
  for (const p of placed) {
    const row = axisIndex(rows, p.values);
    const col = axisIndex(cols, p.values);
    if (row >= 0 && col >= 0) buckets[row * width + col]!.push(p.entry);
  }
  return buckets.map((series, i) => ({ row: Math.floor(i / width), col: i % width, series }));
}
