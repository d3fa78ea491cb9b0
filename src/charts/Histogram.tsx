/**
 * A fixed-bin histogram in density units with the exact density and point
 * masses overlaid (weights of teacher and students, pre-activations).
 * Geometry in histogramGeometry.ts.
 */
import { useMemo } from 'react';
import { AxisBottom, AxisSide } from './Axis';
import { ChartSvg, HaloText } from './ChartSvg';
import { formatProbability, px } from './format';
import { histogramGeometry, outOfRangeNote, type HistogramInput } from './histogramGeometry';
import { INK } from './palette';

export interface HistogramProps extends HistogramInput {
  /** bar colour (the run's colour for a student's weights) */
  color: string;
}

/** What the histogram shows, in a sentence, for its accessible name. */
export function histogramLabel(input: HistogramInput): string {
  const bins = Math.max(0, input.edges.length - 1);
  const lo = input.edges[0] ?? 0;
  const hi = input.edges[bins] ?? 0;
  const fmt = (v: number): string => String(Number(v.toPrecision(3)));
  const parts = [`${input.title}: histogram of ${input.total} values in ${bins} bins from ${fmt(lo)} to ${fmt(hi)}`];
  if (input.density?.x.length) parts.push('with the exact density as a line');
  const masses = input.pointMasses ?? [];
  if (masses.length) {
    const list = masses.map((m) => `${fmt(m.x)} (p = ${formatProbability(m.p)})`).join(', ');
    parts.push(`point mass${masses.length > 1 ? 'es' : ''} at ${list}`);
  }
  for (const o of input.overlays ?? [])
    parts.push(`with ${o.label} (${o.total} values) drawn over ${input.barsLabel ?? 'them'}`);
  const out = outOfRangeNote(input.outOfRange, input.total, lo, hi);
  return `${parts.join(', ')}.${out ? ` ${out}` : ''}`;
}

export function Histogram(props: HistogramProps) {
  const {
    title,
    edges,
    counts,
    total,
    density,
    pointMasses,
    outOfRange,
    width,
    height,
    fontScale,
    xLabel = 'value',
    note,
    color,
    overlays,
    barsLabel,
  } = props;
  const g = useMemo(
    () =>
      histogramGeometry({
        title,
        edges,
        counts,
        total,
        density,
        pointMasses,
        outOfRange,
        width,
        height,
        fontScale,
        xLabel,
        note,
        overlays,
        barsLabel,
        barsColor: color,
      }),
    [
      title,
      edges,
      counts,
      total,
      density,
      pointMasses,
      outOfRange,
      width,
      height,
      fontScale,
      xLabel,
      note,
      overlays,
      barsLabel,
      color,
    ],
  );
  const label = useMemo(
    () =>
      histogramLabel({
        title,
        edges,
        counts,
        total,
        density,
        pointMasses,
        outOfRange,
        width,
        height,
        overlays,
        barsLabel,
      }),
    [title, edges, counts, total, density, pointMasses, outOfRange, width, height, overlays, barsLabel],
  );
  const { frame: f, type } = g;
  // a hair of space between bars once they are wide enough to spare it
  const inset = (b: { x0: number; x1: number }): number => (b.x1 - b.x0 > 4 ? 0.5 : 0);

  return (
    <ChartSvg label={label} width={f.width} height={f.height} className="histogram">
      {g.titleLines.map((l) => (
        <text key={l.y} x={px(type.gap)} y={l.y} fontSize={px(type.title)} fontWeight={600} fill={INK.text}>
          {l.text}
        </text>
      ))}
      {g.key.length > 0 && (
        <g className="key">
          {g.key.map((k) => (
            <g key={k.label}>
              <rect
                x={k.x}
                y={px(k.y - g.keySize * 0.85)}
                width={px(g.keySize)}
                height={px(g.keySize)}
                fill={k.style === 'outline' ? 'none' : k.color}
                fillOpacity={k.style === 'outline' ? undefined : 0.55}
                stroke={k.style === 'outline' ? k.color : 'none'}
                strokeWidth={k.style === 'outline' ? px(type.line) : undefined}
              />
              <text x={px(k.x + g.keySize + type.gap)} y={k.y} fontSize={px(type.small)} fill={INK.text}>
                {k.label}
              </text>
            </g>
          ))}
        </g>
      )}
      <g transform={`translate(${px(f.left)},${px(f.top)})`}>
        {g.yAxis && (
          <AxisSide
            ticks={g.yTicks}
            length={f.innerHeight}
            type={type}
            title="density"
            layout={g.yAxis}
            side="left"
            left={0}
          />
        )}
        {g.massAxis && (
          <AxisSide
            ticks={g.massTicks}
            length={f.innerHeight}
            type={type}
            title="point mass"
            layout={g.massAxis}
            side="right"
            left={f.innerWidth}
          />
        )}
        <AxisBottom
          ticks={g.xTicks}
          length={f.innerWidth}
          type={type}
          title={xLabel}
          layout={g.xAxis}
          top={f.innerHeight}
        />
        <g className="bars">
          {g.bars.map((b, i) =>
            b.count > 0 ? (
              <rect
                key={i}
                x={px(b.x0 + inset(b))}
                y={b.y}
                width={px(Math.max(0.5, b.x1 - b.x0 - 2 * inset(b)))}
                height={px(f.innerHeight - b.y)}
                fill={color}
                fillOpacity={b.axis === 'mass' ? 0.2 : 0.55}
                stroke={b.axis === 'mass' ? color : 'none'}
              />
            ) : null,
          )}
        </g>
        {g.overlays.map((o) =>
          o.style === 'fill' ? (
            <g key={o.label} className="overlay">
              {o.bars.map((b, i) =>
                b.count > 0 ? (
                  <rect
                    key={i}
                    x={px(b.x0 + inset(b))}
                    y={b.y}
                    width={px(Math.max(0.5, b.x1 - b.x0 - 2 * inset(b)))}
                    height={px(f.innerHeight - b.y)}
                    fill={o.color}
                    fillOpacity={0.6}
                  />
                ) : null,
              )}
            </g>
          ) : (
            <path
              key={o.label}
              className="overlay"
              d={o.outline ?? ''}
              fill="none"
              stroke={o.color}
              strokeWidth={px(type.line)}
              strokeLinejoin="miter"
            />
          ),
        )}
        {g.densityPath && (
          <path
            className="density"
            d={g.densityPath}
            fill="none"
            stroke={INK.text}
            strokeWidth={px(type.line)}
            strokeLinejoin="round"
          />
        )}
        <g className="point-masses">
          {g.spikes.map((s) => (
            <g key={s.x}>
              <line x1={s.x} x2={s.x} y1={px(f.innerHeight)} y2={s.y} stroke={INK.text} strokeWidth={px(type.line)} />
              <circle cx={s.x} cy={s.y} r={px(g.dotRadius)} fill={INK.text} />
              {s.labelSpot && (
                <HaloText
                  x={s.labelSpot.x}
                  y={s.labelSpot.y}
                  textAnchor={s.labelSpot.anchor}
                  fontSize={type.small}
                  fill={INK.text}
                >
                  {s.label}
                </HaloText>
              )}
            </g>
          ))}
        </g>
      </g>
      {g.noteLines.map((l) => (
        <text key={l.y} x={px(type.gap)} y={l.y} fontSize={px(type.small)} fill={INK.axis} fontStyle="italic">
          {l.text}
        </text>
      ))}
    </ChartSvg>
  );
}
