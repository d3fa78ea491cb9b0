/**
 * The split planner (src/core/split.ts): every run assigned once, the cap
 * and memory respected, the estimated finish time between the lower bound
 * any schedule must meet and a bound LPT guarantees, and the oversubscribed
 * choice where it balances better.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, defaultExperiment } from '../../src/core/config';
import { expandRuns } from '../../src/core/experiment';
import {
  MAX_WORKERS,
  WORKER_FIXED_BYTES,
  lpt,
  memoryCap,
  planRuns,
  planSplit,
  runCost,
  sharedMakespan,
} from '../../src/core/split';
import { estimateRunBytes } from '../../src/core/memory';

const costs = fc.array(fc.double({ min: 0.01, max: 100, noNaN: true }), { minLength: 1, maxLength: 40 });

describe('planSplit', () => {
  it('assigns every run exactly once, in increasing order per worker, within the cap', () => {
    fc.assert(
      fc.property(costs, fc.integer({ min: 1, max: 32 }), fc.integer({ min: 1, max: 20 }), (c, cores, maxWorkers) => {
        const plan = planSplit(c, { cores, maxWorkers });
        const all = plan.assignment.flat().sort((a, b) => a - b);
        expect(all).toEqual(c.map((_, i) => i));
        expect(plan.assignment.length).toBeLessThanOrEqual(Math.min(maxWorkers, MAX_WORKERS, c.length));
        for (const w of plan.assignment) {
          expect(w.length).toBeGreaterThan(0);
          expect(w).toEqual([...w].sort((a, b) => a - b));
        }
      }),
    );
  });

  it('finishes between the lower bound of any schedule and total / workers + the longest run', () => {
    fc.assert(
      fc.property(costs, fc.integer({ min: 1, max: 16 }), fc.integer({ min: 1, max: 16 }), (c, cores, maxWorkers) => {
        const plan = planSplit(c, { cores, maxWorkers });
        const total = c.reduce((s, x) => s + x, 0);
        const longest = Math.max(...c);
        const usable = Math.min(cores, maxWorkers, c.length);
        const eps = 1e-9 * total;
        // No schedule on `usable` cores finishes before all the work is done or before the longest run is.
        expect(plan.makespan).toBeGreaterThanOrEqual(Math.max(total / usable, longest) - eps);
        // LPT onto `usable` workers, one core each, never does worse than this; the plan takes the best it finds.
        expect(plan.makespan).toBeLessThanOrEqual((total / usable + longest) * (1 + 0.02) + eps);
      }),
    );
  });

  it('oversubscribes when that balances better: 3 equal runs on 2 cores take 3 workers', () => {
    const plan = planSplit([1, 1, 1], { cores: 2 });
    expect(plan.assignment).toEqual([[0], [1], [2]]);
    expect(plan.makespan).toBeCloseTo(1.5, 12);
    // 2 + 1 would finish at 2
    expect(sharedMakespan([2, 1], 2)).toBe(2);
  });

  it('uses one worker per core for equal runs that divide evenly, and one worker for one core', () => {
    expect(planSplit([1, 1, 1, 1], { cores: 2 }).assignment).toHaveLength(2);
    expect(planSplit([1, 1, 1], { cores: 1 }).assignment).toHaveLength(1);
    expect(planSplit([5], { cores: 8 }).assignment).toEqual([[0]]);
  });

  it('gives exactly the workers asked for, capped by the runs', () => {
    expect(planSplit([1, 1, 1], { cores: 2, workers: 1 }).assignment).toEqual([[0, 1, 2]]);
    expect(planSplit([1, 1, 1], { cores: 2, workers: 2 }).assignment).toHaveLength(2);
    expect(planSplit([1, 1, 1], { cores: 2, workers: 9 }).assignment).toHaveLength(3);
  });

  it('starts no more workers than memory allows, and one at least', () => {
    const runBytes = [100e6, 100e6, 100e6, 100e6];
    const memoryBytes = 300e6 + 2 * WORKER_FIXED_BYTES + 1;
    expect(memoryCap(runBytes, memoryBytes)).toBe(1);
    const six = [...runBytes, 100e6, 100e6];
    const roomy = 600e6 + 3 * WORKER_FIXED_BYTES;
    expect(memoryCap(six, roomy)).toBe(3);
    // 6 equal runs on 8 cores would take 6 workers; memory allows 3.
    expect(planSplit([1, 1, 1, 1, 1, 1], { cores: 8 }).assignment).toHaveLength(6);
    const plan = planSplit([1, 1, 1, 1, 1, 1], { cores: 8, memoryBytes: roomy, runBytes: six });
    expect(plan.assignment).toHaveLength(3);
    expect(planSplit([1, 1, 1, 1], { cores: 8, memoryBytes: 1, runBytes }).assignment).toHaveLength(1);
  });
});

describe('the cost model', () => {
  it('grows with the steps, the widths and the batch, and the default experiment splits 3 ways on 2 cores', () => {
    const base = { ...DEFAULT_CONFIG };
    expect(runCost({ ...base, steps: 2 * base.steps })).toBeGreaterThan(1.9 * runCost(base));
    expect(runCost({ ...base, h: 4 * base.h })).toBeGreaterThan(2 * runCost(base));
    expect(runCost({ ...base, bs: 4 * base.bs })).toBeGreaterThan(2 * runCost(base));
    const configs = expandRuns(defaultExperiment()).map((r) => r.config);
    const plan = planRuns(configs, { cores: 2, memoryBytes: 1.5 * 2 ** 30 });
    expect(plan.assignment).toEqual([[0], [1], [2]]);
    expect(estimateRunBytes(configs[0]!)).toBeGreaterThan(0);
  });

  it('LPT puts the longest runs first on the least loaded worker', () => {
    expect(lpt([5, 1, 4, 2], 2)).toEqual([
      [0, 1],
      [2, 3],
    ]);
  });
});
