/** The paired signed-rank test (src/core/wilcoxon.ts), against values scipy.stats.wilcoxon gives. */
import { describe, expect, it } from 'vitest';
import { signedRankTest } from '../../src/core/wilcoxon';

describe('signedRankTest', () => {
  it('matches scipy on untied pairs (W = 5, exact two-sided p = 0.0390625)', () => {
    const x = [1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.3];
    const y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];
    const t = signedRankTest(x, y);
    expect(t).toMatchObject({ n: 9, wPlus: 40, wMinus: 5 });
    expect(t.p).toBeCloseTo(0.0390625, 12);
    expect(signedRankTest(y, x).p).toBeCloseTo(0.0390625, 12);
  });

  it('drops zero differences and shares tied ranks', () => {
    // |d| = 1, 1, 2 after the zero is dropped: ranks 1.5, 1.5, 3; the positives hold 1.5 + 3.
    const t = signedRankTest([1, 2, 5, 4], [0, 3, 3, 4]);
    expect(t).toMatchObject({ n: 3, wPlus: 4.5, wMinus: 1.5, medianDifference: 0.5 });
    // Sign patterns of (1.5, 1.5, 3) with positive sum <= 1.5: {}, {a}, {b}; >= 4.5: {a,c}, {b,c}, {a,b,c}. p = 2 * 3/8.
    expect(t.p).toBeCloseTo(0.75, 12);
  });

  it('all positive: the smallest p for n pairs, 2 / 2^n', () => {
    const t = signedRankTest([2, 3, 4, 5, 6, 7], [1, 1, 1, 1, 1, 1]);
    expect(t.p).toBeCloseTo(2 / 64, 12);
  });

  it('no difference at all: p = 1; unequal lengths and non-numbers are refused', () => {
    expect(signedRankTest([1, 2], [1, 2]).p).toBe(1);
    expect(() => signedRankTest([1], [1, 2])).toThrow(/length/);
    expect(() => signedRankTest([Number.NaN], [1])).toThrow(/finite/);
  });
});
