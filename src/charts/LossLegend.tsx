/**
 * The loss chart's legend, outside the SVG so that it wraps, is read as a
 * table by screen readers, and never covers a curve: one row per run with its
 * colour, label, latest step and NMSE, accuracy when known, and a status word.
 * The status is text (the colour of its border only repeats it).
 */
import type { CSSProperties } from 'react';
import { formatLoss, formatStepLong } from './format';
import { lastPoint, RECORDED_STYLE, runBadge, type LossSeries, type RunBadge } from './lossSeries';
import { INK } from './palette';
import { chartType, FONT_FAMILY } from './theme';

export interface LossLegendEntry extends LossSeries {
  /** test accuracy in [0, 1] for 0/1 labels; null or absent when not meaningful */
  accuracy?: number | null;
}

export interface LossLegendProps {
  series: readonly LossLegendEntry[];
  /** add the key "solid: test, dashed: train" */
  showTrain?: boolean;
  fontScale?: number;
  /** A click on an entry's name: its id (the page focuses the panels below on that group). */
  onSelect?: (id: string) => void;
}

const BADGE_BORDER: Record<RunBadge, string> = {
  learned: '#009E73',
  diverged: '#D55E00',
  running: '#0072B2',
  waiting: INK.pending,
  'not learned': INK.axis,
};

function Swatch({
  color,
  dashed,
  size,
  recorded,
}: {
  color: string;
  dashed?: boolean;
  size: number;
  recorded?: boolean;
}) {
  return (
    <svg width={size * 2} height={size} aria-hidden="true" style={{ verticalAlign: 'middle' }}>
      <line
        x1={1}
        x2={size * 2 - 1}
        y1={size / 2}
        y2={size / 2}
        stroke={color}
        strokeWidth={3}
        strokeDasharray={recorded ? RECORDED_STYLE.dash : dashed ? '5 4' : undefined}
        strokeOpacity={recorded ? RECORDED_STYLE.opacity : undefined}
      />
    </svg>
  );
}

export function LossLegend({ series, showTrain = false, fontScale, onSelect }: LossLegendProps) {
  const type = chartType(fontScale);
  const withAccuracy = series.some((s) => s.accuracy !== undefined);
  const cell: CSSProperties = { padding: `${type.gap / 2}px ${type.gap * 2}px ${type.gap / 2}px 0`, textAlign: 'left' };
  const num: CSSProperties = { ...cell, textAlign: 'right', fontVariantNumeric: 'tabular-nums' };
  return (
    <div className="loss-legend" style={{ fontFamily: FONT_FAMILY, fontSize: type.small, color: INK.text }}>
      <table style={{ borderCollapse: 'collapse', fontSize: type.small }} aria-label="Runs in the loss chart">
        <thead>
          <tr style={{ color: INK.axis }}>
            <th style={cell}>
              <span style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
                colour
              </span>
            </th>
            <th style={cell}>run</th>
            <th style={num} className="col-step">
              step
            </th>
            <th style={num}>test NMSE</th>
            {withAccuracy && <th style={num}>accuracy</th>}
            <th style={cell}>status</th>
          </tr>
        </thead>
        <tbody>
          {series.map((s) => {
            const last = lastPoint(s);
            const badge = runBadge(s);
            return (
              <tr key={s.id}>
                <td style={cell}>
                  <Swatch color={s.color} size={type.small} recorded={s.recorded} />
                </td>
                <td style={cell}>
                  {onSelect ? (
                    <button
                      type="button"
                      className="legend-focus"
                      title="show this group in the panels below"
                      onClick={() => onSelect(s.id)}
                    >
                      {s.label}
                    </button>
                  ) : (
                    s.label
                  )}
                  {s.recorded && (
                    <span className="recorded-tag" style={{ color: INK.axis, fontStyle: 'italic' }}>
                      {' '}
                      ({s.recordedWord ?? RECORDED_STYLE.word})
                    </span>
                  )}
                </td>
                <td style={num} className="col-step">
                  {last ? formatStepLong(last.step) : '–'}
                </td>
                <td style={num}>{formatLoss(last?.testNmse)}</td>
                {withAccuracy && (
                  <td style={num}>
                    {s.accuracy === null || s.accuracy === undefined ? '–' : `${(s.accuracy * 100).toFixed(1)}%`}
                  </td>
                )}
                <td style={cell}>
                  <span
                    className={`badge badge-${badge.replace(' ', '-')}`}
                    style={{
                      border: `1.5px solid ${BADGE_BORDER[badge]}`,
                      borderRadius: type.small,
                      padding: `0 ${type.gap * 1.5}px`,
                      whiteSpace: 'nowrap',
                    }}
                  >
                    {badge}
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {series.some((s) => s.recorded) && (
        <p style={{ margin: `${type.gap}px 0 0`, color: INK.axis }}>
          <Swatch color={INK.text} size={type.small} recorded />{' '}
          {series.find((s) => s.recorded && s.recordedWord)?.recordedWord ?? 'recorded'} result (dashed, lighter)
          {series.some((s) => !s.recorded) && (
            <>
              {' '}
              <Swatch color={INK.text} size={type.small} /> trained live here
            </>
          )}
        </p>
      )}
      {showTrain && (
        <p style={{ margin: `${type.gap}px 0 0`, color: INK.axis }}>
          <Swatch color={INK.text} size={type.small} /> test loss <Swatch color={INK.text} dashed size={type.small} />{' '}
          train loss (dashed)
        </p>
      )}
    </div>
  );
}
