/**
 * Which tfjs backend a worker trains on. A backend asked for by name starts
 * (or falls back, said in the reason). 'auto' never measures between Start
 * and the first step: it takes the choice the page remembers for this
 * device and shape class (state/backendMemory.ts), or starts on wasm at
 * once. Measuring is a separate request the page makes while it is idle
 * (`measureBackends`), and a Start stops it early.
 */
import type { RunInputs } from '../../core/run-inputs';
import { canStart, initBackend, type RunningBackend } from '../../train/backend';
import { ExperimentDriver } from '../../train/driver';
import type { BackendName } from '../../core/config';
import type { ActualBackend } from '../protocol';

/** How long each backend is timed when measuring. */
const MEASURE_MS = 400;

/** The backends 'auto' may choose, in the order it prefers on a tie. */
const AUTO_CANDIDATES: RunningBackend[] = ['webgpu', 'webgl', 'wasm'];

export interface BackendChoice {
  name: RunningBackend;
  reason: string;
  measured: Partial<Record<RunningBackend, number>> | null;
}

/** Says whether a measurement should stop now (a Start arrived). */
export type Cancelled = () => boolean;

/** Steps per second of these runs on the backend that is running now: a short warm-up, then a timed stretch. */
async function measure(runs: RunInputs[], cancelled: Cancelled): Promise<number | null> {
  const driver = await ExperimentDriver.create(runs);
  try {
    await driver.start();
    await driver.session.advance(3); // compiles shaders, allocates buffers
    let steps = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < MEASURE_MS) {
      if (cancelled()) return null;
      await driver.session.advance(2);
      steps += 2;
    }
    return (steps * 1000) / (performance.now() - t0);
  } finally {
    driver.dispose();
  }
}

/** Whether a GPU backend could run here at all (else 'auto' has nothing to measure: wasm). */
export async function gpuCandidates(): Promise<RunningBackend[]> {
  const available: RunningBackend[] = [];
  for (const b of AUTO_CANDIDATES) if (await canStart(b)) available.push(b);
  return available.some((b) => b === 'webgl' || b === 'webgpu') ? available : [];
}

/**
 * Times every candidate that can start here on these runs; on a real GPU
 * WebGL or WebGPU win, on software rendering (SwiftShader) wasm is an order
 * of magnitude faster, and the name of a backend says neither. Null when
 * cancelled or when no GPU backend can start (wasm, nothing to measure).
 * Leaves wasm running, the backend a Start without a choice takes.
 */
export async function measureBackends(
  runs: RunInputs[],
  cancelled: Cancelled,
): Promise<{ best: RunningBackend; measured: Partial<Record<RunningBackend, number>> } | null> {
  try {
    const available = await gpuCandidates();
    if (available.length === 0) return null;
    const measured: Partial<Record<RunningBackend, number>> = {};
    for (const b of available) {
      if (cancelled()) return null;
      const info = await initBackend(b);
      if (info.name !== b) continue;
      const rate = await measure(runs, cancelled);
      if (rate === null) return null;
      measured[b] = rate;
    }
    const ranked = (Object.keys(measured) as RunningBackend[]).sort((x, y) => measured[y]! - measured[x]!);
    return ranked[0] ? { best: ranked[0], measured } : null;
  } finally {
    await initBackend('wasm');
  }
}

/** Reads a measurement as the sentence the page shows. */
export function measuredReason(best: RunningBackend, measured: Partial<Record<RunningBackend, number>>): string {
  const rate = (b: RunningBackend) => `${Math.round(measured[b] ?? 0)} steps/s on ${b}`;
  const others = (Object.keys(measured) as RunningBackend[])
    .filter((b) => b !== best)
    .sort((x, y) => measured[y]! - measured[x]!)
    .map(rate)
    .join(', ');
  return `chosen automatically by measurement: ${rate(best)}${others ? ` against ${others}` : ''}`;
}

/**
 * The backend a Start trains on, without measuring: the one asked for by
 * name (or its fallback), the remembered choice of 'auto', or wasm.
 */
export async function chooseBackend(
  requested: BackendName,
  remembered: { backend: ActualBackend; why: string } | null,
): Promise<BackendChoice> {
  if (requested !== 'auto') return { ...(await initBackend(requested)), measured: null };
  if (remembered) {
    const info = await initBackend(remembered.backend);
    if (info.name === remembered.backend)
      return { name: info.name, reason: `${info.name}, ${remembered.why}`, measured: null };
  }
  // No probe of the GPU here: creating a context to ask costs time between the click and the first step.
  const info = await initBackend('wasm');
  return {
    name: info.name,
    reason:
      info.name === 'wasm'
        ? 'wasm chosen automatically to start at once; where a GPU backend can run, the page measures it while idle and uses it from then on if it is faster'
        : info.reason,
    measured: null,
  };
}
