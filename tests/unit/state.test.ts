import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../src/components/presets';
import { expandRuns } from '../../src/core/experiment';
import { parsePermalink } from '../../src/core/permalink';
import { reduceWorkerMessage, type RunsSlice } from '../../src/state/runsSlice';
import type { FromWorker, RunInfo } from '../../src/worker/protocol';
import { validateExperiment } from '../../src/core/validate';

function emptySlice(): RunsSlice {
  return {
    engine: 'starting',
    step: 0,
    stepsPerSecond: 0,
    backend: null,
    engineMessage: null,
    runs: [],
    teachers: [],
    runsRevision: 0,
    workerLosses: [],
    noteWorkerLost: () => {},
    setEngine: () => {},
    clearRuns: () => {},
    applyWorkerMessages: () => {},
  };
}

function apply(s: RunsSlice, ...msgs: FromWorker[]): RunsSlice {
  return msgs.reduce<RunsSlice>((acc, m) => ({ ...acc, ...reduceWorkerMessage(acc, m) }), s);
}

const info = (index: number, steps = 1000): RunInfo => ({
  index,
  label: `run ${index}`,
  values: {},
  steps,
  inputs: 'parity',
  binaryLabels: true,
  labelVariance: 0.25,
  chance: 0.5,
});

describe('applying worker messages to the store', () => {
  const setup: FromWorker = { type: 'setup', runs: [info(0), info(1)], teachers: [], preactivations: [] };

  it('appends evaluations per run and derives learned, diverged and steps-to-learn', () => {
    const s = apply(
      emptySlice(),
      setup,
      {
        type: 'progress',
        step: 100,
        points: [
          { run: 0, step: 100, testNmse: 0.5, accuracy: 0.7, trainLoss: 0.1 },
          { run: 1, step: 100, testNmse: 1.0, accuracy: 0.5, trainLoss: 0.2 },
        ],
        diverged: [],
        stepsPerSecond: 10,
      },
      {
        type: 'progress',
        step: 200,
        points: [{ run: 0, step: 200, testNmse: 0.05, accuracy: 1, trainLoss: 0.01 }],
        diverged: [{ run: 1, step: 150 }],
        stepsPerSecond: 12,
      },
    );
    expect(s.engine).toBe('running');
    expect(s.step).toBe(200);
    expect(s.runs[0]!.curve.map((p) => p.step)).toEqual([100, 200]);
    expect(s.runs[0]!.status).toBe('learned');
    expect(s.runs[0]!.stepsToLearn).toBe(200);
    expect(s.runs[1]!.status).toBe('diverged');
    expect(s.runs[1]!.divergedAt).toBe(150);
    expect(s.runs[1]!.stepsToLearn).toBeNull();
  });

  it('marks a run done when it reaches its budget without learning', () => {
    const s = apply(
      emptySlice(),
      { type: 'setup', runs: [info(0, 100)], teachers: [], preactivations: [] },
      {
        type: 'progress',
        step: 100,
        points: [{ run: 0, step: 100, testNmse: 1.01, accuracy: 0.5, trainLoss: 0.25 }],
        diverged: [],
        stepsPerSecond: 1,
      },
    );
    expect(s.runs[0]!.status).toBe('done');
  });

  it('keeps the curves when the worker reports an error', () => {
    const s = apply(
      emptySlice(),
      setup,
      {
        type: 'progress',
        step: 10,
        points: [{ run: 0, step: 10, testNmse: 1, accuracy: 0.5, trainLoss: 0.3 }],
        diverged: [],
        stepsPerSecond: 1,
      },
      { type: 'error', message: 'boom' },
    );
    expect(s.engine).toBe('crashed');
    expect(s.engineMessage).toBe('boom');
    expect(s.runs[0]!.curve).toHaveLength(1);
  });
});

describe('presets', () => {
  it.each(PRESETS.map((p) => [p.id, p] as const))('%s opens without notices as a valid experiment', (_id, preset) => {
    const { experiment, notices } = parsePermalink(preset.query);
    expect(notices).toEqual([]);
    expect(validateExperiment(experiment).ok).toBe(true);
    expect(expandRuns(experiment).length).toBeGreaterThan(0);
  });

  it('include the four the lecture needs', () => {
    const queries = PRESETS.map((p) => p.query);
    expect(queries).toContain('');
    expect(queries.some((q) => q.includes('vs=w:normal,uniform,rademacher'))).toBe(true);
    expect(queries.some((q) => q.includes('vs=k:2,3,4,5,6,7') && q.includes('steps=40000'))).toBe(true);
    expect(queries.some((q) => q.includes('train=5000'))).toBe(true);
  });
});
