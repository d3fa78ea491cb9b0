/**
 * Bounded drawing cost whatever the run length (docs/architecture.md, "Data flow of a run"): a run
 * of 100k evaluations still draws at most about two points per pixel column.
 * Keeping each column's minimum and maximum (rather than every n-th point)
 * preserves spikes and the lowest loss reached, which are what a reader looks
 * for; the first and last points keep the curve's ends exact.
 */

/** Column (0 .. width-1) of `step` on a log axis over `domain`; step 0 sits with step 1 at the left edge. */
export function logColumn(step: number, domain: readonly [number, number], width: number): number {
  const lo = Math.log(Math.max(1, domain[0]));
  const hi = Math.log(Math.max(1, domain[1]));
  const cols = Math.max(1, Math.floor(width));
  if (!(hi > lo)) return 0;
  const t = (Math.log(Math.max(1, step)) - lo) / (hi - lo);
  return Math.min(cols - 1, Math.max(0, Math.floor(t * cols)));
}

/** Ordering key for min/max: values that are not numbers (a diverged run) count as +Infinity, off the top. */
function key(v: number): number {
  return Number.isNaN(v) ? Infinity : v;
}

/**
 * Keep at most 2 points per pixel column of a log-x axis (the column's minimum
 * and maximum of `value`, in step order), plus the first and last point.
 * `points` must be sorted by step. Pure: the input is not modified.
 *
 * @param width  pixel columns of the plot area
 * @param domain step range of the axis; the points' own range by default
 */
export function decimateLogX<T extends { step: number }>(
  points: readonly T[],
  width: number,
  value: (p: T) => number,
  domain?: readonly [number, number],
): T[] {
  const n = points.length;
  if (n <= 2) return points.slice();
  const dom: readonly [number, number] = domain ?? [points[0]!.step, points[n - 1]!.step];
  const keep: number[] = [0];
  let col = -1;
  let minI = -1;
  let maxI = -1;
  const flush = (): void => {
    if (col < 0) return;
    const a = Math.min(minI, maxI);
    const b = Math.max(minI, maxI);
    if (a !== keep[keep.length - 1]) keep.push(a);
    if (b !== a) keep.push(b);
  };
  for (let i = 0; i < n; i++) {
    const p = points[i]!;
    const c = logColumn(p.step, dom, width);
    if (c !== col) {
      flush();
      col = c;
      minI = i;
      maxI = i;
      continue;
    }
    const v = key(value(p));
    if (v < key(value(points[minI]!))) minI = i;
    if (v > key(value(points[maxI]!))) maxI = i;
  }
  flush();
  if (keep[keep.length - 1] !== n - 1) keep.push(n - 1);
  return keep.map((i) => points[i]!);
}
