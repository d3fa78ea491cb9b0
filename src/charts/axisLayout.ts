/**
 * Where axis labels and titles go, and how much margin they need, computed from
 * the type sizes and the estimated label widths (no DOM). Distances are in px
 * from the axis line, outward.
 */
import { estimateTextWidth } from './labels';
import type { ChartType } from './theme';

export interface BottomAxisLayout {
  /** top of the tick labels (their text hangs from here) */
  labelY: number;
  /** baseline of the axis title */
  titleY: number;
  /** margin the axis needs below the plot area */
  height: number;
}

export function bottomAxisLayout(type: ChartType, hasTitle: boolean): BottomAxisLayout {
  const labelY = type.tickSize + type.gap;
  const labelsBottom = labelY + type.small * 1.05;
  const titleY = labelsBottom + type.gap + type.label * 0.95;
  const height = (hasTitle ? titleY + type.label * 0.3 : labelsBottom) + type.gap;
  return { labelY, titleY, height };
}

export interface SideAxisLayout {
  /** anchor of the tick labels */
  labelX: number;
  /** baseline of the axis title, rotated so its letters' tops point away from the plot */
  titleX: number;
  /** margin the axis needs beside the plot area */
  width: number;
}

export function sideAxisLayout(labels: readonly string[], type: ChartType, hasTitle: boolean): SideAxisLayout {
  const widest = Math.max(0, ...labels.map((l) => estimateTextWidth(l, type.small)));
  const labelX = type.tickSize + type.gap;
  const labelsOuter = labelX + widest;
  // descenders reach about 0.25em towards the plot, capitals rise 0.8em away from it
  const titleX = labelsOuter + type.gap + type.label * 0.25;
  const width = (hasTitle ? titleX + type.label * 0.8 : labelsOuter) + type.gap;
  return { labelX, titleX, width };
}
