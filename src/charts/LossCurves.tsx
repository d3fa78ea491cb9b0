/**
 * The curves of a loss geometry (bands, train and test lines, off-scale
 * markers) and its reference levels: drawn alike by the one overlaid loss
 * chart (LossChart.tsx) and by each panel of the small multiples
 * (LossMultiples.tsx), in plot coordinates.
 */
import { px } from './format';
import type { LossGeometry, ReferenceLine } from './lossGeometry';
import { RECORDED_STYLE } from './lossSeries';
import { INK } from './palette';

/** A horizontal reference level: the trivial level 1.0 dashed, the "learned" threshold faint. */
export function ReferenceLevel({ r, width }: { r: ReferenceLine; width: number }) {
  const trivial = r.kind === 'trivial';
  return (
    <line
      className={`reference reference-${r.kind}`}
      x1={0}
      x2={px(width)}
      y1={r.y}
      y2={r.y}
      stroke={INK.reference}
      strokeWidth={trivial ? 1.5 : 1}
      strokeDasharray={trivial ? '6 4' : '2 3'}
      strokeOpacity={trivial ? 0.9 : 0.5}
    />
  );
}

export function LossCurves({ g }: { g: LossGeometry }) {
  const { type } = g;
  return (
    <>
      {g.bands.length > 0 && (
        <g className="bands">
          {g.bands.map((b) => (
            <path key={b.id} d={b.path} fill={b.color} fillOpacity={b.recorded ? 0.09 : 0.16} stroke="none" />
          ))}
        </g>
      )}
      <g className="series" fill="none" strokeLinejoin="round" strokeLinecap="round">
        {g.lines.map(
          (s) =>
            s.train && (
              <path
                key={`train-${s.id}`}
                className={s.recorded ? 'recorded' : undefined}
                d={s.train}
                stroke={s.color}
                strokeWidth={px(type.line * 0.75)}
                strokeDasharray={s.recorded ? '1.5 4' : '5 4'}
                strokeOpacity={s.recorded ? RECORDED_STYLE.opacity : 0.85}
              />
            ),
        )}
        {/* recorded runs first, so the live curves that follow their path are drawn on top */}
        {[...g.lines.filter((s) => s.recorded), ...g.lines.filter((s) => !s.recorded)].map((s) => (
          <path
            key={`test-${s.id}`}
            className={s.recorded ? 'recorded' : undefined}
            d={s.test}
            stroke={s.color}
            strokeWidth={px(s.faint ? type.line * 0.5 : type.line)}
            strokeDasharray={s.recorded ? RECORDED_STYLE.dash : undefined}
            strokeOpacity={s.recorded ? RECORDED_STYLE.opacity * (s.faint ? 0.6 : 1) : s.faint ? 0.45 : undefined}
          />
        ))}
      </g>
      <g className="off-scale">
        {g.lines.flatMap((s) =>
          s.offScale.map((mx) => (
            <path
              key={`${s.id}-${mx}`}
              d={`M${mx},${px(-g.markerSize * 2)}L${px(mx + g.markerSize)},0L${px(mx - g.markerSize)},0Z`}
              fill={s.color}
            />
          )),
        )}
      </g>
    </>
  );
}
