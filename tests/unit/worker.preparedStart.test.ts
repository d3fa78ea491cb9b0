/**
 * A start built while the page is idle (worker/training/preparedStart.ts):
 * the Start it was built for takes it and trains without building again,
 * with the numbers of a start from scratch; any other Start drops it and
 * builds its own, so a stale preparation never changes a number.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Experiment } from '../../src/core/config';
import { parsePermalink } from '../../src/core/permalink';
import { buildResult, serialiseResult } from '../../src/core/result';
import { resultRuns } from '../../src/state/resultRuns';
import { reduceWorkerMessage, type RunsSlice } from '../../src/state/runsSlice';
import { ExperimentDriver } from '../../src/train/driver';
import type { ToWorker } from '../../src/worker/protocol';
import { startKey } from '../../src/worker/training/preparedStart';
import { runTrainerLoop } from './helpers/trainerLoop';

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterEach(() => vi.restoreAllMocks());

const A = parsePermalink('n=16&m=8&d=6&k=2&h=8&steps=40&test=64&bs=16&vs=inputs:gaussian,parity').experiment;
const B = parsePermalink('n=16&m=8&d=6&k=3&h=8&steps=40&test=64&bs=16&vs=inputs:gaussian,parity').experiment;

const request = (experiment: Experiment) => ({ experiment, backend: 'cpu' as const, autoChoice: null });

/** Sends the messages in order, then waits for 'finished'; the result the store would build from what was posted. */
async function train(messages: ToWorker[]): Promise<string> {
  const posted = await runTrainerLoop(messages);
  expect(posted.find((m) => m.type === 'error')).toBeUndefined();
  const start = messages.find((m) => m.type === 'start')!;
  if (start.type !== 'start') throw new Error('no start');
  let s = { runs: [], teachers: [], patternWeights: [], workerLosses: [] } as unknown as RunsSlice;
  for (const m of posted) s = { ...s, ...reduceWorkerMessage(s, m) };
  return serialiseResult(
    buildResult({ experiment: start.experiment, notices: [], backend: 'cpu', runs: resultRuns(s.runs) }),
  );
}

const startOf = (experiment: Experiment): ToWorker => ({
  type: 'start',
  ...request(experiment),
  paused: false,
  speed: 'max',
});

describe('a start prepared while idle', () => {
  it('is taken by its Start, which builds nothing and trains the same numbers', async () => {
    const fresh = await train([startOf(A)]);
    const create = vi.spyOn(ExperimentDriver, 'create');
    const prepared = await train([{ type: 'prepare', ...request(A) }, startOf(A)]);
    expect(create).toHaveBeenCalledTimes(1); // by the preparation, none by the Start
    expect(prepared).toBe(fresh);
  });

  it('is dropped by a different Start, which builds its own', async () => {
    const fresh = await train([startOf(B)]);
    const create = vi.spyOn(ExperimentDriver, 'create');
    const dispose = vi.spyOn(ExperimentDriver.prototype, 'dispose');
    const other = await train([{ type: 'prepare', ...request(A) }, startOf(B)]);
    expect(create).toHaveBeenCalledTimes(2);
    expect(dispose).toHaveBeenCalled(); // the preparation's driver, not kept
    expect(other).toBe(fresh);
  });

  it('is keyed by what decides the runs and the backend, not by how the request words it', () => {
    const base = startKey(request(A));
    expect(startKey({ ...request(A), runs: [1] })).not.toBe(base);
    expect(startKey({ ...request(A), backend: 'wasm' })).not.toBe(base);
    expect(startKey({ ...request(A), autoChoice: 'webgl' })).toBe(base); // 'cpu' by name: no auto choice applies
    const auto = { ...request(A), backend: 'auto' as const };
    expect(startKey({ ...auto, autoChoice: 'wasm' })).toBe(startKey(auto)); // auto starts on wasm either way
    expect(startKey({ ...auto, autoChoice: 'webgl' })).not.toBe(startKey(auto));
    expect(startKey(request(B))).not.toBe(base);
    expect(
      startKey(
        request(parsePermalink('n=16&m=8&d=6&k=2&h=8&steps=40&test=64&bs=16&vs=inputs:gaussian,parity').experiment),
      ),
    ).toBe(base);
  });
});
