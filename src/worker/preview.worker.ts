/// <reference lib="webworker" />
/**
 * The preview worker: draws the teacher's weights and pre-activations from
 * the seeds as soon as the page opens and whenever a teacher or input field
 * changes, so that the pictures that explain the failure are there before
 * any training. No tfjs here: it builds what src/core builds, off the main
 * thread, and answers only the latest request.
 */
import type { FromPreview, ToPreview } from './preview.protocol';
import { PreviewBuilder } from './previewBuild';

declare const self: DedicatedWorkerGlobalScope;

const builder = new PreviewBuilder();
let latest = -1;

/** A macrotask, so that a newer request can arrive between two constructions. */
const channel = new MessageChannel();
const waiting: (() => void)[] = [];
channel.port1.onmessage = () => waiting.shift()?.();
const yieldToMessages = () =>
  new Promise<void>((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(null);
  });

function post(msg: FromPreview): void {
  self.postMessage(msg);
}

async function answer(msg: ToPreview): Promise<void> {
  await yieldToMessages(); // a burst of requests (typing) is answered once, for its last
  if (msg.id !== latest) return;
  try {
    for (const update of builder.views(msg.id, msg.experiment)) {
      if (msg.id !== latest) return;
      post(update);
      await yieldToMessages();
    }
  } catch (e) {
    post({ type: 'error', id: msg.id, message: e instanceof Error ? e.message : String(e) });
  }
}

/** Requests are answered one after another; a stale one stops at its next report. */
let queue: Promise<void> = Promise.resolve();

self.onmessage = (e: MessageEvent<ToPreview>) => {
  latest = Math.max(latest, e.data.id);
  queue = queue.then(() => answer(e.data));
};
