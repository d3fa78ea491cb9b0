/** What 'auto' remembers per device and shape class (src/state/backendMemory.ts). */
import { describe, expect, it } from 'vitest';
import { parsePermalink } from '../../src/core/permalink';
import { BACKEND_MEMORY_KEY, BackendMemory, shapeClass } from '../../src/state/backendMemory';

class MemoryStorage {
  items = new Map<string, string>();
  getItem(k: string): string | null {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string): void {
    this.items.set(k, v);
  }
}

const experiment = (q: string) => parsePermalink(q).experiment;
const GPU = 'webgl: ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device))';

describe('the backend memory', () => {
  it('recalls a choice on the same device for an experiment of the same shape class', () => {
    const storage = new MemoryStorage();
    new BackendMemory(storage).remember(GPU, experiment('k=5'), 'webgl');
    // A new page (a reload) reads it back; another k or seed is the same class.
    const again = new BackendMemory(storage);
    expect(again.recall(GPU, experiment('k=6'))).toBe('webgl');
    expect(again.recall(GPU, experiment('seed=3'))).toBe('webgl');
  });

  it('does not recall it on another device or for another shape class', () => {
    const memory = new BackendMemory(new MemoryStorage());
    memory.remember(GPU, experiment(''), 'webgl');
    expect(memory.recall('webgl: another GPU', experiment(''))).toBeNull();
    expect(memory.recall(GPU, experiment('n=512&h=512'))).toBeNull();
    expect(memory.recall(GPU, experiment('vs=seed:1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16'))).toBeNull();
    expect(shapeClass(experiment('n=512&h=512'))).not.toBe(shapeClass(experiment('')));
  });

  it('survives storage that is broken, blocked or full', () => {
    const broken = new MemoryStorage();
    broken.setItem(BACKEND_MEMORY_KEY, '{not json');
    expect(new BackendMemory(broken).recall(GPU, experiment(''))).toBeNull();
    const junk = new MemoryStorage();
    junk.setItem(BACKEND_MEMORY_KEY, JSON.stringify({ x: 'quantum' }));
    expect(new BackendMemory(junk).recall('x', experiment(''))).toBeNull();
    const full = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    const memory = new BackendMemory(full);
    memory.remember(GPU, experiment(''), 'wasm');
    expect(memory.recall(GPU, experiment(''))).toBe('wasm');
    const none = new BackendMemory(null);
    none.remember(GPU, experiment(''), 'webgl');
    expect(none.recall(GPU, experiment(''))).toBe('webgl');
  });
});
