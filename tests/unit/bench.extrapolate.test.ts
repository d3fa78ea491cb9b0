/** How the bench reads an experiment's duration from the store's samples (bench/lib/extrapolate.mts). */
import { describe, expect, it } from 'vitest';
import { finishTime, rateBetween, type Sample } from '../../bench/lib/extrapolate.mjs';

/** Samples every 20 ms from `t0` at a steady pace (steps per second), the step rounded down to chunks of 10. */
function steady(t0: number, ms: number, pace: number, startStep = 0): Sample[] {
  const out: Sample[] = [];
  for (let t = 0; t <= ms; t += 20) {
    const step = startStep + Math.floor((t * pace) / 1000 / 10) * 10;
    out.push([t0 + t, step, 'running', 20]);
  }
  return out;
}

describe('rateBetween', () => {
  it('measures the pace between the first and the last change of step in the window', () => {
    const r = rateBetween(steady(0, 20_000, 100), 5_000, 15_000);
    expect(r.rate).toBeCloseTo(100, 0);
    expect(r.steps).toBe(1000);
  });

  it('has no pace without two changes of step', () => {
    expect(rateBetween([[0, 5, 'running', 20]], 0, 100).rate).toBeNaN();
    expect(rateBetween(steady(0, 1000, 0), 0, 1000).rate).toBeNaN();
  });
});

describe('finishTime', () => {
  it('measures click to last step, and first step to last, when the last step was reached', () => {
    // Click at 1 s, backend and set-up until 3 s, then 400 steps/s up to step 8000 (20 s).
    const samples: Sample[] = [[2000, 0, 'starting', 20], ...steady(3000, 21_000, 400)];
    const f = finishTime(samples, 1000, 8000);
    expect(f.extrapolated).toBe(false);
    const reached = samples.find((s) => s[1] >= 8000)!;
    expect(f.seconds).toBeCloseTo((reached[0] - 1000) / 1000, 6);
    const first = samples.find((s) => s[1] > 0)!;
    expect(f.trainingSeconds).toBeCloseTo((reached[0] - first[0]) / 1000, 6);
    expect(f.paceStepsPerSecond).toBeNull();
  });

  it('adds the rest at the pace of the last ten seconds when the wait ran out', () => {
    // Slow at first (evaluations are dense early), then 100 steps/s; stopped at 30 s, at about step 2700 of 40000.
    const early = steady(0, 10_000, 20);
    const late = steady(10_020, 19_980, 100, early[early.length - 1]![1]);
    const samples = [...early, ...late];
    const end = samples[samples.length - 1]!;
    const f = finishTime(samples, 0, 40_000);
    expect(f.extrapolated).toBe(true);
    expect(f.reachedStep).toBe(end[1]);
    expect(f.paceStepsPerSecond).toBeCloseTo(100, -1);
    expect(f.seconds).toBeCloseTo(end[0] / 1000 + (40_000 - end[1]) / f.paceStepsPerSecond!, 6);
    // Not the mean pace since Start, which the slow start would drag down.
    expect(f.seconds).toBeLessThan((40_000 / end[1]) * (end[0] / 1000));
  });

  it('falls back to the pace since the first step when the last ten seconds saw one change of step', () => {
    // Steps 100 at 5 s, 200 at 15 s, then nothing new until the wait ends at 30 s.
    const samples: Sample[] = [
      [1000, 0, 'running', 20],
      [5000, 100, 'running', 20],
      [15000, 200, 'running', 20],
      [22000, 300, 'running', 20],
      [30000, 300, 'running', 20],
    ];
    const f = finishTime(samples, 0, 1000);
    expect(f.extrapolated).toBe(true);
    // 200 steps from 5 s to 22 s.
    expect(f.paceStepsPerSecond).toBeCloseTo(200 / 17, 6);
    expect(f.seconds).toBeCloseTo(30 + 700 / (200 / 17), 6);
  });

  it('says NaN rather than inventing a time when nothing moved', () => {
    expect(finishTime([], 0, 100).seconds).toBeNaN();
    expect(finishTime(steady(0, 5000, 0), 0, 100).seconds).toBeNaN();
  });
});
