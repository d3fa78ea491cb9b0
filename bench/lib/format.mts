/** Plain-text tables for the readable report. Pure. */

export function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

/** Columns padded to their widest cell, two spaces apart, no trailing blanks. */
export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows
    .map((r) =>
      r
        .map((c, i) => pad(c, widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** A value in a cell: a dash for nothing, n/a for a number that could not be measured. */
export function fmt(x: unknown): string {
  if (x === null || x === undefined) return '—';
  if (typeof x === 'number') return Number.isFinite(x) ? String(x) : 'n/a';
  return String(x);
}
