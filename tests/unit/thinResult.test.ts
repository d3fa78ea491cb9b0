import { describe, expect, it } from 'vitest';
import { evaluationSteps, stepsUntilBelow } from '../../src/core/metrics';
import type { ResultPoint } from '../../src/core/result';
import { keptPoints } from '../../src/core/thinResult';

/** A plateau at 1 that falls below 0.1 at `learnAt` (an evaluation step) and on to 0.01. */
function curve(steps: number, learnAt: number | null): ResultPoint[] {
  return evaluationSteps(steps).map((step) => ({
    step,
    testNmse: learnAt !== null && step >= learnAt ? 0.05 : 1 - step / (10 * steps),
    trainLoss: step === 0 ? null : 0.25,
  }));
}

describe('thinning a sweep recording', () => {
  it('keeps the early points, the 1-2-5 steps, every twentieth of the budget and the last', () => {
    const c = curve(100_000, null);
    const kept = [...keptPoints(c, 100_000)].map((i) => c[i]!.step).sort((a, b) => a - b);
    expect(kept.filter((s) => s <= 1000)).toEqual([0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]);
    expect(kept.filter((s) => s > 1000)).toEqual([2000, ...Array.from({ length: 20 }, (_, i) => (i + 1) * 5000)]);
    expect(kept.length).toBeLessThan(c.length / 3);
  });

  it('keeps the first point below the learned level, so the steps until learned do not move', () => {
    for (const learnAt of [3000, 17_000, 41_000, 99_000]) {
      const c = curve(100_000, learnAt);
      const keep = keptPoints(c, 100_000);
      const thinned = c.filter((_, i) => keep.has(i));
      expect(stepsUntilBelow(thinned)).toBe(stepsUntilBelow(c));
      expect(stepsUntilBelow(c)).toBe(learnAt);
      expect(thinned.map((p) => p.step)).toContain(learnAt - 1000); // the last point on the plateau
    }
  });
});
