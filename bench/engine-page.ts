/**
 * The training engine driven bare in a page (no worker, no store, no charts),
 * for the benchmarks: `window.nwlBench.run(opts)` trains and times it,
 * `runExperiment` drives a whole experiment the way the worker does (with its
 * evaluations), and `runIdiomatic` times the textbook tfjs loop beside it.
 * `countKernels` and `countTfjsOptimizerKernels` count what a step
 * dispatches (tf.profile); `hasBackend` and `gpuAdapter` say what this
 * build and browser offer.
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
import { initBackend, webgpuAdapterInfo, type AdapterInfo } from '../src/train/backend';
import { tallyKernels } from '../src/train/kernelCount';
import { pointWasmAtBundle } from '../src/worker/wasmBinaries';
import { ExperimentDriver } from '../src/train/driver';
import type { RunSetup, StrategyChoice } from '../src/train/group';
import { lossAndGrads2d, type Layer2d } from '../src/train/mlp2d';
import { groupShape, layerSizes } from '../src/train/student';
import { TrainingSession, type SessionOptions } from '../src/train/session';
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

export interface KernelCountOptions {
  backend: BackendName;
  strategy: StrategyChoice;
  runs: number;
  /** Permalink query for the base experiment (axes are replaced). */
  query?: string;
  /**
   * Two chunk lengths profiled one after the other: their difference is the
   * work of the extra steps alone, without each chunk's read of the losses.
   */
  steps: [number, number];
  /**
   * The engine's optimizer step (issue 9 item 2, SessionOptions.optimizer
   * on the engine's branch): 'tfjs' for tfjs' own optimizers, absent for the
   * engine's default. A build without the option ignores it.
   */
  optimizer?: 'tfjs' | 'fused';
}

export interface KernelCount {
  backend: string;
  strategy: string;
  runs: number;
  /** The optimizer asked for ('default': the engine's own choice). */
  optimizer: string;
  /** Kernels dispatched per step of the session (every run stepped once). */
  perStep: number;
  /** perStep / runs. */
  perRunStep: number;
  /** Kernels of one chunk besides its steps (stacking and reading the losses). */
  perChunk: number;
  /** Kernel name -> count per run-step. */
  byName: Record<string, number>;
  /**
   * Kernel name -> ms per run-step while profiled, over the longer chunk
   * (profiling adds its own cost; the split is what counts).
   */
  msByName: Record<string, number>;
}

/** (b - a) / divisor per name, for the names of b. */
function perUnit(
  a: Map<string, number>,
  b: Map<string, number>,
  divisor: number,
  digits: number,
): Record<string, number> {
  const f = 10 ** digits;
  const out: [string, number][] = [];
  for (const [name, v] of b) {
    const x = Math.round(((v - (a.get(name) ?? 0)) / divisor) * f) / f;
    if (x !== 0) out.push([name, x]);
  }
  return Object.fromEntries(out.sort((x, y) => y[1] - x[1]));
}

/** Kernels per run-step of the engine as it trains now (its optimizer, whichever it is). */
async function countKernels(opts: KernelCountOptions): Promise<KernelCount> {
  const info = await initBackend(opts.backend);
  const [a, b] = opts.steps;
  const setups = benchSetups(opts.query, opts.runs, a + b + 10);
  // Not a literal, so that a build whose SessionOptions has no `optimizer` yet still compiles (and ignores it).
  const sessionOptions: SessionOptions & { optimizer?: 'tfjs' | 'fused' } = {
    strategy: opts.strategy,
    ...(opts.optimizer ? { optimizer: opts.optimizer } : {}),
  };
  const session = await TrainingSession.create(setups, sessionOptions);
  try {
    // The optimizer's state is created on its first step: kept out of the count.
    await session.advance(3);
    const pa = tallyKernels(await tf.profile(async () => void (await session.advance(a))));
    const pb = tallyKernels(await tf.profile(async () => void (await session.advance(b))));
    const total = (m: Map<string, number>) => [...m.values()].reduce((s, x) => s + x, 0);
    const perStep = (total(pb.count) - total(pa.count)) / (b - a);
    return {
      backend: info.name,
      strategy: session.describe()[0]!.strategy,
      runs: opts.runs,
      optimizer: opts.optimizer ?? 'default',
      perStep,
      perRunStep: perStep / opts.runs,
      perChunk: total(pa.count) - a * perStep,
      byName: perUnit(pa.count, pb.count, (b - a) * opts.runs, 2),
      // Times from the longer chunk alone: a difference of two timings under load can come out negative.
      msByName: perUnit(new Map(), pb.ms, b * opts.runs, 4),
    };
  } finally {
    session.dispose();
  }
}

