import { describe, expect, it } from 'vitest';
import { fisherExact } from '../../tools/sweep/fisherExact';

describe("Fisher's exact test, two-sided", () => {
  it("gives the textbook values (R's fisher.test, SciPy's fisher_exact)", () => {
    expect(fisherExact(3, 1, 1, 3)).toBeCloseTo(0.4857, 4); // the lady tasting tea
    expect(fisherExact(12, 4, 10, 6)).toBeCloseTo(0.7043, 4);
    expect(fisherExact(2, 14, 2, 14)).toBeCloseTo(1, 12);
    expect(fisherExact(10, 0, 0, 10)).toBeCloseTo(1.083e-5, 8);
  });
});
