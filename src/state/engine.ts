/**
 * The page's side of the training workers: plans the split of the runs
 * (core/split.ts), starts a pool of workers (worker/pool.ts), forwards the
 * controls to all of them, feeds their merged messages into the store, and
 * notices when one dies.
 */
import { type Experiment } from '../core/config';
import { expandRuns } from '../core/experiment';
import type { SplitPlan } from '../core/split';
import { TrainingPool, type WorkerLoss, type WorkerRecovery } from '../worker/pool';
import { WarmWorkers } from '../worker/warmWorkers';
import type { AdapterInfo } from '../train/backend';
import type { ActualBackend, FromWorker, Speed, ToWorker } from '../worker/protocol';
import { useStore } from './store';
import { validateExperiment } from '../core/validate';
import { BackendMemory, pageStorage } from './backendMemory';
import { planWorkers } from './poolPlan';

let pool: TrainingPool | null = null;
/** The WebGPU adapter the workers train on, when they do (for the bench: a software adapter says nothing of GPU speed). */
let lastAdapter: AdapterInfo | null = null;

function spawnWorker(): Worker {
  return new Worker(new URL('../worker/training.worker.ts', import.meta.url), { type: 'module', name: 'training' });
}

/** Training workers kept warm between experiments (worker/warmWorkers.ts). */
const warm = new WarmWorkers(spawnWorker);
/** What 'auto' measured fastest, per device and shape class (state/backendMemory.ts). */
const memory = new BackendMemory(pageStorage());

/** The remembered choice of 'auto' for this experiment on this device, or null (wasm at once). */
function autoChoiceFor(e: Experiment): ActualBackend | null {
  if (e.base.backend !== 'auto') return null;
  const here = warm.gpuDevice;
  return here && here.gpu ? memory.recall(here.device, e) : null;
}

let measuring = false;
/** How long the page waits, idle, before it times the backends in the background. */
const MEASURE_AFTER_MS = 5000;

/**
 * While nothing trains: warm as many workers as the store's experiment would
 * take, and, for 'auto' on a device with a GPU backend, measure this shape
 * class once and remember the fastest. A Start cuts a measurement short.
 */
async function prepareWhileIdle(): Promise<void> {
  const { experiment: e, engine } = useStore.getState();
  if (pool && (engine === 'starting' || engine === 'running' || engine === 'paused')) return;
  // A finished or crashed experiment's workers go back to the warm set; its split stays readable for the test hook.
  pool?.terminate();
  if (!validateExperiment(e).ok) return;
  const autoChoice = autoChoiceFor(e);
  const plan = planWorkers(e, autoChoice);
  warm.prepare(plan.assignment.length);
  // The first worker builds what Start would give it now, so a click only trains (the pool lends it first).
  warm.offerPrepared({ experiment: e, backend: e.base.backend, autoChoice, runs: plan.assignment[0] });
  if (e.base.backend !== 'auto' || measuring) return;
  const here = await warm.whenReady();
  const busy = () => ['starting', 'running'].includes(useStore.getState().engine);
  if (!here.gpu || memory.recall(here.device, e) !== null || busy()) return;
  measuring = true;
  try {
    // Not in the first seconds after load: the measurement takes a core from the preparation of the very
    // Start a visitor may be about to press (2 cores: startToFirstStepMs 2.1 s with it at once).
    await new Promise((resolve) => setTimeout(resolve, MEASURE_AFTER_MS));
    if (busy()) return;
    const result = await warm.measure(e);
    if (result?.best) memory.remember(result.device, e, result.best);
  } finally {
    measuring = false;
  }
}

/** How long an edit waits for the next keystroke before it restarts the training. */
const EDIT_RESTART_MS = 250;

/**
 * While an experiment trains, an edit of a field restarts it with the new
 * settings, as a playground does; when nothing trains, an edit starts
 * nothing (a lecturer decides when) but the idle workers build the new
 * experiment, so that its Start answers at once. Returns the unsubscribe.
 */
