/**
 * The training worker's message loop, without the worker: builds every run
 * from its seeds, trains them with src/train, paces the work, and reports
 * progress through `post`. A worker lives across experiments (warm before
 * the first Start, reused by every Start and Reset); one experiment at a
 * time. Importing this module does nothing; training.worker.ts wires it to
 * the worker's port and tests to a list.
 */
import type { Experiment } from '../../core/config';
import { expandRuns } from '../../core/experiment';
import { buildRunInputs, type RunInputs } from '../../core/run-inputs';
import { initBackend, webgpuAdapterInfo, type RunningBackend } from '../../train/backend';
import { ExperimentDriver, type DriverEvent } from '../../train/driver';
import type { FromWorker, Speed, ToWorker } from '../protocol';
import { gpuCandidates, measureBackends } from './backendChoice';
import { deviceName } from './device';
import { failedWithGpu, gpuLost, lossName, loseGpuOnPurpose, watchGpuLoss } from './gpuLoss';
import { progressMessage, setupMessage, weightsMessage } from './messages';
import {
  adaptChunk,
  chunkSteps,
  MAX_CHUNK,
  macrotask,
  pauseAfter,
  RateWindow,
  sleep,
  WEIGHTS_EVERY_MS,
} from './pacing';
import { buildStart, chooseFor, prepareStart, startKey, type PreparedStart, type StartRequest } from './preparedStart';
import { RunIndexMap } from './runIndices';

export type Post = (msg: FromWorker, transfer?: Transferable[]) => void;

/** Runs 'measure' times at most: enough to rank backends, little to build. */
const MEASURE_RUNS = 8;

interface State {
  experiment: Experiment;
  runs: RunInputs[];
  map: RunIndexMap;
  /** Runs in the whole experiment. */
  total: number;
  driver: ExperimentDriver;
  backend: RunningBackend;
  paused: boolean;
  /** Pause again at the next evaluation (the Step button). */
  stepping: boolean;
  speed: Speed;
  chunk: number;
  /** The last step whose evaluations the page has; a replay after a lost GPU posts only what is newer. */
  postedStep: number;
  lastWeights: number;
  loopRunning: boolean;
}

type StartMessage = Extract<ToWorker, { type: 'start' }>;

export class Trainer {
  private state: State | null = null;
  /** A start built while idle, waiting for the Start it was built for. */
  private prepared: PreparedStart | null = null;
  /** Messages are handled one after another, so a Step sent right after a Start acts on the new runs. */
  private queue: Promise<void> = Promise.resolve();
  /** Starts and stops received but not yet handled: a measurement in progress gives way to them. */
  private interrupts = 0;

  constructor(private readonly post: Post) {}

  /** Takes one message from the page, in order. */
  receive(msg: ToWorker): Promise<void> {
    if (msg.type === 'start' || msg.type === 'stop') this.interrupts++;
    this.queue = this.queue
      .then(() => this.handle(msg))
      .catch((err: unknown) => {
        const message = err instanceof Error ? err.message : String(err);
        this.post({ type: 'error', message: `training stopped: ${message}` });
      });
    return this.queue;
  }

  /** Posts for an experiment only while it is the current one: nothing of an old one follows a new Start or a stop. */
  private postFor(s: State, msg: FromWorker, transfer: Transferable[] = []): void {
    if (this.state === s) this.post(msg, transfer);
  }

  private crash(): void {
    // Thrown outside any promise, so it kills the worker the way a real bug would.
    setTimeout(() => {
      throw new Error('crash requested by a test hook');
    });
  }

  private async handle(msg: ToWorker): Promise<void> {
    const s = this.state;
    switch (msg.type) {
      case 'start':
        this.interrupts--;
        return this.start(msg);
      case 'warm':
        return this.warm(msg.describe);
      case 'prepare':
        return this.prepare(msg);
      case 'measure':
        return this.measure(msg.experiment);
      case 'stop':
        this.interrupts--;
        this.retire();
        this.post({ type: 'stopped' });
        return;
      case 'pause':
        if (s && !s.paused) {
          s.paused = true;
          this.post({ type: 'paused', step: s.driver.step });
        }
        return;
      case 'resume':
        if (s) {
          s.paused = false;
          s.stepping = false;
          this.runLoop(s);
        }
        return;
      case 'step':
        if (s && !s.driver.done) {
          s.paused = false;
          s.stepping = true;
          this.runLoop(s);
        }
        return;
      case 'speed':
        if (s) s.speed = msg.speed;
        return;
      case 'debug':
        if (msg.action === 'crash') this.crash();
        else loseGpuOnPurpose();
        return;
    }
  }

