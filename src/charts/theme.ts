/**
 * Type sizes and spacing for every chart. At fontScale 1 (a laptop) no text is
 * smaller than 12px; presentation mode passes a larger fontScale so the back
 * row of a lecture hall can read the same chart. Margins grow with the type,
 * so the plot area shrinks instead of labels colliding.
 */

export const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

export interface ChartType {
  /** tick labels, annotations, legend entries */
  small: number;
  /** axis titles */
  label: number;
  /** chart titles */
  title: number;
  /** tick mark length */
  tickSize: number;
  /** gap between tick mark and its label, and between stacked texts */
  gap: number;
  /** line width of data lines */
  line: number;
}

/** Sizes in px for a given fontScale (1 = laptop). Scales below 1 are ignored so text never drops under 12px. */
export function chartType(fontScale = 1): ChartType {
  const s = Number.isFinite(fontScale) ? Math.max(1, fontScale) : 1;
  return {
    small: 12 * s,
    label: 13 * s,
    title: 14 * s,
    tickSize: 5 * s,
    gap: 4 * s,
    line: 2 * Math.sqrt(s),
  };
}

/** The plot area inside an SVG of the given size, after margins. */
export interface Frame {
  width: number;
  height: number;
  left: number;
  top: number;
  right: number;
  bottom: number;
  innerWidth: number;
  innerHeight: number;
}

export function frame(
  width: number,
  height: number,
  margin: { left: number; top: number; right: number; bottom: number },
): Frame {
  return {
    width,
    height,
    ...margin,
    // a floor of 10px keeps scales valid when the container is tiny
    innerWidth: Math.max(10, width - margin.left - margin.right),
    innerHeight: Math.max(10, height - margin.top - margin.bottom),
  };
}
