/**
 * Everything the loss chart draws, computed without a DOM: scales, ticks,
 * decimated paths, markers for values off the top, and the placement of the
 * reference-line labels. LossChart.tsx only turns this into elements.
 */
import { ascending, line, quantile, scaleLinear, scaleLog, type ScaleLinear, type ScaleLogarithmic } from 'd3';
import { bottomAxisLayout, sideAxisLayout, type BottomAxisLayout, type SideAxisLayout } from './axisLayout';
import { decimateLogX } from './decimate';
import { formatStepShort, linearTickFormatter, px } from './format';
import { estimateTextWidth, fitText, placeLabels, thinTicks, type LabelSpot, type TickLabel } from './labels';
import { LEARNED_THRESHOLD, TRIVIAL_LEVEL, trainValue, type LossBand, type LossSeries } from './lossSeries';
import { chartType, frame, type ChartType, type Frame } from './theme';

/** The y-axis always reaches at least this high, so the trivial level 1.0 has room above it. */
export const Y_TOP_MIN = 1.2;
/** ... and never higher than this: a diverging run must not squash the curves that matter. */
export const Y_CAP = 3;

export interface LossChartInput {
  series: readonly LossSeries[];
  totalSteps: number;
  showTrain: boolean;
  trainNormaliser?: Record<string, number>;
  width: number;
  height: number;
  fontScale?: number;
  /** min-max bands over seeds, drawn under the curves */
  bands?: readonly LossBand[];
  /** the top of the y-axis, when several charts share one scale (small multiples); else from the values */
  yMax?: number;
}

/**
 * Top of the y-axis: the 98th percentile of the values (robust to a short
 * spike at initialisation), at least Y_TOP_MIN, at most Y_CAP, rounded up to a
 * multiple of 0.2 so that a tick sits on the top edge.
 */
export function lossYMax(values: readonly number[]): number {
  const finite = values.filter((v) => Number.isFinite(v)).sort(ascending);
  const q = finite.length ? (quantile(finite, 0.98) ?? 0) : 0;
  const top = Math.min(Y_CAP, Math.max(Y_TOP_MIN, q * 1.05));
  return Math.ceil(top * 5 - 1e-9) / 5;
}

/** Every value the chart would draw (test NMSE, and train NMSE when shown): what the y-axis must hold. */
export function lossValues(
  series: readonly LossSeries[],
  showTrain: boolean,
  trainNormaliser?: Record<string, number>,
): number[] {
  const values: number[] = [];
  for (const s of series) {
    for (const p of s.points) {
      values.push(p.testNmse);
      if (showTrain) {
        const t = trainValue(s, p, trainNormaliser);
        if (t !== null) values.push(t);
      }
    }
  }
  return values;
}

/**
 * The step axis: log-scaled over [1, totalSteps]. Step 0 (the evaluation before
 * any training) has no logarithm; it is clamped to step 1 and so drawn at the
 * left edge, which reads as "the start". A symlog scale would instead spend
 * a visible stretch of axis on the meaningless interval between 0 and 1.
 * The domain spans at least one decade, so a tiny run still has a usable axis.
 */
export function stepScale(totalSteps: number, innerWidth: number): ScaleLogarithmic<number, number> {
  return scaleLog()
    .domain([1, Math.max(10, totalSteps)])
    .range([0, innerWidth])
    .clamp(true);
}

/** Pixel x of a step, with step 0 at the left edge (see stepScale). */
export function stepX(x: ScaleLogarithmic<number, number>, step: number): number {
  return x(Math.max(1, step));
}

/** Decades 1, 10, 100, 1k, ...; with 1-2-5 subdivisions when the axis spans fewer than 3 decades. */
export function stepTickValues(maxStep: number): number[] {
  const mantissas = Math.log10(maxStep) >= 3 ? [1] : [1, 2, 5];
  const out: number[] = [];
  for (let p = 1; p <= maxStep; p *= 10) for (const m of mantissas) if (m * p <= maxStep) out.push(m * p);
  return out;
}

export interface SeriesGeometry {
  id: string;
  label: string;
  color: string;
  /** SVG path of the test NMSE, '' when there are no points */
  test: string;
  /** SVG path of the train NMSE (dashed), null when not shown */
  train: string | null;
  /** x positions where the curve leaves the top of the axis (or stops being a number) */
  offScale: number[];
  /** a recorded run, drawn lighter and dashed under the live ones */
  recorded: boolean;
  faint: boolean;
}

