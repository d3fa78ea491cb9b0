/**
 * Axes rendered by React from tick lists computed elsewhere (d3 scales give the
 * positions, labels.ts thins them so labels never overlap). No d3-axis: it
 * would need a selection on a node React owns.
 */
import type { BottomAxisLayout, SideAxisLayout } from './axisLayout';
import { px } from './format';
import type { TickLabel } from './labels';
import { INK } from './palette';
import type { ChartType } from './theme';

interface AxisProps {
  ticks: readonly TickLabel[];
  /** length of the axis line in px */
  length: number;
  type: ChartType;
  title?: string;
  /** grid lines across the plot, this long (0: none) */
  gridLength?: number;
}

export function AxisBottom({
  ticks,
  length,
  type,
  title,
  gridLength = 0,
  layout,
  top,
}: AxisProps & { layout: BottomAxisLayout; top: number }) {
  return (
    <g className="axis axis-bottom" transform={`translate(0,${px(top)})`}>
      {gridLength > 0 &&
        ticks.map((t) => (
          <line key={`g${t.value}`} x1={px(t.pos)} x2={px(t.pos)} y1={0} y2={px(-gridLength)} stroke={INK.grid} />
        ))}
      <line x1={0} x2={px(length)} y1={0} y2={0} stroke={INK.axis} />
      {ticks.map((t) => (
        <g key={t.value} transform={`translate(${px(t.pos)},0)`}>
          <line y2={px(type.tickSize)} stroke={INK.axis} />
          <text y={px(layout.labelY)} dy="0.71em" textAnchor="middle" fontSize={px(type.small)} fill={INK.text}>
            {t.label}
          </text>
        </g>
      ))}
      {title && (
        <text x={px(length / 2)} y={px(layout.titleY)} textAnchor="middle" fontSize={px(type.label)} fill={INK.text}>
          {title}
        </text>
      )}
    </g>
  );
}

/** A vertical axis; `side` says on which side of the plot it sits (ticks and labels point outward). */
export function AxisSide({
  ticks,
  length,
  type,
  title,
  gridLength = 0,
  layout,
  side,
  left,
}: AxisProps & { layout: SideAxisLayout; side: 'left' | 'right'; left: number }) {
  const out = side === 'left' ? -1 : 1;
  return (
    <g className={`axis axis-${side}`} transform={`translate(${px(left)},0)`}>
      {gridLength > 0 &&
        ticks.map((t) => (
          <line key={`g${t.value}`} x1={0} x2={px(-out * gridLength)} y1={px(t.pos)} y2={px(t.pos)} stroke={INK.grid} />
        ))}
      <line x1={0} x2={0} y1={0} y2={px(length)} stroke={INK.axis} />
      {ticks.map((t) => (
        <g key={t.value} transform={`translate(0,${px(t.pos)})`}>
          <line x2={px(out * type.tickSize)} stroke={INK.axis} />
          <text
            x={px(out * layout.labelX)}
            dy="0.32em"
            textAnchor={side === 'left' ? 'end' : 'start'}
            fontSize={px(type.small)}
            fill={INK.text}
          >
            {t.label}
          </text>
        </g>
      ))}
      {title && (
        <text
          transform={`translate(${px(out * layout.titleX)},${px(length / 2)}) rotate(${out * 90})`}
          textAnchor="middle"
          fontSize={px(type.label)}
          fill={INK.text}
        >
          {title}
        </text>
      )}
    </g>
  );
}

/** What a chart with a left value axis and a bottom axis hands to PlotAxes. */
export interface PlotAxesGeometry {
  frame: { innerWidth: number; innerHeight: number };
  type: ChartType;
  xTicks: TickLabel[];
  yTicks: TickLabel[];
  xAxis: BottomAxisLayout;
  yAxis: SideAxisLayout;
  yTitle: string;
}

/** The left value axis with its grid and the bottom axis, as the line charts draw them. */
export function PlotAxes({ g, xTitle, xGrid = false }: { g: PlotAxesGeometry; xTitle: string; xGrid?: boolean }) {
  const f = g.frame;
  return (
    <>
      <AxisSide
        ticks={g.yTicks}
        length={f.innerHeight}
        type={g.type}
        title={g.yTitle}
        layout={g.yAxis}
        side="left"
        left={0}
        gridLength={f.innerWidth}
      />
      <AxisBottom
        ticks={g.xTicks}
        length={f.innerWidth}
        type={g.type}
        title={xTitle}
        layout={g.xAxis}
        top={f.innerHeight}
        gridLength={xGrid ? f.innerHeight : 0}
      />
    </>
  );
}