export function bindEditRestarts(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const unsubscribe = useStore.subscribe((s, prev) => {
    if (s.revision === prev.revision) return;
    if (s.engine !== 'running' && s.engine !== 'starting') {
      clearTimeout(timer);
      timer = setTimeout(prepareWorkers, EDIT_RESTART_MS);
      return;
    }
    if (s.source !== 'edit') return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      const now = useStore.getState();
      if ((now.engine === 'running' || now.engine === 'starting') && validateExperiment(now.experiment).ok) start();
    }, EDIT_RESTART_MS);
  });
  return () => {
    clearTimeout(timer);
    unsubscribe();
  };
}

/** Schedules the idle work for when the page has nothing else to do (after load, after a run). */
export function prepareWorkers(): void {
  const run = () => void prepareWhileIdle();
  // Called on window itself: an unbound requestIdleCallback throws 'Illegal invocation'.
  // At most 300 ms late: a visitor may press Start as soon as the page has loaded, and at 2 s the workers were
  // not there yet in three clicks of three (bench startToFirstStepMs, warm workers at the click 0, 0, 0).
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 300 });
  else setTimeout(run, 200);
}

/** Messages of an old worker that arrive after a reset are ignored. */
let generation = 0;

function send(msg: ToWorker): void {
  pool?.send(msg);
}

/**
 * Progress arrives many times a frame at full speed; the store (and so every
 * chart) is updated at most once per animation frame with all of it.
 */
let pending: FromWorker[] = [];
let flushScheduled = false;
let lastFlush = 0;
/**
 * Evaluations arrive a few times a second; redrawing more often than this only takes CPU from training. At
 * 150 ms the page (its main thread and the compositor) took 70 % of a core on a 2-core machine and the app ran
 * at 0.63 of the bare engine; at 300 ms, 0.95 (BENCHMARKS.md, overheadRatio).
 */
const MIN_FLUSH_MS = 300;

/** Applies every queued message now. */
function applyPending(): void {
  lastFlush = performance.now();
  const msgs = pending;
  pending = [];
  if (msgs.length) useStore.getState().applyWorkerMessages(msgs);
}

function flush(): void {
  const wait = MIN_FLUSH_MS - (performance.now() - lastFlush);
  // The first trained step is shown at once (Start answers within a second); the cadence applies after it.
  const firstStep = useStore.getState().step === 0;
  if (wait > 0 && !firstStep && !pending.some((m) => m.type !== 'progress' && m.type !== 'weights')) {
    // Sleep out the rest of the interval rather than asking for every frame: each frame asked for is a repaint.
    setTimeout(() => requestAnimationFrame(flush), wait);
    return;
  }
  flushScheduled = false;
  applyPending();
}

function enqueue(msg: FromWorker): void {
  pending.push(msg);
  if (flushScheduled) return;
  flushScheduled = true;
  // A hidden tab gets no animation frames; a timer keeps its state current for when it returns.
  if (document.visibilityState === 'visible') requestAnimationFrame(flush);
  else setTimeout(flush, 250);
}

/** Labels of an experiment's runs, before the store has them (a worker lost before its set-up). */
function runLabelsOf(e: Experiment, runs: readonly number[]): string {
  const plans = expandRuns(e);
  return runs.map((i) => plans[i]?.label ?? `run ${i + 1}`).join(', ');
}

/** Labels of these runs, for messages about them. */
function runLabels(runs: readonly number[]): string {
  const all = useStore.getState().runs;
  return runs.map((i) => all[i]?.info.label ?? `run ${i + 1}`).join(', ');
}

/** Test hook: workers of the next Start that die before their set-up. */
let crashesBeforeSetup = 0;

