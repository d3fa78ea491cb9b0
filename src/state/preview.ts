/**
 * The page's side of the preview worker: asks for the teacher pictures as
 * soon as the page opens, and again, debounced, whenever an edit changes
 * what they depend on (previewKey: teacher and input fields, seeds). Edits
 * to the student or the training never ask.
 */
import type { Experiment } from '../core/config';
import type { FromPreview, ToPreview } from '../worker/preview.protocol';
import { previewKey } from '../worker/previewKey';
import { useStore } from './store';

/** Typing a number fires an edit per keystroke at most; the pictures follow the last. */
export const PREVIEW_DEBOUNCE_MS = 300;

let worker: Worker | null = null;
let nextId = 0;
let latestId = -1;

function spawn(): Worker {
  const w = new Worker(new URL('../worker/preview.worker.ts', import.meta.url), { type: 'module', name: 'preview' });
  w.onmessage = (e: MessageEvent<FromPreview>) => {
    const msg = e.data;
    if (msg.id !== latestId) return;
    const store = useStore.getState();
    if (msg.type === 'error') store.setPreviewError(`The teacher pictures could not be drawn: ${msg.message}`);
    else {
      const { key, labels, teachers, preactivations, complete, failed, science } = msg;
      store.setPreview({ key, labels, teachers, preactivations, complete, failed, science });
    }
  };
  w.onerror = (e) => {
    e.preventDefault();
    // Without the preview the pictures simply wait for Start, as before; say so, once.
    useStore
      .getState()
      .setPreviewError('The teacher pictures could not be drawn before training; they appear when training starts.');
    worker?.terminate();
    worker = null;
  };
  return w;
}

function request(experiment: Experiment): void {
  worker ??= spawn();
  latestId = nextId++;
  const msg: ToPreview = { type: 'views', id: latestId, experiment };
  worker.postMessage(msg);
}

/** Starts the preview for the store's experiment and follows its edits. Returns the unsubscriber. */
export function bindPreview(): () => void {
  let requested = previewKey(useStore.getState().experiment);
  request(useStore.getState().experiment);
  let timer: ReturnType<typeof setTimeout> | null = null;
  const unsubscribe = useStore.subscribe((s, prev) => {
    if (s.experiment === prev.experiment) return;
    if (timer !== null) clearTimeout(timer);
    const ask = () => {
      timer = null;
      const experiment = useStore.getState().experiment;
      const key = previewKey(experiment);
      if (key === requested) return;
      requested = key;
      request(experiment);
    };
    // A preset, a story step or Back is one change, not a burst: no reason to wait.
    if (s.source === 'edit') timer = setTimeout(ask, PREVIEW_DEBOUNCE_MS);
    else ask();
  });
  return () => {
    unsubscribe();
    if (timer !== null) clearTimeout(timer);
    worker?.terminate();
    worker = null;
  };
}
