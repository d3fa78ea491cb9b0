/**
 * The root of every chart: an SVG image with an accessible name (aria-label)
 * that says what it shows, repeated in a <title> for tooltips and for screen
 * readers that ignore aria-label on SVG.
 */
import type { KeyboardEvent, ReactNode } from 'react';
import { px } from './format';
import { FONT_FAMILY } from './theme';

export function ChartSvg({
  label,
  width,
  height,
  className,
  children,
  tabIndex,
  onKeyDown,
  onFocus,
  onBlur,
}: {
  label: string;
  width: number;
  height: number;
  className: string;
  children: ReactNode;
  tabIndex?: number;
  onKeyDown?: (e: KeyboardEvent<SVGSVGElement>) => void;
  onFocus?: () => void;
  onBlur?: () => void;
}) {
  const w = px(width);
  const h = px(height);
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      role="img"
      aria-label={label}
      className={className}
      width={w}
      height={h}
      viewBox={`0 0 ${w} ${h}`}
      fontFamily={FONT_FAMILY}
      tabIndex={tabIndex}
      onKeyDown={onKeyDown}
      onFocus={onFocus}
      onBlur={onBlur}
      style={{ display: 'block' }}
    >
      <title>{label}</title>
      {children}
    </svg>
  );
}

/** Text with a white outline, so it stays legible where it crosses lines or bars. */
export function HaloText({
  children,
  fontSize,
  fill,
  ...rest
}: {
  children: string;
  fontSize: number;
  fill: string;
  x?: number;
  y?: number;
  dy?: string;
  textAnchor?: 'start' | 'middle' | 'end';
  fontWeight?: number;
  fontStyle?: 'italic';
}) {
  return (
    <text
      {...rest}
      fontSize={px(fontSize)}
      fill={fill}
      stroke="#ffffff"
      strokeWidth={px(fontSize / 4)}
      strokeLinejoin="round"
      paintOrder="stroke"
    >
      {children}
    </text>
  );
}
