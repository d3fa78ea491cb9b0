/**
 * A thumbnail of a histogram or a bar chart: the bars' heights only, no axes
 * or text, small enough for a strip of one per group (FocusStrip). Decorative:
 * the strip's button names what it shows.
 */
import { memo } from 'react';

export const MINI_WIDTH = 60;
export const MINI_HEIGHT = 18;

/** The bars' rectangles, in a box of width x height, each bar's height over the largest. */
export function miniBarRects(
  values: ArrayLike<number>,
  width = MINI_WIDTH,
  height = MINI_HEIGHT,
): { x: number; y: number; w: number; h: number }[] {
  const n = values.length;
  if (n === 0) return [];
  let max = 0;
  for (let i = 0; i < n; i++) max = Math.max(max, Number.isFinite(values[i]!) ? values[i]! : 0);
  const w = width / n;
  return Array.from({ length: n }, (_, i) => {
    const v = Number.isFinite(values[i]!) && max > 0 ? Math.max(0, values[i]!) / max : 0;
    const h = v * height;
    return { x: i * w, y: height - h, w: Math.max(0.5, w - (n > 40 ? 0 : 0.5)), h };
  });
}

export const MiniBars = memo(function MiniBars({
  values,
  color,
  width = MINI_WIDTH,
  height = MINI_HEIGHT,
}: {
  values: ArrayLike<number>;
  color: string;
  width?: number;
  height?: number;
}) {
  return (
    <svg className="mini-bars" width={width} height={height} viewBox={`0 0 ${width} ${height}`} aria-hidden="true">
      {miniBarRects(values, width, height).map((r, i) => (
        <rect key={i} x={r.x} y={r.y} width={r.w} height={r.h} fill={color} />
      ))}
      <line x1={0} x2={width} y1={height - 0.5} y2={height - 0.5} stroke="#555555" strokeWidth={1} />
    </svg>
  );
});