function startPool(plan: SplitPlan, start: Extract<ToWorker, { type: 'start' }>): TrainingPool {
  const gen = ++generation;
  const live = () => gen === generation;
  const crashes = crashesBeforeSetup;
  crashesBeforeSetup = 0;
  return new TrainingPool(
    warm,
    plan.assignment,
    start,
    {
      message(msg) {
        if (!live()) return;
        if (msg.type === 'backend') lastAdapter = msg.adapter ?? null;
        if (msg.type === 'finished') prepareWorkers();
        enqueue(msg);
      },
      workerReplaced(r: WorkerRecovery) {
        if (!live()) return;
        const labels = runLabelsOf(start.experiment, r.runs);
        const how =
          r.action === 'replaced'
            ? 'a new worker took over its runs'
            : `its runs moved to training worker ${r.to + 1}, which restarted with them`;
        useStore
          .getState()
          .noteWorkerRecovered?.(`A training worker stopped before its set-up (${r.why}): ${how} (${labels}).`);
      },
      workerLost(loss: WorkerLoss) {
        if (!live()) return;
        applyPending(); // what it said before it died belongs to the curves
        useStore.getState().noteWorkerLost?.(runLabels(loss.runs), loss.why, loss.runs);
      },
      allLost(loss: WorkerLoss) {
        if (live()) crashed(loss.why);
      },
    },
    crashes,
  );
}

/** Every worker is gone: keep what they reported, say so, and wait for Reset. */
function crashed(why: string): void {
  pool?.terminate();
  pool = null;
  prepareWorkers(); // Reset will find warm workers
  applyPending(); // what the worker said before it died belongs to the curves; nothing may come after the crash
  useStore
    .getState()
    .setEngine(
      'crashed',
      `The training worker stopped (${why}). The curves so far are kept; press Reset to start a new worker.`,
    );
}

export function stopWorker(): void {
  generation++;
  pending = [];
  pool?.terminate();
  pool = null;
}

/** (Re)starts training of the store's experiment from step 0 with fresh workers. */
export function start(opts: { paused?: boolean } = {}): void {
  const s = useStore.getState();
  if (!validateExperiment(s.experiment).ok) return;
  stopWorker();
  warm.cancelMeasure(); // a measurement in the background would take CPU from the first steps
  s.clearRuns(s.revision);
  s.setEngine('starting', null);
  const autoChoice = autoChoiceFor(s.experiment);
  const plan = planWorkers(s.experiment, autoChoice);
  pool = startPool(plan, {
    type: 'start',
    experiment: s.experiment,
    backend: s.experiment.base.backend,
    paused: opts.paused ?? false,
    speed: s.speed,
    autoChoice,
  });
}

export function pause(): void {
  send({ type: 'pause' });
}

export function resume(): void {
  useStore.getState().setEngine('running');
  send({ type: 'resume' });
}

export function stepOnce(): void {
  if (!pool) start({ paused: true });
  send({ type: 'step' });
}

export function setSpeed(speed: Speed): void {
  useStore.getState().setSpeed(speed);
  send({ type: 'speed', speed });
}

/** Test hooks for the robustness suite: fault injection from Playwright. */
export const debugHooks = {
  /** The store's state, for tests that read curves and status. */
  state: () => useStore.getState(),
  /** Kills every worker at once. */
  killWorker(): void {
    if (pool) crashed('terminated');
  },
  /** Kills one worker of the pool (the others train on). */
  killPoolWorker(k = 0): void {
    pool?.kill(k);
  },
  /** Run indices per worker of the running pool (empty when none runs). */
  poolAssignment(): number[][] {
    return pool ? pool.assignment.map((r) => [...r]) : [];
  },
  /** What the WebGPU adapter says it is, when training runs on WebGPU. */
  adapter(): AdapterInfo | null {
    return lastAdapter;
  },
  /** Workers still alive. */
  liveWorkers(): number {
    return pool?.live ?? 0;
  },
  loseWebglContext(): void {
    send({ type: 'debug', action: 'lose-webgl-context' });
  },
  crashWorker(): void {
    send({ type: 'debug', action: 'crash' });
  },
  /** The next Start's first `count` workers (the replacement counts) die before their set-up. */
  crashBeforeSetup(count = 1): void {
    crashesBeforeSetup = count;
  },
  /** Loses the GPU of the backend that trains (WebGL's context or WebGPU's device). */
  loseGpu(): void {
    send({ type: 'debug', action: 'lose-webgl-context' });
  },
};
