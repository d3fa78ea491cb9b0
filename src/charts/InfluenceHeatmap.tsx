/**
 * The course of the bit influence over training: one row per hidden bit
 * (the secret bits on top, apart from the rest), one column per weight
 * snapshot, darker for more influence. Under parity k = 2 the two top rows
 * darken as the loss falls; under k = 7 nothing stands out. Pointer moves
 * over a column report its index, so the bars beside can show that
 * snapshot. Geometry in influenceGeometry.ts.
 */
import { useMemo, type KeyboardEvent, type PointerEvent } from 'react';
import { AxisBottom } from './Axis';
import { ChartSvg } from './ChartSvg';
import { px } from './format';
import { influenceHeatmapGeometry, influenceHeatmapLabel, type InfluenceHeatmapInput } from './influenceGeometry';
import { INK } from './palette';

export interface InfluenceHeatmapProps extends InfluenceHeatmapInput {
  /** the column under the pointer (null when it leaves), for the bars beside */
  onSelect?: (column: number | null) => void;
}

export function InfluenceHeatmap(props: InfluenceHeatmapProps) {
  const { title, steps, rows, secret, width, height, fontScale, selected, onSelect } = props;
  const g = useMemo(
    () => influenceHeatmapGeometry({ title, steps, rows, secret, width, height, fontScale, selected }),
    [title, steps, rows, secret, width, height, fontScale, selected],
  );
  const { frame: f, type } = g;
  const label = influenceHeatmapLabel({ title, steps, rows, secret });
  const pick = (e: PointerEvent<SVGRectElement>): void => {
    const rect = e.currentTarget.getBoundingClientRect();
    const local = rect.width > 0 ? ((e.clientX - rect.left) * f.innerWidth) / rect.width : 0;
    const i = g.columns.findIndex((c) => local >= c.x && local < c.x + c.width);
    onSelect?.(i >= 0 ? i : null);
  };
  const onKeyDown = (e: KeyboardEvent<SVGSVGElement>): void => {
    if (!onSelect || steps.length === 0) return;
    const at = selected ?? steps.length - 1;
    const next =
      e.key === 'ArrowLeft' ? Math.max(0, at - 1) : e.key === 'ArrowRight' ? Math.min(steps.length - 1, at + 1) : null;
    if (next === null) return;
    e.preventDefault();
    onSelect(next);
  };
  const bracket = (b: { y0: number; y1: number }, key: string) => (
    <path
      key={key}
      d={`M${px(-type.gap)},${px(b.y0 + 1)}H${px(-type.gap * 2)}V${px(b.y1 - 1)}H${px(-type.gap)}`}
      fill="none"
      stroke={INK.axis}
    />
  );
  return (
    <ChartSvg
      label={label}
      width={f.width}
      height={f.height}
      className="influence-heatmap"
      tabIndex={onSelect ? 0 : undefined}
      onKeyDown={onKeyDown}
      onBlur={() => onSelect?.(null)}
    >
      {g.titleLines.map((l) => (
        <text key={l.y} x={px(type.gap)} y={l.y} fontSize={px(type.title)} fontWeight={600} fill={INK.text}>
          {l.text}
        </text>
      ))}
      <g className="colour-bar">
        {g.legend.strips.map((s, i) => (
          <rect key={i} x={s.x} y={g.legend.y} width={s.width} height={g.legend.height} fill={s.fill} />
        ))}
        <rect
          x={g.legend.x}
          y={g.legend.y}
          width={g.legend.width}
          height={g.legend.height}
          fill="none"
          stroke={INK.axis}
        />
        {g.legend.labels.map((l, i) => (
          <text
            key={i}
            x={l.x}
            y={px(g.legend.y + g.legend.height + type.small * 1.1)}
            textAnchor={i === 0 ? 'start' : 'end'}
            fontSize={px(type.small)}
            fill={INK.text}
          >
            {l.text}
          </text>
        ))}
      </g>
      <g transform={`translate(${px(f.left)},${px(f.top)})`}>
        <g className="cells">
          {g.levels.map((l) => (
            <path key={l.fill} d={l.d} fill={l.fill} />
          ))}
        </g>
        {g.secretBlock && bracket(g.secretBlock, 'secret')}
        {g.othersBlock && bracket(g.othersBlock, 'others')}
        <g className="row-labels">
          {g.rowLabels.map((l) => (
            <text
              key={l.text}
              x={px(-type.gap * 3)}
              y={l.y}
              dy="0.32em"
              textAnchor="end"
              fontSize={px(type.small)}
              fontWeight={l.secret ? 600 : 400}
              fill={INK.text}
            >
              {l.text}
            </text>
          ))}
        </g>
        {g.selectedBox && (
          <rect
            className="selected"
            x={g.selectedBox.x}
            y={-1}
            width={g.selectedBox.width}
            height={px(f.innerHeight + 2)}
            fill="none"
            stroke={INK.text}
            strokeWidth={1.5}
          />
        )}
        <AxisBottom
          ticks={g.xTicks}
          length={f.innerWidth}
          type={type}
          title="training step (weight snapshots)"
          layout={g.xAxis}
          top={f.innerHeight}
        />
        {onSelect && (
          <rect
            className="pointer-target"
            width={px(f.innerWidth)}
            height={px(f.innerHeight)}
            fill="transparent"
            pointerEvents="all"
            onPointerMove={pick}
            onPointerDown={pick}
            onPointerLeave={() => onSelect(null)}
          />
        )}
      </g>
    </ChartSvg>
  );
}
