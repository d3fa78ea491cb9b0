/// <reference lib="webworker" />
/**
 * The training worker: builds every run from its seeds, trains them with
 * src/train off the main thread, paces the work, and reports progress with
 * compact messages. One experiment at a time; the page starts a fresh
 * worker for every Start and Reset, so nothing here outlives its experiment.
 */
import type { Experiment } from '../core/config';
import { expandRuns } from '../core/experiment';
import { isBinary, majorityRate } from '../core/metrics';
import { buildRunInputs, type RunInputs } from '../core/run-inputs';
import { canStart, initBackend, webgpuAdapterInfo, webglContext, type RunningBackend } from '../train/backend';
import { ExperimentDriver, type DriverEvent } from '../train/driver';
import type { FromWorker, HistogramData, RunInfo, Speed, ToWorker } from './protocol';
import { pointWasmAtBundle } from './wasmBinaries';
import {
  preactivationViews,
  scienceSetup,
  scienceTransfer,
  studentWeightRange,
  teacherViews,
  toHistogramData,
} from './views';

declare const self: DedicatedWorkerGlobalScope;

pointWasmAtBundle();

/** One message per about this many milliseconds of training: smooth curves, little overhead. */
const CHUNK_MS = 40;
const MAX_CHUNK = 2000;
/** The students' histograms change slowly; each message redraws every histogram on the page. */
const WEIGHTS_EVERY_MS = 1500;
/** How long 'auto' times each backend before choosing. */
const MEASURE_MS = 400;
const CONTEXT_POLL_MS = 200;

interface State {
  experiment: Experiment;
  runs: RunInputs[];
  /** The experiment's index of each of `runs` (a pool worker trains a subset). */
  indices: number[];
  /** Runs in the whole experiment. */
  total: number;
  driver: ExperimentDriver;
  backend: RunningBackend;
  paused: boolean;
  /** Pause again at the next evaluation (the Step button). */
  stepping: boolean;
  speed: Speed;
  chunk: number;
  /** The last step whose evaluations the page has; a replay after a lost context posts only what is newer. */
  postedStep: number;
  lastWeights: number;
  loopRunning: boolean;
}

let state: State | null = null;

function post(msg: FromWorker, transfer: Transferable[] = []): void {
  self.postMessage(msg, transfer);
}

function histogramTransfer(hs: HistogramData[]): Transferable[] {
  return hs.flatMap((h) => [h.edges.buffer, h.counts.buffer]);
}

/**
 * A macrotask without setTimeout's 4 ms clamp for nested timers: lets pause
 * and speed messages in between chunks at no cost to the pace.
 */
const channel = new MessageChannel();
const waiting: (() => void)[] = [];
channel.port1.onmessage = () => waiting.shift()?.();
const macrotask = () =>
  new Promise<void>((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(null);
  });
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function runInfo(r: RunInputs, index: number, labelVariance: number, testLabels: ArrayLike<number> | null): RunInfo {
  const binary = r.sampler.binaryLabels;
  return {
    index,
    label: r.plan.label,
    values: r.plan.values as Record<string, unknown>,
    inputs: r.plan.config.inputs,
    steps: r.plan.config.steps,
    binaryLabels: binary,
    labelVariance,
    chance: binary && testLabels && isBinary(testLabels) ? majorityRate(testLabels) : null,
  };
}

async function buildDriver(runs: RunInputs[]): Promise<ExperimentDriver> {
  return ExperimentDriver.create(runs);
}

function postProgress(s: State, event: DriverEvent, stepsPerSecond: number): void {
  const isNew = (p: { step: number }) => p.step > s.postedStep || (s.postedStep === 0 && p.step === 0);
  const points = event.points.filter(isNew);
  const snapshots = event.snapshots.filter(isNew);
  if (points.length) s.postedStep = Math.max(s.postedStep, ...points.map((p) => p.step));
  post({
    type: 'progress',
    step: event.step,
    points: points.map((p) => ({ ...p, run: s.indices[p.run]! })),
    diverged: event.diverged.map((d) => ({ ...d, run: s.indices[d.run]! })),
    stepsPerSecond,
    snapshots: snapshots.map((p) => ({ ...p, run: s.indices[p.run]! })),
  });
}

async function postWeights(s: State): Promise<void> {
  const weights = await s.driver.session.snapshot();
  // Indexed by the experiment's run index; entries of runs other workers train stay empty.
  const hs = new Array<HistogramData>(s.total);
  weights.forEach((w, i) => {
    const [lo, hi] = studentWeightRange(s.runs[i]!.plan.config);
    hs[s.indices[i]!] = toHistogramData(w, lo, hi);
  });
  post({ type: 'weights', step: s.driver.step, histograms: hs }, histogramTransfer(hs));
}

/** Steps per second of these runs on the backend that is running now: a short warm-up, then a timed stretch. */
async function measure(runs: RunInputs[]): Promise<number> {
  const driver = await buildDriver(runs);
  try {
    await driver.start();
    await driver.session.advance(3); // compiles shaders, allocates buffers
    let steps = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < MEASURE_MS) {
      await driver.session.advance(2);
      steps += 2;
    }
    return (steps * 1000) / (performance.now() - t0);
  } finally {
    driver.dispose();
  }
}

