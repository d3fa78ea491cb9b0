/**
 * Backend choice in Node: no WebGL context can be made, so auto and webgl
 * fall back to wasm and say why; the strategy follows the backend.
 */
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { chooseStrategy } from '../../src/train/group';
import { currentBackend, initBackend } from '../../src/train/backend';
import { TrainingSession } from '../../src/train/session';
import { setup } from './helpers/trainFixtures';
import { simdPaysAt } from '../../src/train/simdGroup';

describe('initBackend in Node', () => {
  it('auto skips WebGL and runs wasm', async () => {
    const info = await initBackend('auto');
    expect(info.name).toBe('wasm');
    expect(info.reason).toMatch(/WebGL/);
    expect(tf.getBackend()).toBe('wasm');
    expect(currentBackend()).toBe('wasm');
  });

  it('webgl falls back to wasm and says why', async () => {
    const info = await initBackend('webgl');
    expect(info).toEqual({ name: 'wasm', reason: expect.stringMatching(/^wasm, because no WebGL context/) });
  });

  it('cpu and wasm start as requested', async () => {
    expect(await initBackend('cpu')).toEqual({ name: 'cpu', reason: 'cpu as requested' });
    expect(tf.getBackend()).toBe('cpu');
    expect(await initBackend('wasm')).toEqual({ name: 'wasm', reason: 'wasm as requested' });
  });

  it('auto picks the SIMD engine on wasm and cpu, batched on webgl', async () => {
    expect(chooseStrategy('auto', 'wasm')).toBe('simd');
    expect(chooseStrategy('auto', 'cpu')).toBe('simd');
    expect(chooseStrategy('per-run', 'wasm')).toBe('per-run');
    // auto keeps tfjs' per-run steps where the bench measured them faster (n = h = 512 and up).
    expect(simdPaysAt({ n: 128, h: 128 })).toBe(true);
    expect(simdPaysAt({ n: 512, h: 512 })).toBe(false);
    expect(chooseStrategy('auto', 'webgl')).toBe('batched');
    expect(chooseStrategy('batched', 'wasm')).toBe('batched');
    await initBackend('wasm');
    const session = await TrainingSession.create([setup()]);
    expect(session.backend).toBe('wasm');
    expect(session.describe()).toEqual([{ strategy: 'simd', runs: [0] }]);
    session.dispose();
  });
});
