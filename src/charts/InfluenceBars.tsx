/**
 * Has the student found the secret? A bar per hidden bit: its influence on
 * the student's output (docs/science.md 2.6) at one snapshot, the secret bits in
 * the run's colour with a mark under them, the others grey, and the
 * teacher's own influence as a black outline (1 on the secret bits and 0
 * elsewhere under parity). Geometry in influenceGeometry.ts.
 */
import { useMemo } from 'react';
import { AxisBottom, AxisSide } from './Axis';
import { ChartSvg } from './ChartSvg';
import { px } from './format';
import {
  influenceAxisTitle,
  influenceBarsGeometry,
  influenceBarsLabel,
  type InfluenceBarsInput,
} from './influenceGeometry';
import { INK } from './palette';

export interface InfluenceBarsProps extends InfluenceBarsInput {
  /** the run's colour, for the secret bits */
  color: string;
}

const OTHER_BAR = '#a6a6a6';

export function InfluenceBars(props: InfluenceBarsProps) {
  const { title, values, secret, reference, step, width, height, fontScale, color } = props;
  const g = useMemo(
    () => influenceBarsGeometry({ title, values, secret, reference, step, width, height, fontScale }),
    [title, values, secret, reference, step, width, height, fontScale],
  );
  const label = influenceBarsLabel({ title, values, secret, reference, step });
  const { frame: f, type } = g;
  const k = g.keySize;
  return (
    <ChartSvg label={label} width={f.width} height={f.height} className="influence-bars">
      {g.titleLines.map((l) => (
        <text key={l.y} x={px(type.gap)} y={l.y} fontSize={px(type.title)} fontWeight={600} fill={INK.text}>
          {l.text}
        </text>
      ))}
      <g className="key">
        {g.key.map((item) => (
          <g key={item.kind}>
            <rect
              x={item.x}
              y={px(item.y - k * 0.85)}
              width={px(k)}
              height={px(k)}
              fill={item.kind === 'secret' ? color : item.kind === 'other' ? OTHER_BAR : 'none'}
              stroke={item.kind === 'reference' ? INK.text : 'none'}
              strokeWidth={item.kind === 'reference' ? 1.5 : undefined}
            />
            <text x={px(item.x + k + type.gap)} y={item.y} fontSize={px(type.small)} fill={INK.text}>
              {item.text}
            </text>
          </g>
        ))}
      </g>
      <g transform={`translate(${px(f.left)},${px(f.top)})`}>
        <AxisSide
          ticks={g.yTicks}
          length={f.innerHeight}
          type={type}
          title={influenceAxisTitle(type.label, f.innerHeight)}
          layout={g.yAxis}
          side="left"
          left={0}
          gridLength={f.innerWidth}
        />
        <g className="bars">
          {g.bars.map((b) => (
            <rect key={b.bit} x={b.x} y={b.y} width={b.width} height={b.height} fill={b.secret ? color : OTHER_BAR}>
              <title>{`bit ${b.bit}${b.secret ? ' (secret)' : ''}: ${b.value.toFixed(3)}`}</title>
            </rect>
          ))}
        </g>
        {g.reference && <path className="reference" d={g.reference} fill="none" stroke={INK.text} strokeWidth={1.5} />}
        <AxisBottom
          ticks={g.xTicks}
          length={f.innerWidth}
          type={type}
          title="hidden bit"
          layout={g.xAxis}
          top={f.innerHeight}
        />
        <g className="secret-marks">
          {g.marks.map((m) => (
            <path
              key={m.bit}
              d={`M${m.x},${px(m.y - g.markSize)}L${px(m.x + g.markSize)},${px(m.y + g.markSize * 0.7)}L${px(m.x - g.markSize)},${px(m.y + g.markSize * 0.7)}Z`}
              fill={color}
            />
          ))}
        </g>
      </g>
    </ChartSvg>
  );
}
