/**
 * A pool of training workers behind one stream of messages (docs/architecture.md,
 * "Data flow of a run"). Each worker trains a subset of the runs (the split comes
 * from core/split.ts); every run index in their messages is the
 * experiment's, so the pool merges without renumbering:
 *
 * - 'setup' is held until every worker has sent its own, then one merged
 *   setup goes out (runs in run order); anything else waits behind it;
 * - 'backend' goes out once (the first worker's), later only to announce a
 *   fallback (a worker's lost WebGL context);
 * - 'progress' and 'weights' go out as they come, the step being the
 *   slowest unfinished worker's; 'paused' and 'finished' once all live
 *   workers are;
 * - control messages go to every live worker.
 *
 * 'auto' measures the backend once: the first worker starts alone and the
 * others start when it has chosen, with its choice. A worker that dies (or
 * reports an error) is terminated and reported with its runs; the others
 * train on, and their curves and what the dead one sent are kept.
 */
import type { ActualBackend, FromWorker, Speed, ToWorker } from './protocol';

export type StartMessage = Extract<ToWorker, { type: 'start' }>;

/**
 * How the pool merges the science helper's additions, for whoever adds more:
 * per-run arrays of 'setup' (and of its `science`) are aligned with its
 * `runs`; views with a `runs` list are merged by content; 'progress'
 * points and snapshots carry the experiment's run index.
 */
export interface WorkerLoss {
  /** Position of the worker in the pool. */
  worker: number;
  /** Its runs (experiment indices). */
  runs: number[];
  why: string;
}

export interface PoolCallbacks {
  /** The merged stream, as one worker would have sent it. */
  message(msg: FromWorker): void;
  /** A worker stopped while others still train. */
  workerLost(loss: WorkerLoss): void;
  /** The last live worker stopped. */
  allLost(loss: WorkerLoss): void;
}

interface Member {
  worker: Worker;
  runs: number[];
  alive: boolean;
  started: boolean;
  setup: Extract<FromWorker, { type: 'setup' }> | null;
  step: number;
  rate: number;
  paused: boolean;
  finished: boolean;
}

export class TrainingPool {
  private readonly members: Member[];
  private setupSent = false;
  private backendSent = false;
  /** Messages that arrived before the merged setup could go out. */
  private held: FromWorker[] = [];
  private paused: boolean;
  private speed: Speed;
  private stepping = false;
  private pausedSent = false;
  private finishedSent = false;
  private closed = false;

  constructor(
    spawn: () => Worker,
    readonly assignment: readonly number[][],
    private readonly start: StartMessage,
    private readonly cb: PoolCallbacks,
  ) {
    this.paused = start.paused;
    this.speed = start.speed;
    this.members = assignment.map((runs, k) => {
      const worker = spawn();
      const m: Member = {
        worker,
        runs: [...runs],
        alive: true,
        started: false,
        setup: null,
        step: 0,
        rate: 0,
        paused: false,
        finished: false,
      };
      worker.onmessage = (e: MessageEvent<FromWorker>) => this.receive(k, e.data);
      worker.onerror = (e) => {
        e.preventDefault();
        this.lose(k, e.message || 'an error in the worker');
      };
      worker.onmessageerror = () => this.lose(k, 'a message could not be read');
      return m;
    });
    // 'auto' without an earlier choice: one worker measures, the others follow its choice.
    const measureFirst = start.backend === 'auto' && start.autoChoice === null && this.members.length > 1;
    if (measureFirst) this.launch(0, start.autoChoice);
    else this.members.forEach((_, k) => this.launch(k, start.autoChoice));
  }

  get size(): number {
    return this.members.length;
  }

  /** Workers still training (or able to). */
  get live(): number {
    return this.members.filter((m) => m.alive).length;
  }

  /** Sends a control message to every live, started worker, and remembers what workers yet to start must know. */
  send(msg: ToWorker): void {
    if (msg.type === 'pause') this.paused = true;
    if (msg.type === 'resume') {
      this.paused = false;
      this.stepping = false;
    }
    if (msg.type === 'step') this.stepping = true;
    if (msg.type === 'speed') this.speed = msg.speed;
    if (msg.type === 'pause' || msg.type === 'resume' || msg.type === 'step') {
      this.pausedSent = false;
      for (const m of this.members) m.paused = false;
    }
    for (const m of this.members) if (m.alive && m.started) m.worker.postMessage(msg);
  }

  /** Terminates worker k as if it had died (a test hook). */
  kill(k: number, why = 'terminated'): void {
    if (this.members[k]?.alive) this.lose(k, why);
  }

  /** Stops every worker; nothing more is reported. */
  terminate(): void {
    this.closed = true;
    for (const m of this.members) {
      m.alive = false;
      m.worker.terminate();
    }
  }

  private launch(k: number, autoChoice: ActualBackend | null): void {
    const m = this.members[k]!;
    if (m.started || !m.alive) return;
    m.started = true;
    m.worker.postMessage({
      ...this.start,
      paused: this.paused || this.stepping,
      speed: this.speed,
      autoChoice,
      runs: m.runs,
    } satisfies StartMessage);
    if (this.stepping) m.worker.postMessage({ type: 'step' } satisfies ToWorker);
  }

