/**
 * The training engine driven bare in a page (no worker, no store, no charts),
 * for the benchmarks: `window.nwlBench.run(opts)` trains and times it.
 */
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import * as tf from '@tensorflow/tfjs-core';
import { defaultExperiment, type BackendName } from '../src/core/config';
import { expandRuns } from '../src/core/experiment';
import { parsePermalink } from '../src/core/permalink';
import { buildRunInputs } from '../src/core/run-inputs';
import { initBackend, setWasmBinaryPath } from '../src/train/backend';
import type { StrategyChoice } from '../src/train/group';
import { TrainingSession } from '../src/train/session';

setWasmBinaryPath({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});

export interface BenchOptions {
  backend: BackendName;
  strategy: StrategyChoice;
  /** Runs trained together. */
  runs: number;
  /** Permalink query for the base experiment (axes are replaced). */
  query?: string;
  warmupSteps: number;
  steps: number;
  chunk: number;
}

export interface BenchResult {
  backend: string;
  strategy: string;
  runs: number;
  steps: number;
  seconds: number;
  stepsPerSecond: number;
  runStepsPerSecond: number;
  tensorsBefore: number;
  tensorsAfter: number;
}

async function run(opts: BenchOptions): Promise<BenchResult> {
  const info = await initBackend(opts.backend);
  const base = opts.query ? parsePermalink(opts.query).experiment.base : defaultExperiment().base;
  // R copies of the base that differ only in the student seed, so they share a shape and train as one group.
  const experiment = {
    base: { ...base, steps: opts.warmupSteps + opts.steps + 1 },
    axes:
      opts.runs > 1 ? [{ field: 'sseed' as const, values: Array.from({ length: opts.runs }, (_, i) => i + 1) }] : [],
  };
  const setups = expandRuns(experiment).map((plan) => {
    const r = buildRunInputs(plan);
    return { plan: r.plan, sampler: r.sampler };
  });
  const session = await TrainingSession.create(setups, { strategy: opts.strategy });
  try {
    const strategy = session.describe()[0]!.strategy;
    for (let done = 0; done < opts.warmupSteps; done += opts.chunk) await session.advance(opts.chunk);
    const tensorsBefore = tf.memory().numTensors;
    const t0 = performance.now();
    for (let done = 0; done < opts.steps; done += opts.chunk)
      await session.advance(Math.min(opts.chunk, opts.steps - done));
    const seconds = (performance.now() - t0) / 1000;
    return {
      backend: info.name,
      strategy,
      runs: opts.runs,
      steps: opts.steps,
      seconds,
      stepsPerSecond: opts.steps / seconds,
      runStepsPerSecond: (opts.steps * opts.runs) / seconds,
      tensorsBefore,
      tensorsAfter: tf.memory().numTensors,
    };
  } finally {
    session.dispose();
  }
}

(window as unknown as { nwlBench: { run: typeof run } }).nwlBench = { run };
document.getElementById('status')!.textContent = 'ready';
