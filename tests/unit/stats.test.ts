/**
 * The two-sample Kolmogorov-Smirnov statistic against known values: the
 * references were computed with scipy 1.10 (`scipy.stats.ks_2samp(a, b,
 * method='asymp').statistic` for D, `scipy.stats.kstwobign.sf(lambda)` for
 * the p-value at the corrected lambda) on the same integer-generated data,
 * and against values that follow from the definition exactly.
 */
import { describe, expect, it } from 'vitest';
import { kolmogorovSurvival, ksDistance, ksTwoSample } from '../../src/core/stats';

/** Data both here and in the Python that made the references: integer arithmetic, one exact division. */
const A = (n: number, off = 0): number[] => Array.from({ length: n }, (_, i) => ((i * 7919) % 1000) / 1000 + off);
const B = (n: number): number[] =>
  Array.from({ length: n }, (_, i) => {
    const v = ((i * 104729) % 997) / 997;
    return v * v;
  });
const T = (n: number, mod: number): number[] => Array.from({ length: n }, (_, i) => (i * 31) % mod);

// [name, a, b, D, p] from scipy (the exact p-values, for comparison, are in the comments)
const CASES: [string, number[], number[], number, number][] = [
  ['60 against 45', A(60), B(45), 0.2944444444444444, 0.017984635888532635], // exact 0.0190
  ['8 against 11', A(8), B(11), 0.875, 0.0005148845207313246], // exact 0.000503
  ['500 against 300', A(500), B(300), 0.2706666666666666, 1.398427529569112e-12],
  ['a small shift', A(400, 0.05), A(300), 0.05833333333333335, 0.5915388870761706], // exact 0.586
  ['ties within and across samples', T(50, 7), T(40, 5), 0.28, 0.04946802548554043], // exact 0.0505
];

describe('the Kolmogorov-Smirnov two-sample test', () => {
  for (const [name, a, b, d, p] of CASES) {
    it(`matches scipy: ${name}`, () => {
      const r = ksTwoSample(a, b);
      expect(r.d).toBeCloseTo(d, 12);
      expect(r.p / p).toBeCloseTo(1, 8);
      expect([r.na, r.nb]).toEqual([a.length, b.length]);
      // symmetric in its samples
      expect(ksDistance(b, a)).toBe(r.d);
    });
  }

  it('gives D = 0 and p = 1 for identical samples, D = 1 for separated ones', () => {
    const a = A(100);
    expect(ksTwoSample(a, [...a].reverse())).toMatchObject({ d: 0, p: 1 });
    const far = ksTwoSample(a, A(50, 2));
    expect(far.d).toBe(1);
    expect(far.p).toBeLessThan(1e-8);
  });

  it('reads D off the empirical distribution functions: one sample inside the other', () => {
    // F_a jumps by 1/2 at 0 and 1; F_b by 1/4 at 0, 0.5, 1, 1.5: the widest gap is 1/4 (after 0 and after 1).
    expect(ksDistance([0, 1], [0, 0.5, 1, 1.5])).toBe(0.25);
    expect(ksDistance([0, 1, 2], [3])).toBe(1);
  });

  it('ignores values that are not numbers, and says NaN for an empty sample', () => {
    expect(ksTwoSample([1, Number.NaN, 2], [1, 2, Infinity])).toMatchObject({ d: 0, na: 2, nb: 2 });
    expect(Number.isNaN(ksTwoSample([], [1]).d)).toBe(true);
  });
});

describe('the Kolmogorov distribution', () => {
  // scipy.stats.kstwobign.sf on both sides of the switch between the two series (1.18)
  const Q: [number, number][] = [
    [0.3, 0.9999906941986655],
    [0.5, 0.9639452436648751],
    [0.8, 0.5441424115741981],
    [1.0, 0.26999967167735456],
    [1.17, 0.12939004218561884],
    [1.19, 0.11774229287977166],
    [1.5, 0.022217962616525127],
    [2.0, 0.0006709252557796953],
    [3.0, 3.045995948942526e-8],
  ];
  for (const [lambda, q] of Q) {
    it(`Q(${lambda}) = ${q.toPrecision(6)}`, () => {
      expect(kolmogorovSurvival(lambda) / q).toBeCloseTo(1, 9);
    });
  }

  it('is 1 at and below 0 and falls monotonically', () => {
    expect(kolmogorovSurvival(0)).toBe(1);
    expect(kolmogorovSurvival(0.05)).toBe(1);
    let last = 1;
    for (let l = 0.1; l < 4; l += 0.01) {
      const q = kolmogorovSurvival(l);
      expect(q).toBeLessThanOrEqual(last + 1e-15);
      last = q;
    }
  });
});