export interface BandGeometry {
  id: string;
  color: string;
  /** closed area between min and max, clamped to the axis */
  path: string;
  recorded: boolean;
}

export interface ReferenceLine {
  value: number;
  y: number;
  label: string;
  /** null when the chart is too small for the label to fit without overlap */
  labelSpot: LabelSpot | null;
  kind: 'trivial' | 'learned';
}

export interface LossGeometry {
  frame: Frame;
  type: ChartType;
  x: ScaleLogarithmic<number, number>;
  y: ScaleLinear<number, number>;
  yMax: number;
  xTicks: TickLabel[];
  yTicks: TickLabel[];
  xAxis: BottomAxisLayout;
  yAxis: SideAxisLayout;
  references: ReferenceLine[];
  lines: SeriesGeometry[];
  bands: BandGeometry[];
  /** the y-axis title, shortened when the plot is too short for the full one */
  yTitle: string;
  /** half-width of the off-scale marker triangles */
  markerSize: number;
}

const REFERENCE_TEXT = {
  trivial: ['predicting the mean (NMSE = 1)', 'mean (NMSE = 1)', 'NMSE = 1'],
  learned: ['learned (NMSE < 0.1)', 'learned', '0.1'],
} as const;

type XY = [number, number];

export function lossGeometry(input: LossChartInput): LossGeometry {
  const { series, showTrain, trainNormaliser } = input;
  const type = chartType(input.fontScale);
  const markerSize = type.small * 0.4;
  const xAxis = bottomAxisLayout(type, true);
  const maxStep = Math.max(10, input.totalSteps);
  const xTickValues = stepTickValues(maxStep);
  const lastTickLabel = formatStepShort(xTickValues[xTickValues.length - 1] ?? maxStep);

  // vertical layout first: the y ticks depend on the plot height, the left margin on the y tick labels
  const top = Math.max(type.small * 0.6, markerSize * 2 + 2);
  const bottom = xAxis.height;
  const innerHeight = Math.max(10, input.height - top - bottom);

  const yMax =
    input.yMax !== undefined && Number.isFinite(input.yMax) && input.yMax > 0
      ? input.yMax
      : lossYMax(lossValues(series, showTrain, trainNormaliser));
  const y = scaleLinear().domain([0, yMax]).range([innerHeight, 0]);
  const yTickCount = Math.max(2, Math.min(8, Math.floor(innerHeight / (type.small * 2.5))));
  const yTickValues = y.ticks(yTickCount);
  const yFormat = linearTickFormatter(yTickValues);
  const yLabels = yTickValues.map((v) => yFormat(v));
  const yAxis = sideAxisLayout(yLabels, type, true);

  const f = frame(input.width, input.height, {
    left: yAxis.width,
    top,
    // the last x tick label is centred on the right edge: half of it hangs over
    right: Math.max(type.gap * 2, estimateTextWidth(lastTickLabel, type.small) / 2 + 2),
    bottom,
  });
  const x = stepScale(input.totalSteps, f.innerWidth);

  const xTicks = thinTicks(
    xTickValues.map((v) => ({ value: v, pos: x(v), label: formatStepShort(v) })),
    (t) => estimateTextWidth(t.label, type.small),
    type.small,
  );
  const yTicks = thinTicks(
    yTickValues.map((v, i) => ({ value: v, pos: y(v), label: yLabels[i]! })),
    () => type.small,
    type.small * 0.4,
  );

  // Values above the axis, and values that are not numbers, leave a gap in the line and a marker on the
  // top edge where the excursion starts: a line along the edge would read as a plateau at the cap. A curve
  // that crosses the edge between two finite points is drawn to the edge, so that it visibly comes down
  // from above (a Gaussian run's first steps) or goes off the top, instead of starting or ending mid-air.
  const onScale = (v: number): boolean => Number.isFinite(v) && v <= yMax;
  const throughTopEdge = (pts: readonly { step: number; v: number }[]): [number, number, boolean][] => {
    const out: [number, number, boolean][] = [];
    pts.forEach((p, i) => {
      const xp = px(stepX(x, p.step));
      const prev = pts[i - 1];
      if (prev && Number.isFinite(prev.v) && Number.isFinite(p.v) && onScale(prev.v) !== onScale(p.v)) {
        // where the straight segment between the two points (in screen x, value y) meets y = yMax
        const x0 = px(stepX(x, prev.step));
        const t = (yMax - prev.v) / (p.v - prev.v);
        out.push([px(x0 + t * (xp - x0)), 0, true]);
      }
      out.push([xp, yPx(p.v), onScale(p.v)]);
    });
    return out;
  };
  const gappedPath = line<[number, number, boolean]>()
    .defined((d) => d[2])
    .x((d) => d[0])
    .y((d) => d[1]);
  const yPx = (v: number): number => px(onScale(v) ? y(Math.max(0, v)) : 0);
  const path = line<XY>()
    .x((d) => d[0])
    .y((d) => d[1]);

  const dom: [number, number] = [1, maxStep];
  const lines = series.map((s): SeriesGeometry => {
    const test = decimateLogX(s.points, f.innerWidth, (p) => p.testNmse, dom);
    const offScale: number[] = [];
    let previousOff = false;
    for (const p of test) {
      const off = !onScale(p.testNmse);
      const xp = px(stepX(x, p.step));
      // one marker where each excursion starts; markers closer than their own width would merge anyway
      const last = offScale[offScale.length - 1];
      if (off && !previousOff && (last === undefined || xp - last > markerSize * 2.5)) offScale.push(xp);
      previousOff = off;
    }
    let train: string | null = null;
    if (showTrain) {
      const withTrain = s.points
        .map((p) => ({ step: p.step, v: trainValue(s, p, trainNormaliser) }))
        .filter((p): p is { step: number; v: number } => p.v !== null);
      const kept = decimateLogX(withTrain, f.innerWidth, (p) => p.v, dom);
      train = kept.length ? (path(kept.map((p) => [px(stepX(x, p.step)), yPx(p.v)])) ?? '') : null;
    }
    return {
      id: s.id,
      label: s.label,
      color: s.color,
      test: gappedPath(throughTopEdge(test.map((p) => ({ step: p.step, v: p.testNmse })))) ?? '',
      train,
      offScale,
      recorded: s.recorded === true,
      faint: s.faint ?? false,
    };
  });

  const bands = (input.bands ?? []).map((b): BandGeometry => {
    const kept = b.points.filter((p) => Number.isFinite(p.min) && Number.isFinite(p.max));
    const clampY = (v: number): number => px(y(Math.min(yMax, Math.max(0, v))));
    const upper = kept.map((p) => `${px(stepX(x, p.step))},${clampY(p.max)}`);
    const lower = kept.map((p) => `${px(stepX(x, p.step))},${clampY(p.min)}`).reverse();
    return {
      id: b.id,
      color: b.color,
      path: kept.length > 1 ? `M${upper.join('L')}L${lower.join('L')}Z` : '',
      recorded: b.recorded === true,
    };
  });

  const room = f.innerWidth - type.gap * 2;
  const refs = [
    { value: TRIVIAL_LEVEL, kind: 'trivial' as const },
    { value: LEARNED_THRESHOLD, kind: 'learned' as const },
  ].map((r) => ({ ...r, y: px(y(r.value)), label: fitText(REFERENCE_TEXT[r.kind], type.small, room) }));
  const spots = placeLabels(
    refs.map((r) => {
      const above = r.y - type.gap;
      const below = r.y + type.gap + type.small * 0.8;
      const right = f.innerWidth - type.gap;
      const left = type.gap;
      // the right end first: by then the curves have left the plateau at 1 or flattened out
      return {
        text: r.label,
        fontSize: type.small,
        candidates: [
          { x: right, y: above, anchor: 'end' as const },
          { x: left, y: above, anchor: 'start' as const },
          { x: right, y: below, anchor: 'end' as const },
          { x: left, y: below, anchor: 'start' as const },
        ].map((c) => ({ ...c, x: px(c.x), y: px(c.y) })),
      };
    }),
    { left: 0, top: 0, right: f.innerWidth, bottom: f.innerHeight },
  );
  const references = refs.map((r, i): ReferenceLine => ({ ...r, labelSpot: spots[i] ?? null }));

  const yTitle = fitText(['normalised test loss', 'test NMSE'], type.label, f.innerHeight);
  return { frame: f, type, x, y, yMax, xTicks, yTicks, xAxis, yAxis, references, lines, bands, yTitle, markerSize };
}
