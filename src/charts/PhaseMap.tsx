/**
 * The phase diagram of a two-axis experiment: one cell per run, coloured by its
 * final (or best) normalised loss on a colour-blind-safe scale, with the number
 * written in the cell so the colour never has to be decoded alone. Geometry in
 * phaseMapGeometry.ts.
 */
import { useMemo } from 'react';
import { AxisBottom, AxisSide } from './Axis';
import { ChartSvg } from './ChartSvg';
import { px } from './format';
import { INK } from './palette';
import { phaseMapGeometry, phaseMapLabel, type PhaseMapInput } from './phaseMapGeometry';

export type PhaseMapProps = PhaseMapInput & {
  /** A click on a cell: its column and row (the page focuses that group). */
  onSelect?: (xi: number, yi: number) => void;
};

export function PhaseMap({
  xLabel,
  yLabel,
  xValues,
  yValues,
  cells,
  width,
  height,
  fontScale,
  valueLabel,
  onSelect,
}: PhaseMapProps) {
  const g = useMemo(
    () => phaseMapGeometry({ xLabel, yLabel, xValues, yValues, cells, width, height, fontScale, valueLabel }),
    [xLabel, yLabel, xValues, yValues, cells, width, height, fontScale, valueLabel],
  );
  const label = phaseMapLabel({ xLabel, yLabel, xValues, yValues, cells, width, height, valueLabel });
  const { frame: f, type } = g;
  const k = g.keySize;
  return (
    <ChartSvg label={label} width={f.width} height={f.height} className="phase-map">
      <g className="key">
        {g.key.map((item) => {
          const top = item.y - type.small * 0.8;
          return (
            <g key={item.kind}>
              <rect
                x={item.x}
                y={px(top)}
                width={px(k)}
                height={px(k)}
                fill={item.kind === 'diverged' ? INK.diverged : item.kind === 'pending' ? INK.empty : '#ffffff'}
                stroke={INK.axis}
              />
              {item.kind === 'budget' && (
                <path
                  d={`M${px(item.x + k * 0.45)},${px(top)}L${px(item.x + k)},${px(top)}L${px(item.x + k)},${px(top + k * 0.55)}Z`}
                  fill={INK.text}
                />
              )}
              {item.kind !== 'budget' && (
                <text
                  x={px(item.x + k / 2)}
                  y={px(top + k * 0.78)}
                  textAnchor="middle"
                  fontSize={px(type.small)}
                  fill={INK.text}
                >
                  {item.kind === 'diverged' ? '×' : '…'}
                </text>
              )}
              <text x={px(item.x + k + type.gap)} y={item.y} fontSize={px(type.small)} fill={INK.text}>
                {item.text}
              </text>
            </g>
          );
        })}
      </g>
      <g transform={`translate(${px(f.left)},${px(f.top)})`}>
        <g className="cells">
          {g.cells.map((c) => (
            <g
              key={c.key}
              className={`cell cell-${c.kind}`}
              style={onSelect ? { cursor: 'pointer' } : undefined}
              // the key is "column:row" (phaseMapGeometry.ts)
              onClick={onSelect ? () => onSelect(...(c.key.split(':').map(Number) as [number, number])) : undefined}
            >
              <rect x={c.x} y={c.y} width={c.width} height={c.height} fill={c.fill}>
                <title>{c.title}</title>
              </rect>
              {c.recorded && (
                <rect
                  className="recorded"
                  x={px(c.x + 2)}
                  y={px(c.y + 2)}
                  width={px(Math.max(0, c.width - 4))}
                  height={px(Math.max(0, c.height - 4))}
                  fill="none"
                  stroke={c.textColor}
                  strokeOpacity={0.7}
                  strokeDasharray="4 3"
                  pointerEvents="none"
                />
              )}
              {c.text && (
                <text
                  x={px(c.x + c.width / 2)}
                  y={px(c.y + c.height / 2)}
                  dy="0.35em"
                  textAnchor="middle"
                  fontSize={px(type.small)}
                  fill={c.textColor}
                  pointerEvents="none"
                >
                  {c.text}
                </text>
              )}
              {c.budgetMarker && <path d={c.budgetMarker} fill={c.textColor} pointerEvents="none" />}
            </g>
          ))}
        </g>
        <AxisSide
          ticks={g.yTicks}
          length={f.innerHeight}
          type={type}
          title={yLabel}
          layout={g.yAxis}
          side="left"
          left={0}
        />
        <AxisBottom
          ticks={g.xTicks}
          length={f.innerWidth}
          type={type}
          title={xLabel}
          layout={g.xAxis}
          top={f.innerHeight}
        />
        <g className="colour-bar">
          {g.legend.strips.map((s, i) => (
            <rect key={i} x={g.legend.x} y={s.y} width={g.legend.width} height={s.height} fill={s.fill} />
          ))}
          <AxisSide
            ticks={g.legend.ticks}
            length={f.innerHeight}
            type={type}
            title={g.legend.title}
            layout={g.legend.axis}
            side="right"
            left={px(g.legend.x + g.legend.width)}
          />
        </g>
      </g>
    </ChartSvg>
  );
}
