/** Charts: d3 computes the geometry (the *Geometry.ts modules, testable in Node), React renders it. */
export { OKABE_ITO, runColor, groupColors, phaseColor, contrastingText, type GroupColors } from './palette';
export { useChartWidth, FALLBACK_CHART_WIDTH } from './useChartWidth';
export { decimateLogX } from './decimate';
export { densityCurve } from './density';
export { LossChart, lossChartLabel, type LossChartProps } from './LossChart';
export { LossLegend, type LossLegendEntry, type LossLegendProps } from './LossLegend';
export {
  LEARNED_THRESHOLD,
  RECORDED_STYLE,
  TRIVIAL_LEVEL,
  runBadge,
  seriesName,
  type LossPoint,
  type LossSeries,
  type RunBadge,
  type RunStatus,
} from './lossSeries';
export { lossReadout, nearestStepIndex } from './lossReadout';
export { Histogram, histogramLabel, type HistogramProps } from './Histogram';
export type { PointMass } from './histogramGeometry';
export { WallChart, type WallChartProps } from './WallChart';
export type { WallPoint, WallStatus } from './wallGeometry';
export { PhaseMap, type PhaseMapProps } from './PhaseMap';
export type { PhaseCell } from './phaseMapGeometry';
export type { HistogramOverlay } from './histogramGeometry';
export type { LossBand } from './lossSeries';
export type { WallMedian } from './wallGeometry';
