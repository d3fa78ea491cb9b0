/** The whole-experiment ratios of issue 9 as the bench computes them (bench/lib/ratios.mts). */
import { describe, expect, it } from 'vitest';
import { poolVerdict, type Round } from '../../bench/figures/poolSpeedup.mjs';
import { experimentSize } from '../../bench/lib/appRun.mjs';
import { targetRows, goal } from '../../bench/lib/targets.mjs';
import { idealPyTorchSeconds, speedup, vsPyTorch } from '../../bench/lib/ratios.mjs';

describe('vsPyTorch', () => {
  it("reproduces the issue's example: 64 s against an ideal 7.3 s is about 0.11", () => {
    // 3 runs x 8000 steps on 2 cores; an anchor of 1644 run-steps/s at R = 3 makes the ideal 7.3 s.
    expect(idealPyTorchSeconds(24_000, 2, 1644)).toBeCloseTo(7.3, 1);
    expect(vsPyTorch(24_000, 2, 1644, 64)).toBeCloseTo(0.114, 3);
  });

  it('is 1 when the app finishes as fast as PyTorch on every core, and halves with twice the time', () => {
    const ideal = idealPyTorchSeconds(240_000, 4, 3000);
    expect(vsPyTorch(240_000, 4, 3000, ideal)).toBeCloseTo(1, 12);
    expect(vsPyTorch(240_000, 4, 3000, 2 * ideal)).toBeCloseTo(0.5, 12);
  });

  it('gives no number for nonsense inputs', () => {
    expect(idealPyTorchSeconds(24_000, 0, 1644)).toBeNaN();
    expect(vsPyTorch(24_000, 2, 0, 64)).toBeNaN();
    expect(vsPyTorch(24_000, 2, 1644, 0)).toBeNaN();
  });
});

describe('speedup', () => {
  it("is one worker's seconds over the pool's", () => {
    expect(speedup(39, 22.9)).toBeCloseTo(1.703, 3);
    expect(speedup(39, 0)).toBeNaN();
  });
});

describe('experimentSize', () => {
  it('reads runs and run-steps from the permalink as the page does', () => {
    expect(experimentSize('/')).toEqual({ runs: 3, steps: 8000, runSteps: 24_000 });
    expect(experimentSize('/?steps=40000&vs=k:2,3,4,5,6,7')).toEqual({ runs: 6, steps: 40_000, runSteps: 240_000 });
  });
});

describe('poolVerdict', () => {
  const side = (seconds: number, workersSeen: number, backend = 'wasm') => ({
    url: '/',
    seconds,
    trainingSeconds: seconds - 3,
    extrapolated: false,
    backend,
    workers: 'auto',
    workersSeen,
  });
  const round_ = (pool: ReturnType<typeof side>, one: ReturnType<typeof side>): Round => ({
    first: 'pool',
    pool,
    one,
    speedup: Math.round((one.seconds / pool.seconds) * 100) / 100,
    trainingSpeedup: 0,
  });
  const spec = [{ label: 'poolSpeedup', goal: goal('>=', '1.7') }];

  it('judges the median of the rounds when the pool ran several workers on the same backend', () => {
    const m = poolVerdict([round_(side(22, 2), side(39, 1)), round_(side(24, 2), side(38, 1))]);
    expect(m.value).toBeCloseTo((1.77 + 1.58) / 2, 6);
    expect(targetRows(spec, [m], '')[0]!.met).toBe(false);
    expect(targetRows(spec, [poolVerdict([round_(side(20, 2), side(39, 1))])], '')[0]!.met).toBe(true);
  });

  it('refuses to judge a "pool" of one worker, however fast it looked', () => {
    const m = poolVerdict([round_(side(20, 1), side(39, 1))]);
    expect(m.value).toBe(1.95);
    expect(m.judged).toBe(false);
    expect(m.note).toMatch(/one training worker/);
    expect(targetRows(spec, [m], '')[0]!.met).toBeNull();
  });

  it('refuses to judge sides that ran different backends', () => {
    const m = poolVerdict([round_(side(20, 2, 'webgl'), side(39, 1))]);
    expect(m.judged).toBe(false);
    expect(m.note).toMatch(/different backends/);
  });
});
