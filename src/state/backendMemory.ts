/**
 * What 'auto' measured fastest, remembered per device and per shape class
 * of experiment, in localStorage: the next Start on this device trains on
 * it at once, without measuring between the click and the first step
 * (docs/architecture.md, "Engines"). The device is what the workers say
 * the GPU is (worker/training/device.ts); the shape class buckets the work
 * of one step, so that k = 5 instead of 6, or another seed, reuses the
 * choice, while n = 512 against n = 32 does not.
 */
import type { Experiment } from '../core/config';
import { expandRuns } from '../core/experiment';
import { stepCost } from '../core/split';
import type { ActualBackend } from '../worker/protocol';

export const BACKEND_MEMORY_KEY = 'nwl.autoBackend.v2';

type StorageLike = Pick<Storage, 'getItem' | 'setItem'>;

const BACKENDS: readonly ActualBackend[] = ['webgl', 'webgpu', 'wasm', 'cpu'];

/**
 * The shape class: how many runs train (in powers of two) and the work of
 * one run-step (in powers of four of its estimated cost), which is what
 * decides whether a GPU's batching beats the CPU.
 */
export function shapeClass(e: Experiment): string {
  const configs = expandRuns(e).map((r) => r.config);
  const runs = Math.ceil(Math.log2(Math.max(1, configs.length)));
  const cost = Math.max(...configs.map(stepCost));
  const work = Math.round(Math.log(cost / 3e-4) / Math.log(4));
  const depth = Math.max(...configs.map((c) => c.depth));
  return `R2^${runs} w4^${work} depth${depth}`;
}

export class BackendMemory {
  private choices: Record<string, ActualBackend> = {};

  constructor(private readonly storage: StorageLike | null) {
    try {
      const saved = JSON.parse(storage?.getItem(BACKEND_MEMORY_KEY) ?? '{}') as Record<string, unknown>;
      for (const [k, v] of Object.entries(saved))
        if (BACKENDS.includes(v as ActualBackend)) this.choices[k] = v as ActualBackend;
    } catch {
      // Unreadable or blocked storage: measure again, nothing is lost.
    }
  }

  private key(device: string, e: Experiment): string {
    return `${device} | ${shapeClass(e)}`;
  }

  /** The backend measured fastest for this device and shape class, or null when none was. */
  recall(device: string, e: Experiment): ActualBackend | null {
    return this.choices[this.key(device, e)] ?? null;
  }

  remember(device: string, e: Experiment, backend: ActualBackend): void {
    this.choices[this.key(device, e)] = backend;
    try {
      this.storage?.setItem(BACKEND_MEMORY_KEY, JSON.stringify(this.choices));
    } catch {
      // Full or blocked storage: the choice still holds for this page.
    }
  }
}

/** The page's localStorage, where it can be used. */
export function pageStorage(): StorageLike | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
