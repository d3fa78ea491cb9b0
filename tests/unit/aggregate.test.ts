/**
 * Seed aggregation (median, band, steps until learned with runs that never
 * learned) and the secret-direction projections of the student's weights,
 * against values worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { curveBand, learnedSummary, median, spread } from '../../src/core/aggregate';
import { projectFirstLayer, secretProjections, unitDirections } from '../../src/core/projections';
import { Rng } from '../../src/core/rng';
import { ksTwoSample } from '../../src/core/stats';
import { histogramRecord, studentRecord } from '../../src/core/studentRecord';

describe('the median', () => {
  it('takes the middle value, or the mean of the middle two', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([5])).toBe(5);
    expect(Number.isNaN(median([]))).toBe(true);
    expect(median([1, Number.NaN, 3])).toBe(2);
  });
});

describe('the band of a group of curves', () => {
  const curve = (values: number[], steps = [0, 100, 200, 300]) =>
    values.map((testNmse, i) => ({ step: steps[i]!, testNmse }));

  it('gives median, min and max per step over the runs that reached it', () => {
    const band = curveBand([curve([1.1, 0.9, 0.5, 0.1]), curve([1.0, 1.0, 0.8, 0.3]), curve([1.2, 0.7, 0.2])]);
    expect(band).toEqual([
      { step: 0, median: 1.1, min: 1.0, max: 1.2, count: 3 },
      { step: 100, median: 0.9, min: 0.7, max: 1.0, count: 3 },
      { step: 200, median: 0.5, min: 0.2, max: 0.8, count: 3 },
      { step: 300, median: 0.2, min: 0.1, max: 0.3, count: 2 },
    ]);
  });

  it('leaves out values that are not numbers', () => {
    expect(curveBand([curve([1, Number.NaN]), curve([2, 3])])[1]).toEqual({
      step: 100,
      median: 3,
      min: 3,
      max: 3,
      count: 1,
    });
  });
});

describe('steps until learned over seeds', () => {
  const learned = (s: number) => ({ stepsToLearn: s, pending: false });
  const never = { stepsToLearn: null, pending: false };
  const running = { stepsToLearn: null, pending: true };

  it('is the ordinary median when every run learned', () => {
    expect(learnedSummary([learned(5000), learned(4000), learned(7500)])).toMatchObject({
      median: 5000,
      learned: 3,
      never: 0,
      min: 4000,
      max: 7500,
    });
  });

  it('counts a run that never learned as later than any that did', () => {
    // 4000, 5000, never: the middle run learned at 5000
    expect(learnedSummary([learned(5000), never, learned(4000)]).median).toBe(5000);
    // 4000, never, never: the middle run never learned
    const s = learnedSummary([never, learned(4000), never]);
    expect(s).toMatchObject({ median: null, learned: 1, never: 2, pending: 0, min: 4000, max: 4000 });
    // an even count whose upper middle never learned
    expect(learnedSummary([learned(1), learned(2), never, never]).median).toBeNull();
    expect(learnedSummary([learned(1), learned(2), learned(4), never]).median).toBe(3);
  });

  it('tells runs still training apart from runs that ran out', () => {
    expect(learnedSummary([running, learned(300), never])).toMatchObject({ median: null, pending: 1, never: 1 });
  });
});

describe('the spread of final losses', () => {
  it('is median and range of the values that are numbers', () => {
    expect(spread([0.2, null, 0.05, 0.1, Number.NaN])).toEqual({ median: 0.1, min: 0.05, max: 0.2, count: 3 });
    expect(spread([null])).toBeNull();
  });
});

describe('projections of the first layer on the bits’ directions', () => {
  it('are dot products with the unit directions, worked out by hand', () => {
    // n = 2 inputs, h = 3 units; directions (2, 0), (0, 3), (1, 1)
    const units = unitDirections(Float64Array.from([2, 0, 0, 3, 1, 1]), 3, 2);
    expect(Array.from(units.subarray(0, 4))).toEqual([1, 0, 0, 1]);
    expect(units[4]).toBeCloseTo(Math.SQRT1_2, 15);
    // W1 row-major n x h: unit 0 = (1, 0), unit 1 = (0, 2), unit 2 = (1, 1)
    const W1 = Float64Array.from([1, 0, 1, 0, 2, 1]);
    const p = projectFirstLayer(W1, 2, 3, units, [0, 2]);
    expect(p[0]).toBe(1);
    expect(p[1]).toBe(0);
    expect(p[2]).toBe(1);
    expect(p[3]).toBeCloseTo(Math.SQRT1_2, 15);
    expect(p[4]).toBeCloseTo(2 * Math.SQRT1_2, 15);
    expect(p[5]).toBeCloseTo(Math.SQRT2, 15);
    const split = secretProjections(W1, 2, 3, units, 3, [1]);
    expect(Array.from(split.secret)).toEqual([0, 2, 1]);
    expect(split.other.length).toBe(6);
  });

  it('have one distribution for secret and other bits when the weights are isotropic', () => {
    const n = 64;
    const h = 128;
    const d = 20;
    const rng = new Rng(3);
    const dirs = new Float64Array(d * n);
    rng.fillNormal(dirs);
    const W1 = new Float64Array(n * h);
    rng.fillNormal(W1, Math.sqrt(2 / n));
    const p = secretProjections(W1, n, h, unitDirections(dirs, d, n), d, [2, 11]);
    expect(p.secret.length).toBe(2 * h);
    expect(p.other.length).toBe(18 * h);
    expect(ksTwoSample(p.secret, p.other).p).toBeGreaterThan(1e-3);
    // and the spread of a weight: a unit vector sees N(0, 2/n)
    const sd = Math.sqrt(p.other.reduce((s, v) => s + v * v, 0) / p.other.length);
    expect(sd / Math.sqrt(2 / n)).toBeGreaterThan(0.9);
    expect(sd / Math.sqrt(2 / n)).toBeLessThan(1.1);
  });
});

describe('the student record', () => {
  it('bins all weights and, with a secret, both projections, in one range', () => {
    const W1 = Float64Array.from([1, 0, 1, 0, 2, 1]);
    const units = unitDirections(Float64Array.from([1, 0, 0, 1]), 2, 2);
    const r = studentRecord(W1, 2, 3, [-1.5, 1.5], { units, d: 2, secret: [1] });
    expect(r.firstLayer).toEqual(histogramRecord(W1, -1.5, 1.5));
    expect(r.firstLayer.above).toBe(1);
    expect(r.secretProjection!.total).toBe(3);
    expect(r.otherProjection!.total).toBe(3);
    expect(r.secretProjection!.counts.reduce((a, b) => a + b, 0)).toBe(2); // 0 and 1 inside; 2 above
    expect(studentRecord(W1, 2, 3, [-1.5, 1.5], null).secretProjection).toBeUndefined();
  });
});