  private receive(k: number, msg: FromWorker): void {
    const m = this.members[k]!;
    if (this.closed || !m.alive) return;
    switch (msg.type) {
      case 'backend':
        if (!this.backendSent || msg.fallbackFrom !== null) {
          this.backendSent = true;
          this.cb.message(msg);
        }
        // The measuring worker has chosen: the others start on its choice.
        this.members.forEach((_, j) => this.launch(j, msg.name));
        return;
      case 'setup':
        m.setup = msg;
        this.maybeSendSetup();
        return;
      case 'error':
        this.lose(k, msg.message.replace(/^training stopped: /, ''));
        return;
      case 'progress':
        m.step = msg.step;
        m.rate = msg.stepsPerSecond;
        this.emit({ ...msg, step: this.mergedStep(), stepsPerSecond: this.mergedRate() });
        return;
      case 'paused':
        m.step = msg.step;
        m.paused = true;
        this.checkPausedOrFinished();
        return;
      case 'finished':
        m.step = msg.step;
        m.finished = true;
        this.checkPausedOrFinished();
        return;
      case 'weights':
        this.emit(msg);
        return;
    }
  }

  private emit(msg: FromWorker): void {
    if (this.setupSent) this.cb.message(msg);
    else this.held.push(msg);
  }

  private maybeSendSetup(): void {
    if (this.setupSent) return;
    const alive = this.members.filter((m) => m.alive);
    if (alive.length === 0 || alive.some((m) => m.setup === null)) return;
    const parts = alive.map((m) => m.setup!);
    // Every per-run array of a setup follows its runs; sort them all by the run index together.
    const rows = parts.flatMap((p) => p.runs.map((r, i) => ({ p, r, i })));
    rows.sort((a, b) => a.r.index - b.r.index);
    const science = parts.every((p) => p.science)
      ? {
          secrets: rows.map(({ p, i }) => p.science!.secrets[i] ?? null),
          teacherInfluence: rows.map(({ p, i }) => p.science!.teacherInfluence[i] ?? null),
          unitPreactivations: rows.map(({ p, i }) => p.science!.unitPreactivations[i] ?? null),
          patternWeights: mergeByContent(parts.flatMap((p) => p.science!.patternWeights)),
        }
      : undefined;
    this.setupSent = true;
    this.cb.message({
      type: 'setup',
      runs: rows.map(({ r }) => r),
      preactivations: rows.map(({ p, i }) => p.preactivations[i]!),
      teachers: mergeByContent(parts.flatMap((p) => p.teachers)),
      ...(science ? { science } : {}),
    });
    const held = this.held;
    this.held = [];
    for (const msg of held) this.cb.message(msg);
  }

  private unfinished(): Member[] {
    return this.members.filter((m) => m.alive && !m.finished);
  }

  private mergedStep(): number {
    const busy = this.unfinished();
    const pool = busy.length ? busy : this.members.filter((m) => m.started);
    return pool.length ? Math.min(...pool.map((m) => m.step)) : 0;
  }

  /** The pace of the experiment's step: the slowest unfinished worker's. */
  private mergedRate(): number {
    const busy = this.unfinished();
    if (!busy.length) return 0;
    const slowest = busy.reduce((a, b) => (b.step < a.step ? b : a));
    return slowest.rate;
  }

  private checkPausedOrFinished(): void {
    if (!this.setupSent) return;
    const alive = this.members.filter((m) => m.alive);
    if (alive.length === 0) return;
    if (alive.every((m) => m.finished)) {
      if (!this.finishedSent) {
        this.finishedSent = true;
        this.cb.message({ type: 'finished', step: Math.max(...alive.map((m) => m.step)) });
      }
      return;
    }
    if (!this.pausedSent && alive.every((m) => m.finished || m.paused)) {
      this.pausedSent = true;
      this.stepping = false;
      this.paused = true;
      this.cb.message({ type: 'paused', step: this.mergedStep() });
    }
  }

  private lose(k: number, why: string): void {
    const m = this.members[k]!;
    if (!m.alive || this.closed) return;
    m.alive = false;
    m.worker.terminate();
    const loss: WorkerLoss = { worker: k, runs: m.runs, why };
    if (this.live === 0 || !this.setupSent) {
      // Nothing left to train (or no complete set of runs to show): the pool is done for.
      this.terminate();
      this.cb.allLost(loss);
      return;
    }
    this.cb.workerLost(loss);
    // The dead worker may have been the last one the others were waiting for.
    this.checkPausedOrFinished();
  }
}

/** Stable text of a view without its run list (typed arrays as plain lists). */
function contentKey(v: { runs: number[] }): string {
  return JSON.stringify({ ...v, runs: undefined }, (_k, x: unknown) =>
    ArrayBuffer.isView(x) ? Array.from(x as unknown as ArrayLike<number>) : x,
  );
}

/**
 * One view per distinct teacher (or teacher's pattern units): workers that
 * train runs of the same teacher each report it, identically.
 */
function mergeByContent<V extends { runs: number[] }>(views: readonly V[]): V[] {
  const byKey = new Map<string, V>();
  for (const v of views) {
    const key = contentKey(v);
    const seen = byKey.get(key);
    if (seen) seen.runs = [...seen.runs, ...v.runs].sort((a, b) => a - b);
    else byKey.set(key, { ...v, runs: [...v.runs] });
  }
  return [...byKey.values()].sort((a, b) => a.runs[0]! - b.runs[0]!);
}
