/**
 * "Where learning fails" in one glance: steps until the normalised loss drops
 * below 0.1, against one numeric compare axis. Shapes, not only colours, tell
 * the statuses apart: filled dot learned, open triangle on the dashed budget
 * line ran out of budget (the answer is "more than this"), hollow grey circle
 * still running, cross diverged. Geometry in wallGeometry.ts.
 */
import { useMemo, type ReactNode } from 'react';
import { PlotAxes } from './Axis';
import { ChartSvg, HaloText } from './ChartSvg';
import { px } from './format';
import { RECORDED_STYLE } from './lossSeries';
import { INK } from './palette';
import { wallChartLabel, wallGeometry, type WallInput, type WallStatus } from './wallGeometry';

export type WallChartProps = WallInput & {
  /** A click on a run's mark or a median: the axis value it stands at (the page focuses that group). */
  onSelect?: (value: number) => void;
};

export function WallMarkerShape({
  status,
  x,
  y,
  r,
  color,
  children,
}: {
  status: WallStatus;
  x: number;
  y: number;
  r: number;
  color: string;
  /** a <title> for the tooltip */
  children?: ReactNode;
}) {
  const t = `translate(${px(x)},${px(y)})`;
  switch (status) {
    case 'learned':
      return (
        <circle transform={t} r={px(r)} fill={color} stroke="#ffffff" strokeWidth={1}>
          {children}
        </circle>
      );
    case 'budget-ran-out':
      return (
        <path
          transform={t}
          d={`M0,${px(-r * 1.3)}L${px(r * 1.15)},${px(r * 0.75)}L${px(-r * 1.15)},${px(r * 0.75)}Z`}
          fill="#ffffff"
          stroke={color}
          strokeWidth={2}
          strokeLinejoin="round"
        >
          {children}
        </path>
      );
    case 'running':
      return (
        <circle transform={t} r={px(r)} fill="#ffffff" stroke={INK.pending} strokeWidth={1.75}>
          {children}
        </circle>
      );
    case 'diverged': {
      const a = px(r * 0.9);
      return (
        <path
          transform={t}
          d={`M${-a},${-a}L${a},${a}M${-a},${a}L${a},${-a}`}
          stroke={color}
          strokeWidth={2.5}
          strokeLinecap="round"
          fill="none"
        >
          {children}
        </path>
      );
    }
  }
}

export function WallChart({ axisLabel, points, medians, logX, width, height, fontScale, onSelect }: WallChartProps) {
  const g = useMemo(
    () => wallGeometry({ axisLabel, points, medians, logX, width, height, fontScale }),
    [axisLabel, points, medians, logX, width, height, fontScale],
  );
  const { frame: f, type } = g;
  return (
    <ChartSvg
      label={wallChartLabel(axisLabel, points, medians)}
      width={f.width}
      height={f.height}
      className="wall-chart"
    >
      <g className="key">
        {g.key.map((k) => (
          <g key={k.status}>
            {k.status === 'median' ? (
              <line
                x1={px(k.x - g.r * 1.2)}
                x2={px(k.x + g.r * 1.2)}
                y1={px(k.y - type.small * 0.32)}
                y2={px(k.y - type.small * 0.32)}
                stroke={INK.text}
                strokeWidth={3}
              />
            ) : (
              <WallMarkerShape status={k.status} x={k.x} y={k.y - type.small * 0.32} r={g.r} color={INK.text} />
            )}
            <text x={px(k.x + g.r * 1.2 + type.gap)} y={k.y} fontSize={px(type.small)} fill={INK.text}>
              {k.text}
            </text>
          </g>
        ))}
      </g>
      <g transform={`translate(${px(f.left)},${px(f.top)})`}>
        <PlotAxes g={g} xTitle={axisLabel} />
        {g.budgets.map((b) => (
          <g key={b.label} className="budget">
            <line
              x1={0}
              x2={px(f.innerWidth)}
              y1={b.y}
              y2={b.y}
              stroke={INK.reference}
              strokeWidth={1.25}
              strokeDasharray="6 4"
            />
            {b.labelSpot && (
              <HaloText
                x={b.labelSpot.x}
                y={b.labelSpot.y}
                textAnchor={b.labelSpot.anchor}
                fontSize={type.small}
                fill={INK.text}
              >
                {b.label}
              </HaloText>
            )}
          </g>
        ))}
        {g.medianBars.length > 0 && (
          <g className="medians">
            {g.medianBars.map((m, i) => (
              <line
                key={i}
                x1={px(m.x - m.half)}
                x2={px(m.x + m.half)}
                y1={m.y}
                y2={m.y}
                stroke={m.color}
                strokeWidth={3.5}
                strokeLinecap="round"
                strokeDasharray={m.learned ? undefined : '4 3'}
                strokeOpacity={m.recorded ? RECORDED_STYLE.opacity : undefined}
              >
                <title>{m.title}</title>
              </line>
            ))}
          </g>
        )}
        <g
          className="runs"
          style={onSelect ? { cursor: 'pointer' } : undefined}
          onClick={
            onSelect
              ? (e) => {
                  const at = (e.target as Element).closest('[data-value]')?.getAttribute('data-value');
                  if (at != null) onSelect(Number(at));
                }
              : undefined
          }
        >
          {g.markers.map((m, i) => {
            const shape = (
              <WallMarkerShape key={i} status={m.status} x={m.x} y={m.y} r={g.r} color={m.color}>
                <title>{m.title}</title>
              </WallMarkerShape>
            );
            return m.recorded ? (
              <g
                key={i}
                className="recorded"
                opacity={RECORDED_STYLE.opacity}
                data-value={onSelect ? m.value : undefined}
              >
                {shape}
              </g>
            ) : onSelect ? (
              <g key={i} data-value={m.value}>
                {shape}
              </g>
            ) : (
              shape
            );
          })}
        </g>
      </g>
    </ChartSvg>
  );
}
