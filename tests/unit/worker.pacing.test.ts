/** The training worker's pacing and run-index mapping, imported without a worker. */
import { describe, expect, it } from 'vitest';
import { adaptChunk, chunkSteps, MAX_CHUNK, pauseAfter, RateWindow } from '../../src/worker/training/pacing';
import { RunIndexMap, workerRuns } from '../../src/worker/training/runIndices';

describe('the run-index mapping', () => {
  it("renumbers a worker's runs to the experiment's, in one place", () => {
    const map = new RunIndexMap([2, 5]);
    expect(map.experimentRun(1)).toBe(5);
    expect(map.withRun([{ run: 0, x: 1 }])).toEqual([{ run: 2, x: 1 }]);
    expect(map.withRuns([{ runs: [1, 0] }])).toEqual([{ runs: [5, 2] }]);
    expect(() => map.experimentRun(2)).toThrow('the worker has no run 2');
  });

  it('takes every run when none are named, and refuses runs out of range', () => {
    expect(workerRuns(undefined, 3)).toEqual([0, 1, 2]);
    expect(workerRuns([1], 3)).toEqual([1]);
    expect(() => workerRuns([3], 3)).toThrow('asked for runs 3 of an experiment of 3');
    expect(() => workerRuns([0.5], 3)).toThrow();
  });
});

describe('pacing', () => {
  it('grows a fast chunk and shrinks a slow one, within bounds', () => {
    expect(adaptChunk(10, 10)).toBeGreaterThan(10);
    expect(adaptChunk(100, 400)).toBeLessThan(100);
    expect(adaptChunk(MAX_CHUNK, 1)).toBe(MAX_CHUNK);
    expect(adaptChunk(1, 10_000)).toBe(1);
  });

  it('steps a set speed in chunks and waits out the rest', () => {
    expect(chunkSteps('max', 37)).toBe(37);
    expect(chunkSteps(100, 37)).toBe(4);
    expect(pauseAfter(100, 4, 10)).toBe(30);
    expect(pauseAfter('max', 4, 10)).toBe(0);
  });

  it('reports a rate once a half-second window has passed', () => {
    const w = new RateWindow(0);
    expect(w.add(100, 100)).toBe(0);
    expect(w.add(200, 600)).toBe(500);
  });
});