/** The backends 'auto' may choose, in the order it prefers on a tie. */
const AUTO_CANDIDATES: RunningBackend[] = ['webgpu', 'webgl', 'wasm'];

/**
 * 'auto' measures every candidate that can start here on this experiment
 * and takes the fastest: on a real GPU WebGL or WebGPU win, on software
 * rendering (SwiftShader) wasm is an order of magnitude faster, and the name
 * of a backend says neither. With no GPU backend at all there is nothing to
 * measure: wasm (or cpu).
 */
async function chooseBackend(
  msg: Extract<ToWorker, { type: 'start' }>,
  runs: RunInputs[],
): Promise<{ name: RunningBackend; reason: string; measured: Partial<Record<RunningBackend, number>> | null }> {
  if (msg.backend !== 'auto') return { ...(await initBackend(msg.backend)), measured: null };
  if (msg.autoChoice) {
    const info = await initBackend(msg.autoChoice);
    if (info.name === msg.autoChoice) {
      return { name: info.name, reason: `${info.name}, measured fastest for this experiment earlier`, measured: null };
    }
  }
  const available: RunningBackend[] = [];
  for (const b of AUTO_CANDIDATES) if (await canStart(b)) available.push(b);
  if (!available.some((b) => b === 'webgl' || b === 'webgpu'))
    return { ...(await initBackend('wasm')), measured: null };
  const measured: Partial<Record<RunningBackend, number>> = {};
  for (const b of available) {
    const info = await initBackend(b);
    if (info.name === b) measured[b] = await measure(runs);
  }
  const ranked = (Object.keys(measured) as RunningBackend[]).sort((x, y) => measured[y]! - measured[x]!);
  const best = ranked[0] ?? 'wasm';
  const info = await initBackend(best);
  const rate = (b: RunningBackend) => `${Math.round(measured[b] ?? 0)} steps/s on ${b}`;
  const others = ranked.slice(1).map(rate).join(', ');
  return {
    name: info.name,
    reason: `${info.name} chosen automatically by measurement: ${rate(best)}${others ? ` against ${others}` : ''}`,
    measured,
  };
}

async function start(msg: Extract<ToWorker, { type: 'start' }>): Promise<void> {
  state?.driver.dispose();
  state = null;
  const plans = expandRuns(msg.experiment);
  const indices = msg.runs ?? plans.map((_, i) => i);
  if (indices.some((i) => !Number.isInteger(i) || i < 0 || i >= plans.length)) {
    throw new Error(`the worker was asked for runs ${indices.join(', ')} of an experiment of ${plans.length}`);
  }
  const runs = indices.map((i) => buildRunInputs(plans[i]!));
  const info = await chooseBackend(msg, runs);
  // A backend asked for by name that could not start is a fallback the page must announce.
  const fallbackFrom = msg.backend !== 'auto' && info.name !== msg.backend ? msg.backend : null;
  const adapter = info.name === 'webgpu' ? await webgpuAdapterInfo() : null;
  post({ type: 'backend', name: info.name, reason: info.reason, fallbackFrom, measured: info.measured, adapter });
  const driver = await buildDriver(runs);
  const variances = driver.session.labelVariances();
  const testLabels = driver.session.testLabels();
  const preactivations = preactivationViews(runs);
  const local = scienceSetup(runs);
  // Per-run arrays follow `runs` (like the setup's runs); run lists name the experiment's indices.
  const science = {
    ...local,
    patternWeights: local.patternWeights.map((v) => ({ ...v, runs: v.runs.map((i) => indices[i]!) })),
  };
  post(
    {
      type: 'setup',
      runs: runs.map((r, i) => runInfo(r, indices[i]!, variances[i]!, testLabels[i] ?? null)),
      teachers: teacherViews(runs).map((t) => ({ ...t, runs: t.runs.map((i) => indices[i]!) })),
      preactivations,
      science,
    },
    [...histogramTransfer(preactivations), ...scienceTransfer(science)],
  );
  state = {
    experiment: msg.experiment,
    runs,
    indices,
    total: plans.length,
    driver,
    backend: info.name,
    paused: msg.paused,
    stepping: false,
    speed: msg.speed,
    chunk: 10,
    postedStep: 0,
    lastWeights: 0,
    loopRunning: false,
  };
  postProgress(state, await driver.start(), 0);
  await postWeights(state);
  if (msg.paused) post({ type: 'paused', step: 0 });
  else void loop(state);
}

/**
 * WebGL lost its context: every tensor on the GPU is gone. The runs are
 * deterministic from their seeds, so rebuild them on the next backend and
 * replay silently to where the page is; only newer points are posted.
 */
