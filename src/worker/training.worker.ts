/// <reference lib="webworker" />
/**
 * The training worker: a thin boot. The wasm binaries are pointed at the
 * bundle, and the worker's port is wired to the trainer
 * (worker/training/trainer.ts), which holds everything that can be tested.
 */
import type { ToWorker } from './protocol';
import { Trainer } from './training/trainer';
import { pointWasmAtBundle } from './wasmBinaries';

declare const self: DedicatedWorkerGlobalScope;

pointWasmAtBundle();
const trainer = new Trainer((msg, transfer = []) => self.postMessage(msg, transfer));
self.onmessage = (e: MessageEvent<ToWorker>) => void trainer.receive(e.data);
self.addEventListener('unhandledrejection', (e) => {
  if (trainer.strayFailure(e.reason)) e.preventDefault();
});