  /** Drops the current experiment; a loop in flight disposes its driver when it sees it is no longer current. */
  private retire(): void {
    const s = this.state;
    this.state = null;
    if (s && !s.loopRunning) s.driver.dispose();
  }

  /** The prepared start if it is this one; any other is dropped (its driver disposed). */
  private takePrepared(msg: StartMessage): PreparedStart | null {
    const p = this.prepared;
    this.prepared = null;
    if (p && p.key === startKey(msg)) return p;
    p?.driver.dispose();
    return null;
  }

  /** Builds the start the page would send on a click, while nothing trains here ('prepare'). */
  private async prepare(request: StartRequest): Promise<void> {
    this.prepared?.driver.dispose();
    this.prepared = null;
    if (this.state || this.interrupts > 0) return; // training, or a Start is already waiting: it builds its own
    this.prepared = await prepareStart(request);
  }

  private async warm(describe: boolean): Promise<void> {
    await initBackend('wasm');
    if (!describe) {
      this.post({ type: 'ready', device: '', gpu: false });
      return;
    }
    // Asking what the GPU is creates WebGL and WebGPU contexts: 2.4 s on a software renderer (SwiftShader, this
    // project's machines), during which a 'prepare' and then the Start itself waited in the queue behind it
    // (bench startToFirstStepMs: the Start reached the worker 0.35-1.6 s after the click, the preparation never
    // ran). It touches no tfjs state, so it runs after what is queued now (the preparation), beside what comes next.
    void this.queue.then(() => this.describeGpu());
  }

  /** Says whether a GPU backend can start here and what the device is ('ready'); only the page's first worker asks. */
  private async describeGpu(): Promise<void> {
    try {
      const gpu = (await gpuCandidates()).length > 0;
      this.post({ type: 'ready', device: gpu ? await deviceName() : '', gpu });
    } catch {
      this.post({ type: 'ready', device: '', gpu: false }); // a probe that fails: no usable GPU, nothing to measure
    }
  }

  private async measure(experiment: Experiment): Promise<void> {
    const runs = expandRuns(experiment).slice(0, MEASURE_RUNS).map(buildRunInputs);
    const result = await measureBackends(runs, () => this.interrupts > 0);
    this.post({
      type: 'measured',
      device: await deviceName(),
      best: result?.best ?? null,
      measured: result?.measured ?? null,
    });
  }

