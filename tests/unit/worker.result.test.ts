/**
 * What the worker posts and the store keeps is what the CLI prints: the
 * driver's events, turned into the worker's messages and applied to the
 * store, give the same result runs (influences, student histograms, secret)
 * as the headless run, byte for byte.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { parsePermalink } from '../../src/core/permalink';
import { buildResult, serialiseResult } from '../../src/core/result';
import { expandRuns } from '../../src/core/experiment';
import { buildRunInputs } from '../../src/core/run-inputs';
import { resultRuns } from '../../src/state/resultRuns';
import { reduceWorkerMessage, type RunsSlice } from '../../src/state/runsSlice';
import { runExperiment } from '../../src/train/run';
import type { FromWorker } from '../../src/worker/protocol';
import { runTrainerLoop } from './helpers/trainerLoop';
import type { Experiment } from '../../src/core/config';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const QUERY = 'n=16&m=8&d=6&k=2&h=8&steps=60&test=64&bs=16&vs=inputs:gaussian,parity,random,ksat';

function emptySlice(): RunsSlice {
  return {
    engine: 'starting',
    step: 0,
    stepsPerSecond: 0,
    backend: null,
    engineMessage: null,
    runs: [],
    teachers: [],
    patternWeights: [],
    workerLosses: [],
    noteWorkerLost: () => {},
    runsRevision: 0,
    setEngine: () => {},
    clearRuns: () => {},
    applyWorkerMessages: () => {},
  };
}

/** Runs the worker's own message loop (no worker around it) until it says it finished; every message it posts. */
async function trainInWorkerLoop(experiment: Experiment, runs?: number[]): Promise<FromWorker[]> {
  return runTrainerLoop([
    {
      type: 'start',
      experiment,
      backend: 'cpu',
      paused: false,
      speed: 'max',
      autoChoice: null,
      ...(runs ? { runs } : {}),
    },
  ]);
}

describe('the store of a browser run', () => {
  it('holds what the CLI prints for the same permalink', async () => {
    const { experiment, notices } = parsePermalink(QUERY);
    expect(notices).toEqual([]);
    const setups = expandRuns(experiment).map(buildRunInputs);
    const cli = buildResult({ experiment, notices, backend: 'cpu', runs: await runExperiment(setups) });

    // The worker's path: its real messages, from its own message loop, applied to the store as the page does.
    const posted = await trainInWorkerLoop(experiment);
    expect(posted.find((m) => m.type === 'error')).toBeUndefined();
    expect(posted[0]).toMatchObject({ type: 'backend', name: 'cpu', fallbackFrom: null });
    let s: RunsSlice = emptySlice();
    for (const m of posted) s = { ...s, ...reduceWorkerMessage(s, m) };
    expect(s.engine).toBe('finished');
    const browser = buildResult({ experiment, notices, backend: 'cpu', runs: resultRuns(s.runs) });
    expect(serialiseResult(browser)).toBe(serialiseResult(cli));
    // and it holds the pictures of the construction beside them
    expect(s.runs[1]!.teacherInfluence).toEqual(
      Array.from({ length: 6 }, (_, j) => (s.runs[1]!.secret!.includes(j) ? 1 : 0)),
    );
    expect(s.runs[2]!.teacherInfluence).toBeNull();
    expect(s.runs[0]!.unitPreactivations).toBeNull();
    expect(s.runs[1]!.unitPreactivations!.construction.map((g) => g.kind)).toEqual(['pattern', 'dead']);
    expect(s.patternWeights!.length).toBeGreaterThan(0);
  });

  it("names the experiment's runs in every message of a worker that trains a subset", async () => {
    const { experiment } = parsePermalink(QUERY);
    const posted = await trainInWorkerLoop(experiment, [1, 3]);
    expect(posted.find((m) => m.type === 'error')).toBeUndefined();
    const setup = posted.find((m) => m.type === 'setup');
    expect(setup?.type === 'setup' && setup.runs.map((r) => r.index)).toEqual([1, 3]);
    const progress = posted.flatMap((m) => (m.type === 'progress' ? [m] : []));
    expect(new Set(progress.flatMap((m) => m.points.map((p) => p.run)))).toEqual(new Set([1, 3]));
    expect(new Set(progress.flatMap((m) => (m.snapshots ?? []).map((p) => p.run)))).toEqual(new Set([1, 3]));
    const weights = posted.flatMap((m) => (m.type === 'weights' ? [m] : []));
    expect(weights.length).toBeGreaterThan(0);
    for (const w of weights) expect([0, 1, 2, 3].filter((i) => w.histograms[i])).toEqual([1, 3]);
    expect(posted[posted.length - 1]).toMatchObject({ type: 'finished' });
  });

  it('refuses runs the experiment does not have, with a message', async () => {
    const { experiment } = parsePermalink(QUERY);
    const posted = await trainInWorkerLoop(experiment, [0, 9]);
    expect(posted).toEqual([
      { type: 'error', message: 'training stopped: the worker was asked for runs 0, 9 of an experiment of 4' },
    ]);
  });
});
