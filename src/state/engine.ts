/**
 * The page's side of the training worker: starts it, forwards the controls,
 * feeds its messages into the store, and notices when it dies.
 */
import { validateExperiment } from '../core/config';
import type { FromWorker, Speed, ToWorker } from '../worker/protocol';
import { useStore } from './store';

let worker: Worker | null = null;
/** Messages of an old worker that arrive after a reset are ignored. */
let generation = 0;

function send(msg: ToWorker): void {
  worker?.postMessage(msg);
}

function spawn(): Worker {
  const gen = ++generation;
  const w = new Worker(new URL('../worker/training.worker.ts', import.meta.url), { type: 'module', name: 'training' });
  w.onmessage = (e: MessageEvent<FromWorker>) => {
    if (gen === generation) useStore.getState().applyWorkerMessage(e.data);
  };
  const died = (why: string) => {
    if (gen !== generation) return;
    useStore
      .getState()
      .setEngine(
        'crashed',
        `The training worker stopped (${why}). The curves so far are kept; press Reset to start a new worker.`,
      );
    worker?.terminate();
    worker = null;
  };
  w.onerror = (e) => {
    e.preventDefault();
    died(e.message || 'an error in the worker');
  };
  w.onmessageerror = () => died('a message could not be read');
  return w;
}

export function stopWorker(): void {
  generation++;
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
    if (!worker) return;
    const gen = generation;
    worker.terminate();
    worker = null;
    if (gen === generation) {
      useStore
        .getState()
        .setEngine(
          'crashed',
          'The training worker stopped (terminated). The curves so far are kept; press Reset to start a new worker.',
        );
    }
  },
  loseWebglContext(): void {
    send({ type: 'debug', action: 'lose-webgl-context' });
  },
  crashWorker(): void {
    send({ type: 'debug', action: 'crash' });
  },
};
