/**
 * The Wilcoxon signed-rank test for paired samples: do two engines give the
 * same distribution of a figure (NMSE at a step) on the same constructions?
 * Zero differences are dropped (Wilcoxon's convention), ties share their
 * average rank, and the two-sided p-value is exact: the distribution of the
 * positive rank sum over all 2^n sign flips, counted by dynamic programming
 * (with tied ranks, on doubled ranks so that every rank is a whole number).
 * Pure arithmetic.
 */

export interface SignedRankTest {
  /** Pairs with a non-zero difference. */
  n: number;
  /** Sum of the ranks of the positive differences (a - b > 0). */
  wPlus: number;
  wMinus: number;
  /** Exact two-sided p-value; 1 when no pair differs. */
  p: number;
  /** Median of the differences a - b (zeros included). */
  medianDifference: number;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((x, y) => x - y);
  if (s.length === 0) return Number.NaN;
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Average ranks (1-based) of |d|, ties sharing the mean of their positions. */
function averageRanks(abs: readonly number[]): number[] {
  const order = abs.map((v, i) => [v, i] as const).sort((x, y) => x[0] - y[0]);
  const ranks = new Array<number>(abs.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k]![1]] = rank;
    i = j + 1;
  }
  return ranks;
}

export function signedRankTest(a: readonly number[], b: readonly number[]): SignedRankTest {
  if (a.length !== b.length) throw new Error(`paired samples differ in length: ${a.length} and ${b.length}`);
  if (a.some((x, i) => !Number.isFinite(x) || !Number.isFinite(b[i]!)))
    throw new Error('paired samples must be finite numbers');
  const all = a.map((x, i) => x - b[i]!);
  const d = all.filter((x) => x !== 0);
  const n = d.length;
  const ranks = averageRanks(d.map(Math.abs));
  let wPlus = 0;
  d.forEach((x, i) => {
    if (x > 0) wPlus += ranks[i]!;
  });
  const total = (n * (n + 1)) / 2;
  if (n === 0) return { n, wPlus: 0, wMinus: 0, p: 1, medianDifference: median(all) };
  // Doubled ranks are whole numbers; counts[s] = sign patterns whose doubled positive sum is s.
  const doubled = ranks.map((r) => Math.round(2 * r));
  const max = doubled.reduce((s, r) => s + r, 0);
  let counts = new Float64Array(max + 1);
  counts[0] = 1;
  for (const r of doubled) {
    const next = counts.slice();
    for (let s = max - r; s >= 0; s--) next[s + r]! += counts[s]!;
    counts = next;
  }
  const w2 = Math.round(2 * wPlus);
  let below = 0;
  let above = 0;
  for (let s = 0; s <= max; s++) {
    if (s <= w2) below += counts[s]!;
    if (s >= w2) above += counts[s]!;
  }
  const all2n = 2 ** n;
  const p = Math.min(1, (2 * Math.min(below, above)) / all2n);
  return { n, wPlus, wMinus: total - wPlus, p, medianDifference: median(all) };
}
