/**
 * The page's side of the training worker: starts it, forwards the controls,
 * feeds its messages into the store, and notices when it dies.
 */
import { validateExperiment, type Experiment } from '../core/config';
import { expandRuns } from '../core/experiment';
import type { ActualBackend, FromWorker, Speed, ToWorker } from '../worker/protocol';
import { useStore } from './store';

let worker: Worker | null = null;

/**
 * What 'auto' measured fastest, per shape of experiment, for this page's
 * lifetime: Reset and Start need not measure again.
 */
const autoChoices = new Map<string, ActualBackend>();
const AUTO_STORAGE_KEY = 'nwl.autoBackend.v1';

/** Measured choices survive a reload: measuring WebGL on a slow renderer costs seconds before the first step. */
function loadAutoChoices(): void {
  try {
    const saved = JSON.parse(localStorage.getItem(AUTO_STORAGE_KEY) ?? '{}') as Record<string, unknown>;
    for (const [k, v] of Object.entries(saved)) if (v === 'webgl' || v === 'wasm' || v === 'cpu') autoChoices.set(k, v);
  } catch {
    // Storage may be unavailable (private mode, blocked): measure again, nothing is lost.
  }
}

function saveAutoChoice(key: string, backend: ActualBackend): void {
  autoChoices.set(key, backend);
  try {
    localStorage.setItem(AUTO_STORAGE_KEY, JSON.stringify(Object.fromEntries(autoChoices)));
  } catch {
    // As above: the choice still holds for this page.
  }
}

loadAutoChoices();

function shapeKey(e: Experiment): string {
  const runs = expandRuns(e).map((r) => {
    const c = r.config;
    return [c.n, c.h, c.depth, c.bs, c.act, c.inputs].join(',');
  });
  return runs.join(';');
}
/** Messages of an old worker that arrive after a reset are ignored. */
let generation = 0;

function send(msg: ToWorker): void {
  worker?.postMessage(msg);
}

/**
 * Progress arrives many times a frame at full speed; the store (and so every
 * chart) is updated at most once per animation frame with all of it.
 */
let pending: FromWorker[] = [];
let flushScheduled = false;
let lastFlush = 0;
/** Evaluations arrive a few times a second; redrawing more often than this only takes CPU from training. */
const MIN_FLUSH_MS = 150;

/** Applies every queued message now. */
function applyPending(): void {
  lastFlush = performance.now();
  const msgs = pending;
  pending = [];
  if (msgs.length) useStore.getState().applyWorkerMessages(msgs);
}

function flush(): void {
  const wait = MIN_FLUSH_MS - (performance.now() - lastFlush);
  if (wait > 0 && !pending.some((m) => m.type !== 'progress' && m.type !== 'weights')) {
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

function spawn(): Worker {
  const gen = ++generation;
  const w = new Worker(new URL('../worker/training.worker.ts', import.meta.url), { type: 'module', name: 'training' });
  w.onmessage = (e: MessageEvent<FromWorker>) => {
    if (gen !== generation) return;
    if (e.data.type === 'backend' && e.data.measured) {
      saveAutoChoice(shapeKey(useStore.getState().experiment), e.data.name);
    }
    enqueue(e.data);
  };
  const died = (why: string) => {
    if (gen === generation) crashed(why);
  };
  w.onerror = (e) => {
    e.preventDefault();
    died(e.message || 'an error in the worker');
  };
  w.onmessageerror = () => died('a message could not be read');
  return w;
}

/** The worker is gone: keep what it reported, say so, and wait for Reset. */
function crashed(why: string): void {
  worker?.terminate();
  worker = null;
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
  worker?.terminate();
  worker = null;
}

/** (Re)starts training of the store's experiment from step 0 with a fresh worker. */
export function start(opts: { paused?: boolean } = {}): void {
  const s = useStore.getState();
  if (!validateExperiment(s.experiment).ok) return;
  stopWorker();
  worker = spawn();
  s.clearRuns(s.revision);
  s.setEngine('starting', null);
  send({
    type: 'start',
    experiment: s.experiment,
    backend: s.experiment.base.backend,
    paused: opts.paused ?? false,
    speed: s.speed,
    autoChoice: autoChoices.get(shapeKey(s.experiment)) ?? null,
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
  if (!worker) start({ paused: true });
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
  killWorker(): void {
    if (worker) crashed('terminated');
  },
  loseWebglContext(): void {
    send({ type: 'debug', action: 'lose-webgl-context' });
  },
  crashWorker(): void {
    send({ type: 'debug', action: 'crash' });
  },
};
