/**
 * A warm worker's question about the GPU (it creates WebGL and WebGPU
 * contexts: seconds on a software renderer) must not hold the messages
 * behind it: the preparation and the Start run while it is still out, and
 * its 'ready' comes when it is answered.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { parsePermalink } from '../../src/core/permalink';
import type { RunningBackend } from '../../src/train/backend';
import { ExperimentDriver } from '../../src/train/driver';
import type { FromWorker, ToWorker } from '../../src/worker/protocol';
import { Trainer } from '../../src/worker/training/trainer';

let answerGpu: (backends: RunningBackend[]) => void = () => {};
vi.mock('../../src/worker/training/backendChoice', async (original) => ({
  ...(await original<typeof import('../../src/worker/training/backendChoice')>()),
  gpuCandidates: () => new Promise<RunningBackend[]>((resolve) => (answerGpu = resolve)),
}));

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const experiment = parsePermalink('n=16&m=8&d=6&k=2&h=8&steps=40&test=64&bs=16').experiment;
const request = { experiment, backend: 'cpu' as const, autoChoice: null };

describe('a warm worker asked what the GPU is', () => {
  it('prepares and trains a Start while the answer is still out, and says ready once it comes', async () => {
    const posted: FromWorker[] = [];
    let finished: () => void = () => {};
    const done = new Promise<void>((resolve) => (finished = resolve));
    const trainer = new Trainer((msg) => {
      posted.push(msg);
      if (msg.type === 'finished' || msg.type === 'error') finished();
    });
    const create = vi.spyOn(ExperimentDriver, 'create');
    // As a worker receives them: back to back, without waiting for one to be handled.
    const messages: ToWorker[] = [
      { type: 'warm', describe: true },
      { type: 'prepare', ...request },
      { type: 'start', ...request, paused: false, speed: 'max' },
    ];
    for (const m of messages) void trainer.receive(m);
    await done;
    expect(posted.find((m) => m.type === 'error')).toBeUndefined();
    expect(posted.some((m) => m.type === 'ready')).toBe(false); // the GPU question is still out
    expect(create).toHaveBeenCalledTimes(1); // by the preparation: the Start took it
    answerGpu([]);
    await vi.waitFor(() =>
      expect(posted.filter((m) => m.type === 'ready')).toEqual([{ type: 'ready', device: '', gpu: false }]),
    );
  });
});
