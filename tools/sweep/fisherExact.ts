/**
 * Fisher's exact test on a 2x2 table [[a, b], [c, d]], two-sided: the sum of
 * the hypergeometric probabilities of every table with the same margins that
 * is no more likely than the one seen (the usual definition, as R's
 * fisher.test). Exact for the small counts of a seed comparison.
 */
function logFactorial(n: number): number {
  let s = 0;
  for (let i = 2; i <= n; i++) s += Math.log(i);
  return s;
}

export function fisherExact(a: number, b: number, c: number, d: number): number {
  const row1 = a + b;
  const col1 = a + c;
  const n = a + b + c + d;
  const logP = (x: number) =>
    logFactorial(row1) +
    logFactorial(n - row1) +
    logFactorial(col1) +
    logFactorial(n - col1) -
    logFactorial(x) -
    logFactorial(row1 - x) -
    logFactorial(col1 - x) -
    logFactorial(n - row1 - col1 + x) -
    logFactorial(n);
  const seen = logP(a);
  let p = 0;
  for (let x = Math.max(0, row1 + col1 - n); x <= Math.min(row1, col1); x++) {
    const lp = logP(x);
    // A relative tolerance, as R's, so that tables as likely as the one seen are counted despite rounding.
    if (lp <= seen + 1e-7) p += Math.exp(lp);
  }
  return Math.min(1, p);
}