async function recoverFromLostContext(s: State): Promise<void> {
  const reached = s.driver.step;
  try {
    s.driver.dispose();
  } catch {
    // The context is gone; disposing its textures may fail, and that is fine.
  }
  const info = await initBackend('wasm');
  post({
    type: 'backend',
    name: info.name,
    reason: `the WebGL context was lost at step ${reached}; training replayed to that step and continues on ${info.name}`,
    fallbackFrom: 'webgl',
    measured: null,
  });
  s.backend = info.name;
  s.driver = await buildDriver(s.runs);
  await s.driver.start();
  while (s.driver.step < reached && !s.driver.done) {
    await s.driver.advance(Math.min(MAX_CHUNK, reached - s.driver.step));
  }
}

/** Resolves with null once the WebGL context is lost (checked every CONTEXT_POLL_MS). */
function contextLoss(): Promise<null> {
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      const gl = webglContext();
      if (gl === null || gl.isContextLost()) {
        clearInterval(timer);
        resolve(null);
      }
    }, CONTEXT_POLL_MS);
    lossWatchers.push(() => clearInterval(timer));
  });
}

/** Pollers of contextLoss() still running; stopped after every chunk so they do not pile up. */
const lossWatchers: (() => void)[] = [];

function stopLossWatchers(): void {
  for (const stop of lossWatchers.splice(0)) stop();
}

function contextLost(s: State): boolean {
  if (s.backend !== 'webgl') return false;
  const gl = webglContext();
  return gl === null || gl.isContextLost();
}

async function loop(s: State): Promise<void> {
  if (s.loopRunning) return;
  s.loopRunning = true;
  try {
    let windowStart = performance.now();
    let windowSteps = 0;
    let rate = 0;
    while (state === s && !s.paused && !s.driver.done) {
      const t0 = performance.now();
      const stepBefore = s.driver.step;
      const k = s.speed === 'max' ? s.chunk : Math.max(1, Math.round((s.speed * CHUNK_MS) / 1000));
      let event: DriverEvent | null;
      try {
        // After a lost context tfjs waits for a GPU fence that never signals, so the step's promise
        // never settles: race it against the loss itself.
        const pending = s.driver.advance(k);
        if (s.backend === 'webgl') {
          try {
            event = await Promise.race([pending, contextLoss()]);
          } finally {
            stopLossWatchers();
          }
        } else event = await pending;
        if (event === null) pending.catch(() => undefined); // abandoned with the lost backend
        if (event !== null && contextLost(s)) event = null;
      } catch (e) {
        if (!contextLost(s)) throw e;
        event = null;
      }
      if (event === null) {
        await recoverFromLostContext(s);
        continue;
      }
      if (state !== s) return;
      const dt = Math.max(1, performance.now() - t0);
      if (s.speed === 'max' && event.points.length === 0) {
        // Chunks cut short by an evaluation step say nothing about the pace.
        s.chunk = Math.max(1, Math.min(MAX_CHUNK, Math.round(0.5 * s.chunk + 0.5 * ((s.chunk * CHUNK_MS) / dt))));
      }
      windowSteps += event.step - stepBefore;
      const now = performance.now();
      if (now - windowStart > 500) {
        rate = (windowSteps * 1000) / (now - windowStart);
        windowStart = now;
        windowSteps = 0;
      }
      postProgress(s, event, rate);
      if (now - s.lastWeights > WEIGHTS_EVERY_MS || s.driver.done) {
        s.lastWeights = now;
        await postWeights(s);
      }
      if (s.stepping && event.points.length > 0) {
        s.stepping = false;
        s.paused = true;
        post({ type: 'paused', step: s.driver.step });
        return;
      }
      if (s.speed !== 'max') await sleep(Math.max(0, (k * 1000) / s.speed - (performance.now() - t0)));
      else await macrotask(); // lets pause and speed messages in between chunks
    }
    if (state === s && s.driver.done) post({ type: 'finished', step: s.driver.step });
  } finally {
    s.loopRunning = false;
  }
}

async function handle(msg: ToWorker): Promise<void> {
  switch (msg.type) {
    case 'start':
      return start(msg);
    case 'pause':
      if (state && !state.paused) {
        state.paused = true;
        post({ type: 'paused', step: state.driver.step });
      }
      return;
    case 'resume':
      if (state) {
        state.paused = false;
        state.stepping = false;
        void loop(state);
      }
      return;
    case 'step':
      if (state && !state.driver.done) {
        state.paused = false;
        state.stepping = true;
        void loop(state);
      }
      return;
    case 'speed':
      if (state) state.speed = msg.speed;
      return;
    case 'debug':
      if (msg.action === 'crash') {
        // Thrown outside any promise, so it kills the worker the way a real bug would.
        setTimeout(() => {
          throw new Error('crash requested by a test hook');
        });
        return;
      }
      webglContext()?.getExtension('WEBGL_lose_context')?.loseContext();
      return;
  }
}

/** Messages are handled one after another, so a Step sent right after a Start acts on the new runs. */
let queue: Promise<void> = Promise.resolve();

self.onmessage = (e: MessageEvent<ToWorker>) => {
  queue = queue
    .then(() => handle(e.data))
    .catch((err: unknown) => {
      const message = err instanceof Error ? err.message : String(err);
      post({ type: 'error', message: `training stopped: ${message}` });
    });
};
