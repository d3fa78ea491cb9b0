/**
 * Where the panels of a small-multiples chart go (the loss chart over two
 * compare axes): one panel per cell, rows and columns as in the phase map,
 * a header strip over each column and beside each row naming its value, and
 * one shared pair of axes, so tick labels are drawn only on the outer panels.
 * When the columns would be too narrow to read (a phone with many values),
 * the panels wrap into fewer columns and each carries its own title instead.
 * Pure arithmetic, no DOM: tested in tests/unit/smallMultiplesLayout.test.ts.
 */
import type { ChartType } from './theme';

export interface PanelMargins {
  /** room left of a plot for the y tick labels and the y title */
  left: number;
  /** room right of the last plot for the last x tick label's overhang */
  right: number;
  /** room above a plot for the off-scale markers */
  top: number;
  /** room below the lowest plots for the x tick labels and the x title */
  bottom: number;
  /** distance of the y title's baseline from the plot's left edge */
  yTitleX: number;
  /** distance of the x title's baseline below the plot */
  xTitleY: number;
}

export interface SmallMultiplesInput {
  /** the whole chart's width */
  width: number;
  /** the height to aim for; panels never get shorter than minPlotHeight */
  height: number;
  rows: number;
  cols: number;
  margins: PanelMargins;
  type: ChartType;
  /** narrower plots than this wrap the grid */
  minPlotWidth: number;
  minPlotHeight: number;
}

export interface PanelBox {
  /** the cell this panel draws: its row and column in the grid of values */
  row: number;
  col: number;
  /** the plot area, in chart coordinates */
  x: number;
  y: number;
  width: number;
  height: number;
  /** only the panels with nothing below them label the step axis, only the first column the loss axis */
  xTicks: boolean;
  yTicks: boolean;
  /** in the wrapped layout, the panel's own title above it (centre x, baseline y); else null */
  title: { x: number; y: number } | null;
}

export interface HeaderBox {
  /** column or row index */
  index: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface SmallMultiplesLayout {
  width: number;
  height: number;
  /** the panels did not fit as a grid and flow in `perRow` columns */
  wrapped: boolean;
  perRow: number;
  /** row-major: panel (r, c) is at index r * cols + c */
  panels: PanelBox[];
  /** grid only: the strip above each column, and beside each row (on the right) */
  columnHeaders: HeaderBox[];
  rowHeaders: HeaderBox[];
  /** where the shared axis titles go: x title's centre and baseline, y title's centre (rotated) */
  xTitle: { x: number; y: number };
  yTitle: { x: number; y: number };
}

/** Width over height of a panel's plot at most (a laptop's 3 x 3 grid stays under it, a 1920 px screen not). */
export const MAX_ASPECT = 4;

const clampCount = (n: number): number => (Number.isFinite(n) ? Math.max(1, Math.floor(n)) : 1);

export function smallMultiplesLayout(input: SmallMultiplesInput): SmallMultiplesLayout {
  const { margins: m, type } = input;
  const rows = clampCount(input.rows);
  const cols = clampCount(input.cols);
  const width = Number.isFinite(input.width) ? Math.max(1, input.width) : 1;
  const strip = Math.ceil(type.small * 1.9);
  // wide enough that the last step label of one panel and the first of the next do not touch
  const gapX = Math.max(type.gap * 2, m.right * 2);
  const gapY = Math.max(type.gap * 2, m.top);
  const minW = Math.max(10, input.minPlotWidth);
  const minH = Math.max(10, input.minPlotHeight);

  const gridPlotWidth = (width - m.left - m.right - strip - gapX * (cols - 1)) / cols;
  const wrapped = cols > 1 && gridPlotWidth < minW;
  const perRow = wrapped
    ? Math.max(1, Math.min(cols, Math.floor((width - m.left - m.right + gapX) / (minW + gapX))))
    : cols;
  const plotWidth = Math.max(10, wrapped ? (width - m.left - m.right - gapX * (perRow - 1)) / perRow : gridPlotWidth);
  const count = rows * cols;
  const lines = wrapped ? Math.ceil(count / perRow) : rows;
  // In the wrapped layout every line of panels has a title strip over it; in the grid only the top does.
  const titleRoom = wrapped ? strip * lines : strip;
  const fixed = titleRoom + m.top + gapY * (lines - 1) + m.bottom;
  // Wide screens give wide panels: never flatter than MAX_ASPECT, or the curves' slopes could not be read.
  const plotHeight = Math.max(minH, plotWidth / MAX_ASPECT, (input.height - fixed) / lines);
  const pitchY = plotHeight + gapY + (wrapped ? strip : 0);

  const panels: PanelBox[] = [];
  for (let k = 0; k < count; k++) {
    const row = Math.floor(k / cols);
    const col = k % cols;
    const line = wrapped ? Math.floor(k / perRow) : row;
    const place = wrapped ? k % perRow : col;
    const x = m.left + place * (plotWidth + gapX);
    const y = strip + m.top + line * pitchY;
    panels.push({
      row,
      col,
      x,
      y,
      width: plotWidth,
      height: plotHeight,
      xTicks: wrapped ? k + perRow >= count : row === rows - 1,
      yTicks: place === 0,
      title: wrapped ? { x: x + plotWidth / 2, y: y - m.top - strip * 0.3 } : null,
    });
  }
  const plotsRight = m.left + perRow * plotWidth + (perRow - 1) * gapX;
  const plotsBottom = strip + m.top + (lines - 1) * pitchY + plotHeight;
  const columnHeaders: HeaderBox[] = wrapped
    ? []
    : Array.from({ length: cols }, (_, c) => ({
        index: c,
        x: panels[c]!.x,
        y: 0,
        width: plotWidth,
        height: strip - 2,
      }));
  const rowHeaders: HeaderBox[] = wrapped
    ? []
    : Array.from({ length: rows }, (_, r) => ({
        index: r,
        x: plotsRight + m.right,
        y: panels[r * cols]!.y,
        width: strip - 2,
        height: plotHeight,
      }));
  return {
    width,
    height: plotsBottom + m.bottom,
    wrapped,
    perRow,
    panels,
    columnHeaders,
    rowHeaders,
    xTitle: { x: (m.left + plotsRight) / 2, y: plotsBottom + m.xTitleY },
    yTitle: { x: m.left - m.yTitleX, y: (strip + m.top + plotsBottom) / 2 },
  };
}
