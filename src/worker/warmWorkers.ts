/**
 * Training workers made before they are needed and kept between
 * experiments (issue: Start answers within a second). When the page is
 * idle after load it asks for as many as the next Start will take; each
 * loads tfjs and compiles the wasm binaries at once ('warm'). A pool leases
 * them for an experiment and gives them back at Reset or the next Start;
 * a given-back worker is told to stop and is lent again only once it says
 * it has ('stopped'), so nothing of the old experiment reaches the new one.
 * A worker that died is discarded, never lent again.
 */
import type { Experiment } from '../core/config';
import type { FromWorker, ToWorker } from './protocol';

/** A worker lent to a pool; `stopping` when it is still stopping its last experiment (skip all before 'stopped'). */
export interface Lent {
  worker: Worker;
  stopping: boolean;
}

/** What a pool needs of a source of workers. */
export interface WorkerLease {
  take(): Lent;
  give(worker: Worker): void;
  discard(worker: Worker): void;
}

export type Measured = Extract<FromWorker, { type: 'measured' }>;

export class WarmWorkers implements WorkerLease {
  /** Warm and free. */
  private readonly idle: Worker[] = [];
  /** Given back, waiting for 'stopped'. */
  private readonly stopping = new Set<Worker>();
  private device: string | null = null;
  private gpu = false;
  private readonly readyWaiters: ((r: { device: string; gpu: boolean }) => void)[] = [];
  /** A worker of its own that times the backends, never lent while it does. */
  private measurer: { worker: Worker; done: (m: Measured | null) => void } | null = null;

  constructor(private readonly spawn: () => Worker) {}

  /** Workers alive and not lent (warm or stopping). */
  get spare(): number {
    return this.idle.length + this.stopping.size;
  }

  /** What the first warm worker said of the GPU here (null until one has). */
  get gpuDevice(): { device: string; gpu: boolean } | null {
    return this.device === null ? null : { device: this.device, gpu: this.gpu };
  }

  /** Resolves once a worker has said what the GPU here is. */
  whenReady(): Promise<{ device: string; gpu: boolean }> {
    const known = this.gpuDevice;
    if (known) return Promise.resolve(known);
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /** Makes workers until `count` are spare (none are ended when fewer are wanted). */
  prepare(count: number): void {
    while (this.spare < count) this.idle.push(this.fresh());
  }

  /**
   * Gives the worker the next `take` lends the start it would be sent on a
   * click, to build while idle (worker/training/preparedStart.ts). A worker
   * keeps one preparation: a newer one replaces it, a different Start drops it.
   */
  offerPrepared(request: Omit<Extract<ToWorker, { type: 'prepare' }>, 'type'>): boolean {
    const next = this.idle[0];
    if (!next) return false;
    next.postMessage({ type: 'prepare', ...request } satisfies ToWorker);
    return true;
  }

  /** The worker asked what the GPU here is (one is enough: asking creates contexts), until it answers. */
  private describer: Worker | null = null;

  private fresh(): Worker {
    const w = this.spawn();
    this.watch(w);
    const describe = this.device === null && this.describer === null;
    if (describe) this.describer = w;
    w.postMessage({ type: 'warm', describe } satisfies ToWorker);
    return w;
  }

  /** Listens to a worker that is not lent: its 'ready', its 'stopped', its death. */
  private watch(w: Worker): void {
    w.onmessage = (e: MessageEvent<FromWorker>) => {
      const msg = e.data;
      if (msg.type === 'ready' && w === this.describer) {
        this.describer = null;
        this.device = msg.device;
        this.gpu = msg.gpu;
        for (const resolve of this.readyWaiters.splice(0)) resolve({ device: msg.device, gpu: msg.gpu });
      }
      if (msg.type === 'stopped' && this.stopping.delete(w)) this.idle.push(w);
    };
    w.onerror = (e) => {
      e.preventDefault();
      this.discard(w);
    };
  }

  /**
   * A warm worker if one is free, else one still stopping its last
   * experiment (a stop is quick; its start follows in order), else a new
   * one, which warms as it starts.
   */
  take(): Lent {
    const idle = this.idle.shift();
    const stopping = idle ? undefined : this.stopping.values().next().value;
    if (stopping) this.stopping.delete(stopping);
    const w = idle ?? stopping ?? this.fresh();
    w.onmessage = null;
    w.onerror = null;
    return { worker: w, stopping: stopping !== undefined };
  }

  give(worker: Worker): void {
    this.watch(worker);
    this.stopping.add(worker);
    worker.postMessage({ type: 'stop' } satisfies ToWorker);
  }

  discard(worker: Worker): void {
    worker.terminate();
    if (worker === this.describer) this.describer = null; // the next new worker asks instead
    this.stopping.delete(worker);
    const i = this.idle.indexOf(worker);
    if (i >= 0) this.idle.splice(i, 1);
  }

  /**
   * Times the backends on this experiment in a worker of its own, in the
   * background, so that no Start waits for it; null when a Start cut it
   * short (`cancelMeasure`) or nothing could be compared. The worker is
   * warm afterwards and joins the others.
   */
  measure(experiment: Experiment): Promise<Measured | null> {
    if (this.measurer) return Promise.resolve(null);
    const w = this.spawn();
    w.postMessage({ type: 'warm', describe: false } satisfies ToWorker);
    return new Promise((resolve) => {
      const done = (m: Measured | null) => {
        if (this.measurer?.worker !== w) return;
        this.measurer = null;
        resolve(m);
      };
      this.measurer = { worker: w, done };
      w.onmessage = (e: MessageEvent<FromWorker>) => {
        if (e.data.type !== 'measured' || this.measurer?.worker !== w) return;
        done(e.data.best === null ? null : e.data);
        this.watch(w);
        this.idle.push(w);
      };
      w.onerror = (e) => {
        e.preventDefault();
        w.terminate();
        done(null);
      };
      w.postMessage({ type: 'measure', experiment } satisfies ToWorker);
    });
  }

  /** A Start is coming: the measurement stops at once and leaves the machine to the training. */
  cancelMeasure(): void {
    const m = this.measurer;
    if (!m) return;
    m.done(null);
    // Ended, not stopped: a shader compile in flight would hold the CPU until it returns.
    m.worker.terminate();
  }

  /** Ends every worker (the page is going away, or a test starts afresh). */
  terminate(): void {
    this.cancelMeasure();
    for (const w of [...this.idle, ...this.stopping]) w.terminate();
    this.idle.length = 0;
    this.stopping.clear();
  }
}
