/**
 * Every fused optimiser shares one WebAssembly instance and memory per
 * thread (src/train/simdArena.ts): a 256-run experiment once failed in the
 * browser with "WebAssembly.Instance(): Out of memory", one instance per run.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FusedAdam, FusedMomentum, type ParamUpdater } from '../../src/train/optimizer';
import { simdArena } from '../../src/train/simdArena';
import { simdKernels } from '../../src/train/simdKernels';

describe('the shared SIMD arena', () => {
  beforeAll(async () => {
    expect(await tf.setBackend('wasm')).toBe(true);
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it('is one instance per thread', () => {
    expect(simdKernels()).not.toBeNull();
    expect(simdKernels()).toBe(simdKernels());
    expect(simdArena()!.kernels).toBe(simdKernels());
  });

  it('hands out aligned, zeroed, disjoint blocks and reuses freed ones', () => {
    const arena = simdArena()!;
    const before = arena.inUse;
    const a = arena.alloc(100);
    const b = arena.alloc(40);
    expect(a % 16).toBe(0);
    expect(b % 16).toBe(0);
    expect(b >= a + 100 || a >= b + 40).toBe(true);
    arena.f32(a, 25).fill(7);
    arena.release(a);
    const c = arena.alloc(64);
    expect(c).toBe(a);
    expect(Array.from(arena.f32(c, 16))).toEqual(new Array(16).fill(0));
    arena.release(b);
    arena.release(c);
    arena.release(c);
    expect(arena.inUse).toBe(before);
  });

  it('makes and steps 256 optimisers of the small 256-run experiment without running out of memory', () => {
    // n = 32, h = 16, depth 1: W1 32x16, b1 16, W2 16x1, b2 1.
    const shapes = [[32, 16], [16], [16, 1], [1]];
    const optimisers: ParamUpdater[] = [];
    const vars = shapes.map((s) => tf.variable(tf.ones(s)));
    const grads = shapes.map((s) => tf.fill(s, 0.5));
    const arena = simdArena()!;
    const before = arena.inUse;
    try {
      for (let r = 0; r < 256; r++) {
        const opt = r % 2 === 0 ? new FusedAdam(1e-3) : new FusedMomentum(1e-3);
        opt.apply(vars, grads);
        optimisers.push(opt);
      }
      // Each block holds 3 or 4 arrays of the 545 padded parameters.
      expect(arena.inUse).toBeGreaterThanOrEqual(before + 256 * 3 * 548 * 4);
      expect(arena.kernels).toBe(simdKernels());
    } finally {
      for (const o of optimisers) o.dispose();
      tf.dispose([...vars, ...grads]);
    }
    expect(arena.inUse).toBe(before);
  });
});
