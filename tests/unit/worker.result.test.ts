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
import { ExperimentDriver, type DriverEvent } from '../../src/train/driver';
import { runExperiment } from '../../src/train/run';
import type { FromWorker } from '../../src/worker/protocol';
import { preactivationViews, scienceSetup, teacherViews } from '../../src/worker/views';

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

function progress(e: DriverEvent): FromWorker {
  return {
    type: 'progress',
    step: e.step,
    points: e.points,
    diverged: e.diverged,
    stepsPerSecond: 0,
    snapshots: e.snapshots,
  };
}

describe('the store of a browser run', () => {
  it('holds what the CLI prints for the same permalink', async () => {
    const { experiment, notices } = parsePermalink(QUERY);
    expect(notices).toEqual([]);
    const setups = expandRuns(experiment).map(buildRunInputs);
    const cli = buildResult({ experiment, notices, backend: 'cpu', runs: await runExperiment(setups) });

    // The worker's path: its setup message, then one progress message per driver event, in chunks of 7 steps.
    const runs = expandRuns(experiment).map(buildRunInputs);
    const driver = await ExperimentDriver.create(runs);
    const variances = driver.session.labelVariances();
    let s: RunsSlice = emptySlice();
    const apply = (m: FromWorker) => (s = { ...s, ...reduceWorkerMessage(s, m) });
    apply({
      type: 'setup',
      runs: runs.map((r, i) => ({
        index: i,
        label: r.plan.label,
        values: r.plan.values as Record<string, unknown>,
        steps: r.plan.config.steps,
        inputs: r.plan.config.inputs,
        binaryLabels: r.sampler.binaryLabels,
        labelVariance: variances[i]!,
        chance: null,
      })),
      teachers: teacherViews(runs),
      preactivations: preactivationViews(runs),
      science: scienceSetup(runs),
    });
    try {
      apply(progress(await driver.start()));
      while (!driver.done) apply(progress(await driver.advance(7)));
    } finally {
      driver.dispose();
    }
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
});
