/**
 * Sample a probability density on a grid, for the exact-density overlay of
 * Histogram. Values that are not finite (a density's pole) become 0 so that the
 * line stays drawable; the histogram's y-axis is set by the data, not by a pole.
 */
export function densityCurve(fn: (x: number) => number, lo: number, hi: number, n = 200): { x: number[]; y: number[] } {
  const count = Math.max(2, Math.floor(n));
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < count; i++) {
    const xi = lo + ((hi - lo) * i) / (count - 1);
    const yi = fn(xi);
    x.push(xi);
    y.push(Number.isFinite(yi) && yi > 0 ? yi : 0);
  }
  return { x, y };
}
