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
 * Workers are leased (worker/warmWorkers.ts): warm before Start, given back
 * at the end. A worker that dies before its set-up is replaced once; if
 * its replacement dies too, its runs move to another live worker, which
 * restarts with them; either is reported (`workerReplaced`), and only when
 * no worker is left is the pool done for. A worker that dies after the
 * set-up is reported with its runs; the others train on, and their curves
 * and what the dead one sent are kept.
 */
import type { FromWorker, Speed, ToWorker } from './protocol';
import type { Lent, WorkerLease } from './warmWorkers';

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

/** A worker died before its set-up and its runs went on elsewhere. */
export interface WorkerRecovery extends WorkerLoss {
  /** 'replaced': a new worker took its runs; 'moved': worker `to` took them on beside its own. */
  action: 'replaced' | 'moved';
  to: number;
}

export interface PoolCallbacks {
  /** The merged stream, as one worker would have sent it. */
  message(msg: FromWorker): void;
  /** A worker died before its set-up; its runs train elsewhere. */
  workerReplaced(recovery: WorkerRecovery): void;
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
  /** Workers that took this member's place after dying before the set-up. */
  replacements: number;
  /** Restarted with more runs: everything before its 'stopped' belongs to the old start. */
  awaitingStop: boolean;
}

/** A member's worker is replaced at most this often before its runs move to another. */
const MAX_REPLACEMENTS = 1;

export class TrainingPool {
  private readonly members: Member[];
  private setupSent = false;
  private backendSent = false;
  /** Messages that arrived before the merged setup could go out. */
  private held: { k: number; msg: FromWorker }[] = [];
  private paused: boolean;
  private speed: Speed;
  private stepping = false;
  private pausedSent = false;
  private finishedSent = false;
  private closed = false;

  constructor(
    private readonly lease: WorkerLease,
    assignment: readonly number[][],
    private readonly start: StartMessage,
    private readonly cb: PoolCallbacks,
    /** Test hook: how many workers, in turn, die before their set-up (the first start of each member first). */
    private crashesBeforeSetup = 0,
  ) {
    this.paused = start.paused;
    this.speed = start.speed;
    this.members = assignment.map((runs) => ({
      worker: null as unknown as Worker,
      runs: [...runs],
      alive: true,
      started: false,
      setup: null,
      step: 0,
      rate: 0,
      paused: false,
      finished: false,
      replacements: 0,
      awaitingStop: false,
    }));
    this.members.forEach((_, k) => this.attach(k, lease.take()));
    this.members.forEach((_, k) => this.launch(k));
  }

  /** Run indices per worker, as trained now (runs move when a worker dies before its set-up). */
  get assignment(): number[][] {
    return this.members.map((m) => [...m.runs]);
  }

  private attach(k: number, lent: Lent): void {
    const m = this.members[k]!;
    const worker = lent.worker;
    m.worker = worker;
    m.awaitingStop = lent.stopping;
    worker.onmessage = (e: MessageEvent<FromWorker>) => {
      if (m.worker === worker) this.receive(k, e.data);
    };
    worker.onerror = (e) => {
      e.preventDefault();
      if (m.worker === worker) this.lose(k, e.message || 'an error in the worker');
    };
    worker.onmessageerror = () => {
      if (m.worker === worker) this.lose(k, 'a message could not be read');
    };
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

  /** Stops training and gives the live workers back for the next experiment; nothing more is reported. */
  terminate(): void {
    if (this.closed) return;
    this.closed = true;
    for (const m of this.members) {
      if (m.alive) this.lease.give(m.worker);
      m.alive = false;
    }
  }

  private launch(k: number): void {
    const m = this.members[k]!;
    if (m.started || !m.alive) return;
    m.started = true;
    m.worker.postMessage({
      ...this.start,
      paused: this.paused || this.stepping,
      speed: this.speed,
      runs: m.runs,
      ...(this.crashesBeforeSetup-- > 0 ? { crashBeforeSetup: true } : {}),
    } satisfies StartMessage);
    if (this.stepping) m.worker.postMessage({ type: 'step' } satisfies ToWorker);
  }

  private receive(k: number, msg: FromWorker): void {
    const m = this.members[k]!;
    if (this.closed || !m.alive) return;
    if (m.awaitingStop) {
      // What the worker said of its old runs before it restarted with more.
      if (msg.type === 'stopped') m.awaitingStop = false;
      return;
    }
    switch (msg.type) {
      case 'backend':
        if (!this.backendSent || msg.fallbackFrom !== null) {
          this.backendSent = true;
          this.cb.message(msg);
        }
        return;
      case 'ready':
      case 'measured':
      case 'stopped':
        return; // between a warm worker and its lease
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
        this.emit(k, { ...msg, step: this.mergedStep(), stepsPerSecond: this.mergedRate() });
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
        this.emit(k, msg);
        return;
    }
  }

  private emit(k: number, msg: FromWorker): void {
    if (this.setupSent) this.cb.message(msg);
    else this.held.push({ k, msg });
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
    for (const { msg } of held) this.cb.message(msg);
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
    this.lease.discard(m.worker);
    if (m.setup === null && this.recover(k, why)) return;
    m.alive = false;
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

  /**
   * Worker k died before its set-up, so no curve of its runs exists yet:
   * a new worker takes its runs, or, after a replacement died too, another
   * live worker restarts with them beside its own. False when neither can.
   */
  private recover(k: number, why: string): boolean {
    const m = this.members[k]!;
    if (this.setupSent) return false;
    const runs = [...m.runs];
    if (m.replacements < MAX_REPLACEMENTS) {
      m.replacements++;
      m.started = false;
      this.attach(k, this.lease.take());
      this.launch(k);
      this.cb.workerReplaced({ worker: k, runs, why, action: 'replaced', to: k });
      return true;
    }
    const j = this.members.findIndex((o, i) => i !== k && o.alive);
    if (j < 0) return false;
    const heir = this.members[j]!;
    m.alive = false;
    m.runs = [];
    heir.runs = [...heir.runs, ...runs].sort((a, b) => a - b);
    heir.setup = null;
    heir.step = 0;
    heir.paused = false;
    heir.finished = false;
    heir.started = false;
    // What it said of its old runs is dropped, and so is all it says until it has stopped them.
    this.held = this.held.filter((h) => h.k !== j);
    heir.awaitingStop = true;
    heir.worker.postMessage({ type: 'stop' } satisfies ToWorker);
    this.launch(j);
    this.cb.workerReplaced({ worker: k, runs, why, action: 'moved', to: j });
    return true;
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
