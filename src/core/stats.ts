/**
 * Two-sample statistics for the pictures that compare distributions: are the
 * teacher units that carry the parity drawn from the same distribution as
 * the rest? (issue 10, item 2.)
 *
 * Kolmogorov-Smirnov: D = sup_x |F_a(x) - F_b(x)| of the two empirical
 * distribution functions, and its p-value from the asymptotic Kolmogorov
 * distribution at lambda = (sqrt(N) + 0.12 + 0.11 / sqrt(N)) D with the
 * effective size N = n_a n_b / (n_a + n_b) (Stephens' small-sample
 * correction, as in Numerical Recipes' kstwo). Tested against scipy.
 */

export interface KsResult {
  /** sup |F_a - F_b|, in [0, 1] */
  d: number;
  /** probability of a distance at least d when both samples come from one continuous distribution */
  p: number;
  na: number;
  nb: number;
}

function sortedFinite(values: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(Array.from(values).filter((v) => Number.isFinite(v)));
  return out.sort();
}

/** The two-sample Kolmogorov-Smirnov distance of a and b (non-finite values ignored). */
export function ksDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  return ksStat(sortedFinite(a), sortedFinite(b));
}

function ksStat(x: Float64Array, y: Float64Array): number {
  const na = x.length;
  const nb = y.length;
  if (na === 0 || nb === 0) return Number.NaN;
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < na && j < nb) {
    // Step past every copy of the smaller value in both samples, so ties move both functions at once.
    const v = Math.min(x[i]!, y[j]!);
    while (i < na && x[i] === v) i++;
    while (j < nb && y[j] === v) j++;
    d = Math.max(d, Math.abs(i / na - j / nb));
  }
  return d;
}

/**
 * Q_KS(lambda) = P(K > lambda) for the Kolmogorov distribution:
 * 2 sum_k (-1)^(k-1) exp(-2 k^2 lambda^2), which converges fast for large
 * lambda; for small lambda the equivalent theta-function form of the
 * distribution function converges faster.
 */
export function kolmogorovSurvival(lambda: number): number {
  if (!(lambda > 0)) return 1;
  if (lambda < 1.18) {
    const y = Math.exp((-Math.PI * Math.PI) / (8 * lambda * lambda));
    // sum over k of y^((2k-1)^2): four terms reach double precision here
    const cdf = (Math.sqrt(2 * Math.PI) / lambda) * (y + y ** 9 + y ** 25 + y ** 49);
    return Math.min(1, Math.max(0, 1 - cdf));
  }
  let sum = 0;
  for (let k = 1; k <= 100; k++) {
    const term = Math.exp(-2 * k * k * lambda * lambda);
    sum += (k % 2 ? 1 : -1) * term;
    if (term < 1e-17) break;
  }
  return Math.min(1, Math.max(0, 2 * sum));
}

/** Kolmogorov-Smirnov two-sample test of a against b (non-finite values ignored). */
export function ksTwoSample(a: ArrayLike<number>, b: ArrayLike<number>): KsResult {
  const x = sortedFinite(a);
  const y = sortedFinite(b);
  const d = ksStat(x, y);
  const na = x.length;
  const nb = y.length;
  if (!Number.isFinite(d)) return { d, p: Number.NaN, na, nb };
  const en = Math.sqrt((na * nb) / (na + nb));
  return { d, p: kolmogorovSurvival((en + 0.12 + 0.11 / en) * d), na, nb };
}