  private async start(msg: StartMessage): Promise<void> {
    this.retire();
    if (msg.crashBeforeSetup) return this.crash();
    let ready = this.takePrepared(msg);
    // The backend is chosen again (at once: it is the one running) so that its reason is this request's.
    const again = ready ? await chooseFor(msg) : null;
    if (ready && again!.name !== ready.info.name) {
      ready.driver.dispose();
      ready = null;
    }
    const built = ready ? { ...ready, info: again! } : await buildStart(msg);
    const { runs, map, info } = built;
    // A backend asked for by name that could not start is a fallback the page must announce.
    const fallbackFrom = msg.backend !== 'auto' && info.name !== msg.backend ? msg.backend : null;
    const adapter = info.name === 'webgpu' ? await webgpuAdapterInfo() : null;
    this.post({
      type: 'backend',
      name: info.name,
      reason: info.reason,
      fallbackFrom,
      measured: info.measured,
      adapter,
    });
    const driver = ready?.driver ?? (await ExperimentDriver.create(runs));
    const setup = setupMessage(runs, map, driver.session.labelVariances(), driver.session.testLabels());
    this.post(setup.msg, setup.transfer);
    const s: State = {
      experiment: msg.experiment,
      runs,
      map,
      total: built.total,
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
    this.state = s;
    this.postProgress(s, ready?.first ?? (await driver.start()), 0);
    await this.postWeights(s);
    if (msg.paused) this.postFor(s, { type: 'paused', step: 0 });
    else this.runLoop(s);
  }

  private postProgress(s: State, event: DriverEvent, stepsPerSecond: number): void {
    const { msg, postedStep } = progressMessage(event, s.map, s.postedStep, stepsPerSecond);
    s.postedStep = postedStep;
    this.postFor(s, msg);
  }

  private async postWeights(s: State): Promise<void> {
    const weights = await s.driver.session.snapshot();
    const out = weightsMessage(weights, s.runs, s.map, s.total, s.driver.step);
    this.postFor(s, out.msg, out.transfer);
  }

  /**
   * The GPU is gone with every tensor on it. The runs are deterministic from
   * their seeds, so rebuild them on the next backend and replay silently to
   * where the page is; only newer points are posted.
   */
  private async recoverFromGpuLoss(s: State): Promise<void> {
    const reached = s.driver.step;
    const lost = s.backend;
    try {
      s.driver.dispose();
    } catch {
      // The device is gone; disposing its buffers may fail, and that is fine.
    }
    const info = await initBackend('wasm');
    this.postFor(s, {
      type: 'backend',
      name: info.name,
      reason: `${lossName(lost)} was lost at step ${reached}; training replayed to that step and continues on ${info.name}`,
      fallbackFrom: lost,
      measured: null,
    });
    s.backend = info.name;
    s.driver = await ExperimentDriver.create(s.runs);
    await s.driver.start();
    while (s.driver.step < reached && !s.driver.done) {
      await s.driver.advance(Math.min(MAX_CHUNK, reached - s.driver.step));
    }
  }

  /** One chunk, or null when the GPU was lost under it. */
  private async advance(s: State, k: number): Promise<DriverEvent | null> {
    const gpu = s.backend === 'webgl' || s.backend === 'webgpu';
    try {
      // After a lost GPU tfjs may wait for a fence that never signals: race the step against the loss itself.
      const pending = s.driver.advance(k);
      let event: DriverEvent | null;
      if (gpu) {
        const watch = watchGpuLoss(s.backend);
        try {
          event = await Promise.race([pending, watch.lost]);
        } finally {
          watch.stop();
        }
      } else event = await pending;
      if (event === null) pending.catch(() => undefined); // abandoned with the lost backend
      return event !== null && gpuLost(s.backend) ? null : event;
    } catch (e) {
      if (!(await failedWithGpu(s.backend))) throw e;
      return null;
    }
  }

  /**
   * Trains in the background of the message queue. A failure mid-training
   * (a kernel's error, wasm out of memory) reaches the page as an error
   * message, never as a silent stop.
   */
  private runLoop(s: State): void {
    this.loop(s).catch((err: unknown) => {
      const message = err instanceof Error ? err.message : String(err);
      if (this.state === s) {
        this.state = null;
        try {
          s.driver.dispose();
        } catch {
          // Whatever failed may fail again while freeing; the message below is what matters.
        }
      }
      this.post({ type: 'error', message: `training stopped: ${message}` });
    });
  }

  /**
   * A promise that failed where nobody awaited it (inside tfjs). On a lost
   * GPU that is expected and the loop recovers; anything else stops the
   * training with a message rather than silently.
   */
  strayFailure(reason: unknown): boolean {
    const s = this.state;
    if (!s) return false;
    void (async () => {
      if (await failedWithGpu(s.backend)) return; // the loop's race sees the loss and recovers
      if (this.state !== s) return;
      this.retire();
      const message = reason instanceof Error ? reason.message : String(reason);
      this.post({ type: 'error', message: `training stopped: ${message}` });
    })();
    return true;
  }

  private async loop(s: State): Promise<void> {
    if (s.loopRunning) return;
    s.loopRunning = true;
    try {
      const window = new RateWindow(performance.now());
      while (this.state === s && !s.paused && !s.driver.done) {
        const t0 = performance.now();
        const stepBefore = s.driver.step;
        const k = chunkSteps(s.speed, s.chunk);
        const event = await this.advance(s, k);
        if (this.state !== s) return;
        if (event === null) {
          await this.recoverFromGpuLoss(s);
          continue;
        }
        // Chunks cut short by an evaluation step say nothing about the pace.
        if (s.speed === 'max' && event.points.length === 0) s.chunk = adaptChunk(s.chunk, performance.now() - t0);
        const now = performance.now();
        this.postProgress(s, event, window.add(event.step - stepBefore, now));
        if (now - s.lastWeights > WEIGHTS_EVERY_MS || s.driver.done) {
          s.lastWeights = now;
          await this.postWeights(s);
        }
        if (s.stepping && event.points.length > 0) {
          s.stepping = false;
          s.paused = true;
          this.postFor(s, { type: 'paused', step: s.driver.step });
          return;
        }
        const wait = pauseAfter(s.speed, k, performance.now() - t0);
        if (s.speed !== 'max') await sleep(wait);
        else await macrotask(); // lets pause and speed messages in between chunks
      }
      if (this.state === s && s.driver.done) this.postFor(s, { type: 'finished', step: s.driver.step });
    } finally {
      s.loopRunning = false;
      // Retired while this chunk ran: the driver is this loop's to dispose.
      if (this.state !== s) s.driver.dispose();
    }
  }
}
