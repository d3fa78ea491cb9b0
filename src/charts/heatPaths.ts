/**
 * A heatmap's cells as one SVG path per colour level instead of one rect per
 * cell. A live bit-influence heatmap holds snapshots x hidden bits cells per
 * run (24 x 100 x 3 = 7,200 rects in the default experiment), and React
 * diffed and Blink restyled all of them on every redraw: the longest
 * main-thread tasks during training (bench longestMainThreadTaskMs). With
 * the values quantised to HEAT_LEVELS colours there are at most that many
 * elements, whatever the size; neighbouring cells of one level in a row are
 * merged into one rectangle when the columns touch.
 */
import { px } from './format';

/** Colour levels of a heatmap: finer than the eye tells apart on a sequential scale. */
export const HEAT_LEVELS = 64;

/** The level (0 .. HEAT_LEVELS - 1) of a value in [0, top]; non-finite values take level 0. */
export function heatLevel(v: number, top: number): number {
  const t = Number.isFinite(v) ? Math.min(1, Math.max(0, v / top)) : 0;
  return Math.round(t * (HEAT_LEVELS - 1));
}

/** The value a level is drawn as (its centre in [0, top]). */
export function levelValue(level: number, top: number): number {
  return (level / (HEAT_LEVELS - 1)) * top;
}

export interface HeatGrid {
  /** left edge and width of each column */
  columns: readonly { x: number; width: number }[];
  /** top edge and height of each row */
  rows: readonly { y: number; height: number }[];
  /** the level of the cell at (column, row) */
  level: (column: number, row: number) => number;
}

export interface HeatPath {
  level: number;
  /** one closed rectangle per run of equal cells */
  d: string;
}

/** One path per level that occurs, in level order. */
export function heatPaths(grid: HeatGrid): HeatPath[] {
  const parts: string[][] = Array.from({ length: HEAT_LEVELS }, () => []);
  const { columns, rows } = grid;
  // Columns touch when each starts where the one before it ends: runs of a level can then be one rectangle.
  const touching = columns.every((c, i) => i === 0 || Math.abs(columns[i - 1]!.x + columns[i - 1]!.width - c.x) < 0.01);
  rows.forEach((row, r) => {
    let c = 0;
    while (c < columns.length) {
      const level = grid.level(c, r);
      let end = c + 1;
      if (touching) while (end < columns.length && grid.level(end, r) === level) end++;
      const x0 = columns[c]!.x;
      const x1 = columns[end - 1]!.x + columns[end - 1]!.width;
      parts[level]!.push(`M${px(x0)},${px(row.y)}h${px(x1 - x0)}v${px(row.height)}h${px(x0 - x1)}z`);
      c = end;
    }
  });
  return parts.flatMap((p, level) => (p.length ? [{ level, d: p.join('') }] : []));
}
