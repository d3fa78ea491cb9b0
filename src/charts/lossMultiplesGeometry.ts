/**
 * The loss chart as small multiples (two compare axes): one loss geometry per
 * cell, all on one step scale and one loss scale, placed by
 * smallMultiplesLayout.ts. Each panel is an ordinary lossGeometry with the
 * shared y top, so it draws exactly like the overlaid chart.
 */
import { fitText } from './labels';
import { lossGeometry, lossValues, lossYMax, type LossGeometry } from './lossGeometry';
import type { LossBand, LossSeries } from './lossSeries';
import { smallMultiplesLayout, type PanelBox, type SmallMultiplesLayout } from './smallMultiplesLayout';
import { chartType } from './theme';

export interface LossCell {
  row: number;
  col: number;
  /** the group's runs (faint: one seed) and its median */
  series: readonly LossSeries[];
  bands?: readonly LossBand[];
}

export interface LossMultiplesInput {
  rowCount: number;
  colCount: number;
  cells: readonly LossCell[];
  totalSteps: number;
  showTrain: boolean;
  trainNormaliser?: Record<string, number>;
  width: number;
  height: number;
  fontScale?: number;
}

export interface LossPanelGeometry {
  box: PanelBox;
  geometry: LossGeometry;
  /** the cell's data, or an empty cell where the experiment has none yet */
  cell: LossCell;
}

export interface LossMultiplesGeometry {
  layout: SmallMultiplesLayout;
  panels: LossPanelGeometry[];
  yMax: number;
  /** the shared y-axis title */
  yTitle: string;
}

/** Panels narrower than this many px (at fontScale 1) wrap; none is drawn shorter than MIN_PLOT_HEIGHT. */
export const MIN_PLOT_WIDTH = 72;
export const MIN_PLOT_HEIGHT = 64;

export function lossMultiplesGeometry(input: LossMultiplesInput): LossMultiplesGeometry {
  const type = chartType(input.fontScale);
  const s = type.small / 12;
  const common = {
    totalSteps: input.totalSteps,
    showTrain: input.showTrain,
    trainNormaliser: input.trainNormaliser,
    fontScale: input.fontScale,
  };
  const yMax = lossYMax(input.cells.flatMap((c) => lossValues(c.series, input.showTrain, input.trainNormaliser)));
  const rows = Math.max(1, input.rowCount);
  const cols = Math.max(1, input.colCount);
  // The margins of one panel's axes, measured on an empty panel of about the final size.
  const probe = (height: number) => lossGeometry({ ...common, series: [], yMax, width: 400, height });
  const first = probe(input.height / rows);
  const margins = (g: LossGeometry) => ({
    left: g.frame.left,
    right: g.frame.right,
    top: g.frame.top,
    bottom: g.frame.bottom,
    yTitleX: g.yAxis.titleX,
    xTitleY: g.xAxis.titleY,
  });
  const layout = smallMultiplesLayout({
    width: input.width,
    height: input.height,
    rows,
    cols,
    margins: margins(first),
    type,
    minPlotWidth: MIN_PLOT_WIDTH * s,
    minPlotHeight: MIN_PLOT_HEIGHT * s,
  });
  const sample = layout.panels[0];
  const f = probe((sample?.height ?? 10) + first.frame.top + first.frame.bottom).frame;
  const byCell = new Map(input.cells.map((c) => [`${c.row}:${c.col}`, c]));
  const panels = layout.panels.map((box): LossPanelGeometry => {
    const cell = byCell.get(`${box.row}:${box.col}`) ?? { row: box.row, col: box.col, series: [] };
    const geometry = lossGeometry({
      ...common,
      series: cell.series,
      bands: cell.bands,
      yMax,
      width: box.width + f.left + f.right,
      height: box.height + f.top + f.bottom,
    });
    return { box, geometry, cell };
  });
  const last = layout.panels[layout.panels.length - 1];
  const plotsHeight = last ? last.y + last.height - (sample?.y ?? 0) : 0;
  return { layout, panels, yMax, yTitle: fitText(['normalised test loss', 'test NMSE'], type.label, plotsHeight) };
}