export interface OptimizerKernelCount {
  backend: string;
  optimizerName: string;
  /** Parameter tensors of one run (each layer's W and b). */
  parameterTensors: number;
  /** Kernels of tfjs' own optimizer for one run's step. */
  optimizerKernels: number;
  /** Kernels of one run's forward and hand-written backward pass (src/train/mlp2d.ts). */
  forwardBackwardKernels: number;
  /** Kernel name -> count, tfjs' optimizer for one run's step. */
  byName: Record<string, number>;
  /** Kernel name -> count, the forward and backward pass. */
  forwardBackwardByName: Record<string, number>;
}

/**
 * "Before" of kernelsPerRunStep: one run of the per-run strategy stepped
 * with tfjs' own optimizer (Adam with the engine's betas and epsilon, or
 * momentum), counted apart from the forward and backward pass. Written here
 * rather than asked of the engine, so that it still counts tfjs' optimizer
 * after the engine has replaced it.
 */
async function countTfjsOptimizerKernels(opts: KernelCountOptions): Promise<OptimizerKernelCount> {
  const info = await initBackend(opts.backend);
  const config = benchSetups(opts.query, 1, 10)[0]!.plan.config;
  const shape = groupShape(config);
  const vars = layerSizes(shape).flatMap(([fanIn, fanOut]) => [
    tf.variable(tf.randomNormal([fanIn, fanOut], 0, Math.sqrt(2 / fanIn), 'float32', 1)),
    tf.variable(tf.zeros([fanOut])),
  ]);
  const layers: Layer2d[] = [];
  for (let i = 0; i < vars.length; i += 2) layers.push({ W: vars[i] as tf.Tensor2D, b: vars[i + 1] as tf.Tensor1D });
  const x = tf.randomNormal([shape.bs, shape.n], 0, 1, 'float32', 3) as tf.Tensor2D;
  const y = tf.randomNormal([shape.bs, 1], 0, 1, 'float32', 4) as tf.Tensor2D;
  const optimizer =
    config.opt === 'adam' ? tf.train.adam(config.lr, 0.9, 0.999, 1e-8) : tf.train.momentum(config.lr, 0.9);
  const step = () =>
    tf.tidy(() => {
      const { loss, grads } = lossAndGrads2d(layers, x, y, shape.act);
      return {
        loss,
        named: grads.flatMap((g, l) => [
          { name: vars[2 * l]!.name, tensor: g.dW },
          { name: vars[2 * l + 1]!.name, tensor: g.db },
        ]),
      };
    });
  const apply = (named: { name: string; tensor: tf.Tensor }[]) => optimizer.applyGradients(named);
  try {
    // The first step creates the optimizer's state (its moments): kept out of the count.
    const first = step();
    apply(first.named);
    tf.dispose([first.loss, ...first.named.map((n) => n.tensor)]);
    let grads: ReturnType<typeof step> | null = null;
    const fb = tallyKernels(await tf.profile(() => void (grads = step())));
    const g = grads as ReturnType<typeof step> | null;
    if (!g) throw new Error('no gradients');
    const opt = tallyKernels(await tf.profile(() => apply(g.named)));
    tf.dispose([g.loss, ...g.named.map((n) => n.tensor)]);
    const sum = (m: Map<string, number>) => [...m.values()].reduce((s, v) => s + v, 0);
    return {
      backend: info.name,
      optimizerName: config.opt === 'adam' ? 'tf.train.adam' : 'tf.train.momentum',
      parameterTensors: vars.length,
      optimizerKernels: sum(opt.count),
      forwardBackwardKernels: sum(fb.count),
      byName: perUnit(new Map(), opt.count, 1, 2),
      forwardBackwardByName: perUnit(new Map(), fb.count, 1, 2),
    };
  } finally {
    optimizer.dispose();
    tf.dispose([...vars, x, y]);
  }
}

/** Whether a tfjs backend of this name is registered in this build (webgpu comes with the engine's work). */
function hasBackend(name: string): boolean {
  return tf.findBackendFactory(name) != null;
}

/** The WebGPU adapter this browser offers, or null: the engine's own check (train/backend.ts). */
const gpuAdapter = webgpuAdapterInfo;
export type { AdapterInfo };

const api = {
  run,
  runIdiomatic,
  runExperiment,
  countKernels,
  countTfjsOptimizerKernels,
  hasBackend,
  gpuAdapter,
  userAgent: () => navigator.userAgent,
};
export type NwlBench = typeof api;
(window as unknown as { nwlBench: NwlBench }).nwlBench = api;
document.getElementById('status')!.textContent = 'ready';
