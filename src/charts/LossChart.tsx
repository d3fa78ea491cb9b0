/**
 * Normalised test loss per run against training steps (docs/architecture.md, "Views").
 * Geometry comes from lossGeometry.ts; this component renders it and owns the
 * hover state. The legend is a separate component (LossLegend).
 */
import { useMemo, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { PlotAxes } from './Axis';
import { ChartSvg, HaloText } from './ChartSvg';
import { formatLoss, formatStepLong, px } from './format';
import { lossGeometry, stepX, type LossChartInput, type ReferenceLine } from './lossGeometry';
import { evaluatedSteps, keyboardStep, lossReadout, nearestStepIndex, readoutBox } from './lossReadout';
import { LossCurves, ReferenceLevel } from './LossCurves';
import { lastPoint, runBadge, seriesName, type LossSeries } from './lossSeries';
import { INK } from './palette';

export interface LossChartProps extends LossChartInput {
  /** the step the read-out shows before any pointer or key moves it (null: hidden) */
  initialHoverStep?: number | null;
}

/** What the chart shows, in a sentence, for its accessible name. */
export function lossChartLabel(series: readonly LossSeries[], showTrain: boolean): string {
  const n = series.length;
  const head = `Normalised test loss against training steps (log scale) for ${n} run${n === 1 ? '' : 's'}`;
  const train = showTrain ? ', train loss dashed' : '';
  const latest = series.map((s) => {
    const last = lastPoint(s);
    return last
      ? `${seriesName(s)} ${formatLoss(last.testNmse)} at step ${formatStepLong(last.step)} (${runBadge(s)})`
      : `${seriesName(s)} (no evaluation yet)`;
  });
  const recorded = series.filter((s) => s.recorded).length;
  const style = recorded ? `, recorded runs dashed and lighter (${recorded} of ${n})` : '';
  return n ? `${head}${train}${style}. Latest: ${latest.join('; ')}.` : `${head}.`;
}

/** Its label, drawn after the curves so its halo keeps it legible where they cross it. */
function ReferenceLabel({ r, fontSize }: { r: ReferenceLine; fontSize: number }) {
  if (!r.labelSpot) return null;
  return (
    <HaloText
      x={r.labelSpot.x}
      y={r.labelSpot.y}
      textAnchor={r.labelSpot.anchor}
      fontSize={fontSize}
      fill={r.kind === 'trivial' ? INK.text : INK.axis}
    >
      {r.label}
    </HaloText>
  );
}

export function LossChart({
  series,
  totalSteps,
  showTrain,
  trainNormaliser,
  width,
  height,
  fontScale,
  initialHoverStep = null,
  bands,
}: LossChartProps) {
  const g = useMemo(
    () => lossGeometry({ series, totalSteps, showTrain, trainNormaliser, width, height, fontScale, bands }),
    [series, totalSteps, showTrain, trainNormaliser, width, height, fontScale, bands],
  );
  const steps = useMemo(() => evaluatedSteps(series), [series]);
  const [hoverStep, setHoverStep] = useState<number | null>(initialHoverStep);
  const { frame: f, type, x } = g;

  const readout = hoverStep === null ? null : lossReadout(series, hoverStep, trainNormaliser, steps);
  const ruleX = readout ? px(stepX(x, readout.step)) : 0;
  const box = readout ? readoutBox(readout, ruleX, f, type, showTrain) : null;

  const onPointer = (e: PointerEvent<SVGRectElement>): void => {
    // pointer position in plot px; the ratio covers an SVG scaled by CSS
    const rect = e.currentTarget.getBoundingClientRect();
    const local = rect.width > 0 ? ((e.clientX - rect.left) * f.innerWidth) / rect.width : 0;
    const step = x.invert(Math.max(0, Math.min(f.innerWidth, local)));
    const snapped = steps[nearestStepIndex(steps, (s) => s, step)];
    if (snapped !== undefined && snapped !== hoverStep) setHoverStep(snapped);
  };
  const onKeyDown = (e: KeyboardEvent<SVGSVGElement>): void => {
    const next = keyboardStep(steps, hoverStep, e.key);
    if (next === undefined) return;
    e.preventDefault();
    setHoverStep(next);
  };

  return (
    <ChartSvg
      label={lossChartLabel(series, showTrain)}
      width={f.width}
      height={f.height}
      className="loss-chart"
      tabIndex={0}
      onKeyDown={onKeyDown}
      onBlur={() => setHoverStep(null)}
    >
      <g transform={`translate(${px(f.left)},${px(f.top)})`}>
        <PlotAxes g={g} xTitle="training step (log scale)" xGrid />
        {g.references.map((r) => (
          <ReferenceLevel key={r.kind} r={r} width={f.innerWidth} />
        ))}
        <LossCurves g={g} />
        <g className="reference-labels">
          {g.references.map((r) => (
            <ReferenceLabel key={r.kind} r={r} fontSize={type.small} />
          ))}
        </g>
        <rect
          className="pointer-target"
          width={px(f.innerWidth)}
          height={px(f.innerHeight)}
          fill="transparent"
          pointerEvents="all"
          onPointerMove={onPointer}
          onPointerDown={onPointer}
          onPointerLeave={() => setHoverStep(null)}
        />
        {readout && box && (
          <g className="readout" pointerEvents="none">
            <line x1={ruleX} x2={ruleX} y1={0} y2={px(f.innerHeight)} stroke={INK.text} strokeWidth={1} />
            <g transform={`translate(${box.x},${box.y})`}>
              <rect
                width={box.width}
                height={box.height}
                rx={3}
                fill="#ffffff"
                fillOpacity={0.94}
                stroke={INK.axis}
                strokeWidth={1}
              />
              {box.lines.map((l, i) => (
                <g key={i} fontSize={px(type.small)} fill={INK.text} fontWeight={l.header ? 600 : 400}>
                  {l.color && (
                    <line
                      x1={box.swatchX}
                      x2={px(box.swatchX + box.swatchWidth)}
                      y1={px(l.y - type.small * 0.32)}
                      y2={px(l.y - type.small * 0.32)}
                      stroke={l.color}
                      strokeWidth={px(type.line * 1.5)}
                    />
                  )}
                  <text x={l.color ? box.textX : box.swatchX} y={l.y}>
                    {l.text}
                  </text>
                  {l.values.map((v, c) => (
                    <text
                      key={c}
                      x={box.valueRight[c]}
                      y={l.y}
                      textAnchor="end"
                      fontWeight={l.header ? 400 : undefined}
                      fill={l.header ? INK.axis : undefined}
                    >
                      {v}
                    </text>
                  ))}
                </g>
              ))}
            </g>
          </g>
        )}
      </g>
    </ChartSvg>
  );
}
