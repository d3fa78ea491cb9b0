/**
 * The training engine driven bare in a page (no worker, no store, no charts),
 * for the benchmarks: `window.nwlBench.run(opts)` trains and times it,
 * `runExperiment` drives a whole experiment the way the worker does (with its
 * evaluations), and `runIdiomatic` times the textbook tfjs loop beside it.
 */
// tfjs' own gradient rules, as a page using the union package gets them, for the idiomatic loop. They are
// the rules src/train/autodiff.ts writes out (it skips kernels already registered), so the engine's
// batched strategy differentiates the same way here as in the app.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import * as tf from '@tensorflow/tfjs-core';
import { defaultExperiment, type BackendName, type Experiment } from '../src/core/config';
import { expandRuns } from '../src/core/experiment';
import { parsePermalink } from '../src/core/permalink';
import { buildRunInputs } from '../src/core/run-inputs';
import { initBackend } from '../src/train/backend';
import { pointWasmAtBundle } from '../src/worker/wasmBinaries';
import { ExperimentDriver } from '../src/train/driver';
import type { RunSetup, StrategyChoice } from '../src/train/group';
import { TrainingSession } from '../src/train/session';
import { IdiomaticLoop } from './idiomatic';

pointWasmAtBundle();

export interface BenchOptions {
  backend: BackendName;
  strategy: StrategyChoice;
  /** Runs trained together. */
  runs: number;
  /** Permalink query for the base experiment (axes are replaced). */
  query?: string;
  warmupSteps: number;
  /** Steps timed; with targetSeconds, the most steps timed. */
  steps: number;
  /** Steps per asynchronous read of the losses; with chunkMs, the most. */
  chunk: number;
  /**
   * Resize chunks toward this many milliseconds, as the worker does: one
   * figure then spans sizes whose steps take from 1 ms to a second.
   */
  chunkMs?: number;
  /** Stop timing after the first whole chunk that ends past this many seconds (SwiftShader's pace varies tenfold). */
  targetSeconds?: number;
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
  /** Steps per read at the end (the adaptive chunk's last size). */
  chunk: number;
}

/** What a timed loop steps: a chunk of steps, then one asynchronous read. */
interface Stepper {
  readonly strategy: string;
  advance(k: number): Promise<unknown>;
}

/** R runs that share the base's shape and differ only in the student seed, so they train as one group. */
function benchSetups(query: string | undefined, runs: number, budget: number): RunSetup[] {
  const base = query ? parsePermalink(query).experiment.base : defaultExperiment().base;
  const experiment: Experiment = {
    base: { ...base, steps: budget },
    axes: runs > 1 ? [{ field: 'sseed', values: Array.from({ length: runs }, (_, i) => i + 1) }] : [],
  };
  // A RunInputs is already a RunSetup (plan and sampler); the teacher comes along unused.
  return expandRuns(experiment).map(buildRunInputs);
}

async function timeLoop(opts: BenchOptions, backend: string, stepper: Stepper): Promise<BenchResult> {
  // Adaptive chunks start at one step: a single step of the largest shapes on SwiftShader takes a second.
  let k = opts.chunkMs === undefined ? opts.chunk : 1;
  const chunk = async (most: number): Promise<number> => {
    const n = Math.min(k, most);
    const t = performance.now();
    await stepper.advance(n);
    if (opts.chunkMs !== undefined) {
      const dt = Math.max(1, performance.now() - t);
      k = Math.max(1, Math.min(opts.chunk, 2 * k, Math.round((k * opts.chunkMs) / dt)));
    }
    return n;
  };
  for (let done = 0; done < opts.warmupSteps;) done += await chunk(opts.warmupSteps - done);
  const tensorsBefore = tf.memory().numTensors;
  const limitMs = opts.targetSeconds === undefined ? Infinity : opts.targetSeconds * 1000;
  const t0 = performance.now();
  let done = 0;
  while (done < opts.steps && performance.now() - t0 < limitMs) done += await chunk(opts.steps - done);
  const seconds = (performance.now() - t0) / 1000;
  return {
    backend,
    strategy: stepper.strategy,
    runs: opts.runs,
    steps: done,
    seconds,
    stepsPerSecond: done / seconds,
    runStepsPerSecond: (done * opts.runs) / seconds,
    tensorsBefore,
    tensorsAfter: tf.memory().numTensors,
    chunk: k,
  };
}

async function run(opts: BenchOptions): Promise<BenchResult> {
  const info = await initBackend(opts.backend);
  const setups = benchSetups(opts.query, opts.runs, opts.warmupSteps + opts.steps + 1);
  const session = await TrainingSession.create(setups, { strategy: opts.strategy });
  try {
    const stepper: Stepper = {
      strategy: session.describe()[0]!.strategy,
      advance: (k) => session.advance(k),
    };
    return await timeLoop(opts, info.name, stepper);
  } finally {
    session.dispose();
  }
}

/** The textbook tfjs loop on the same data as `run` (the strategy option is ignored). */
async function runIdiomatic(opts: BenchOptions): Promise<BenchResult> {
  const info = await initBackend(opts.backend);
  const loop = new IdiomaticLoop(benchSetups(opts.query, opts.runs, opts.warmupSteps + opts.steps + 1));
  try {
    return await timeLoop(opts, info.name, loop);
  } finally {
    loop.dispose();
  }
}

export interface ExperimentOptions {
  backend: BackendName;
  /** Permalink query of the whole experiment, axes included; the default experiment when absent. */
  query?: string;
  /** Trained untimed first (shader compilation, the first evaluations' warm-up). */
  warmToStep: number;
  /** Timing stops at the first event past this step or past `seconds`, whichever comes first. */
  toStep: number;
  seconds: number;
}

export interface ExperimentResult {
  backend: string;
  strategy: string;
  runs: number;
  fromStep: number;
  toStep: number;
  seconds: number;
  /** Session steps per second (each step trains every run), the figure the app shows. */
  stepsPerSecond: number;
}

/**
 * An experiment driven the way the worker drives it (evaluations at the same
 * steps, chunks cut at them), flat out and on the page's own thread: the
 * reference for the app's overhead.
 */
async function runExperiment(opts: ExperimentOptions): Promise<ExperimentResult> {
  const info = await initBackend(opts.backend);
  const experiment = opts.query ? parsePermalink(opts.query).experiment : defaultExperiment();
  const setups = expandRuns(experiment).map(buildRunInputs);
  const driver = await ExperimentDriver.create(setups);
  try {
    await driver.start();
    while (driver.step < opts.warmToStep && !driver.done) await driver.advance(opts.warmToStep - driver.step);
    const fromStep = driver.step;
    const t0 = performance.now();
    while (driver.step < opts.toStep && !driver.done && performance.now() - t0 < opts.seconds * 1000) {
      await driver.advance(opts.toStep - driver.step);
    }
    const seconds = (performance.now() - t0) / 1000;
    return {
      backend: info.name,
      strategy: driver.session.describe()[0]!.strategy,
      runs: setups.length,
      fromStep,
      toStep: driver.step,
      seconds,
      stepsPerSecond: (driver.step - fromStep) / seconds,
    };
  } finally {
    driver.dispose();
  }
}

const api = { run, runIdiomatic, runExperiment, userAgent: () => navigator.userAgent };
export type NwlBench = typeof api;
(window as unknown as { nwlBench: NwlBench }).nwlBench = api;
document.getElementById('status')!.textContent = 'ready';
