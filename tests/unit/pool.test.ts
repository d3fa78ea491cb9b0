/**
 * The page's worker pool (src/worker/pool.ts) with stand-in workers: one
 * merged setup in run order, nothing before it, controls to every worker,
 * paused and finished once all are, a worker that dies before its set-up
 * replaced (then its runs moved), a lost worker reported with its runs
 * while the others go on, and live workers given back at the end.
 */
import { describe, expect, it } from 'vitest';
import { defaultExperiment } from '../../src/core/config';
import { TrainingPool, type StartMessage, type WorkerLoss, type WorkerRecovery } from '../../src/worker/pool';
import type { FromWorker, HistogramData, RunInfo, ToWorker } from '../../src/worker/protocol';

class FakeWorker {
  sent: ToWorker[] = [];
  terminated = false;
  onmessage: ((e: MessageEvent<FromWorker>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  postMessage(msg: ToWorker): void {
    this.sent.push(msg);
  }
  terminate(): void {
    this.terminated = true;
  }
  say(msg: FromWorker): void {
    this.onmessage?.({ data: msg } as MessageEvent<FromWorker>);
  }
}

const hist = (v: number): HistogramData => ({
  edges: Float64Array.from([0, 1]),
  counts: Float64Array.from([v]),
  total: v,
  below: 0,
  above: 0,
});
const info = (index: number): RunInfo => ({
  index,
  label: `run ${index}`,
  values: {},
  steps: 100,
  inputs: 'gaussian',
  binaryLabels: false,
  labelVariance: 1,
  chance: null,
});
const setupOf = (runs: number[]): FromWorker => ({
  type: 'setup',
  runs: runs.map(info),
  teachers: [{ runs, weights: hist(7), shape: 'normal', std: 1, nu: 5, p: 0.1 }],
  preactivations: runs.map(hist),
  // Each worker's own runs, in its own order, as training.worker.ts sends them.
  science: {
    secrets: runs.map((r) => [r]),
    teacherInfluence: runs.map(() => null),
    unitPreactivations: runs.map(() => null),
    patternWeights: [{ runs, pattern: hist(3), patternUnits: 1, otherUnits: 2, ks: { d: 0.5, p: 0.2, na: 1, nb: 2 } }],
  },
});
const progress = (step: number, run: number): FromWorker => ({
  type: 'progress',
  step,
  points: [{ run, step, testNmse: 1, accuracy: null, trainLoss: null }],
  diverged: [],
  stepsPerSecond: step,
});

function makePool(assignment: number[][], backend: StartMessage['backend'] = 'wasm', stopping = false) {
  const workers: FakeWorker[] = [];
  const out: FromWorker[] = [];
  const lost: WorkerLoss[] = [];
  const allLost: WorkerLoss[] = [];
  const recovered: WorkerRecovery[] = [];
  const given: FakeWorker[] = [];
  const start: StartMessage = {
    type: 'start',
    experiment: defaultExperiment(),
    backend,
    paused: false,
    speed: 'max',
    autoChoice: null,
  };
  const lease = {
    take: () => {
      const w = new FakeWorker();
      workers.push(w);
      return { worker: w as unknown as Worker, stopping };
    },
    give: (w: Worker) => given.push(w as unknown as FakeWorker),
    discard: (w: Worker) => w.terminate(),
  };
  const pool = new TrainingPool(lease, assignment, start, {
    message: (m) => out.push(m),
    workerReplaced: (r) => recovered.push(r),
    workerLost: (l) => lost.push(l),
    allLost: (l) => allLost.push(l),
  });
  return { pool, workers, out, lost, allLost, recovered, given };
}

describe('TrainingPool', () => {
  it('starts each worker on its runs and merges one setup in run order before anything else', () => {
    const { workers, out } = makePool([[1], [0, 2]]);
    expect(workers.map((w) => (w.sent[0] as StartMessage).runs)).toEqual([[1], [0, 2]]);
    workers[1]!.say(setupOf([0, 2]));
    workers[1]!.say(progress(10, 0));
    expect(out).toEqual([]);
    workers[0]!.say(setupOf([1]));
    expect(out[0]!.type).toBe('setup');
    const setup = out[0] as Extract<FromWorker, { type: 'setup' }>;
    expect(setup.runs.map((r) => r.index)).toEqual([0, 1, 2]);
    expect(setup.preactivations.map((h) => h.total)).toEqual([0, 1, 2]);
    // the same teacher reported by both workers is one teacher of all three runs
    expect(setup.teachers).toHaveLength(1);
    expect(setup.teachers[0]!.runs).toEqual([0, 1, 2]);
    // The science setup follows the merged run order; one teacher's pattern units are reported once.
    expect(setup.science!.secrets).toEqual([[0], [1], [2]]);
    expect(setup.science!.patternWeights.map((p) => p.runs)).toEqual([[0, 1, 2]]);
    expect(out[1]).toMatchObject({ type: 'progress', points: [{ run: 0 }] });
  });

  it('replaces a worker that dies before its set-up, then moves its runs, and goes on', () => {
    const { pool, workers, out, recovered, allLost } = makePool([[0], [1, 2]]);
    workers[1]!.say(progress(3, 1)); // before the setup: held, then dropped when worker 1 restarts
    workers[0]!.onerror?.({ message: 'WebAssembly.Instance(): Out of memory', preventDefault() {} } as ErrorEvent);
    expect(workers[0]!.terminated).toBe(true);
    expect(recovered).toEqual([
      { worker: 0, runs: [0], why: 'WebAssembly.Instance(): Out of memory', action: 'replaced', to: 0 },
    ]);
    expect((workers[2]!.sent[0] as StartMessage).runs).toEqual([0]);
    // The replacement dies too: its runs move to worker 1, which stops its old start and restarts with both.
    workers[2]!.say({ type: 'error', message: 'training stopped: boom' });
    expect(recovered[1]).toMatchObject({ worker: 0, runs: [0], action: 'moved', to: 1 });
    expect(workers[1]!.sent.slice(-2)).toMatchObject([{ type: 'stop' }, { type: 'start', runs: [0, 1, 2] }]);
    expect(pool.assignment).toEqual([[], [0, 1, 2]]);
    workers[1]!.say(setupOf([1, 2])); // of the old start: ignored
    expect(out).toEqual([]);
    workers[1]!.say({ type: 'stopped' });
    workers[1]!.say(setupOf([0, 1, 2]));
    expect(out).toHaveLength(1);
    expect((out[0] as Extract<FromWorker, { type: 'setup' }>).runs.map((r) => r.index)).toEqual([0, 1, 2]);
    expect(pool.live).toBe(1);
    expect(allLost).toEqual([]);
  });

  it('skips what a reused worker says of its last experiment until it has stopped', () => {
    const { workers, out } = makePool([[0]], 'wasm', true);
    workers[0]!.say(setupOf([5]));
    workers[0]!.say(progress(9, 5));
    expect(out).toEqual([]);
    workers[0]!.say({ type: 'stopped' });
    workers[0]!.say(setupOf([0]));
    expect(out).toHaveLength(1);
    expect((out[0] as Extract<FromWorker, { type: 'setup' }>).runs.map((r) => r.index)).toEqual([0]);
  });

  it('is done for when the last worker dies before its set-up', () => {
    const { workers, allLost, recovered } = makePool([[0]]);
    workers[0]!.say({ type: 'error', message: 'training stopped: boom' });
    workers[1]!.say({ type: 'error', message: 'training stopped: boom again' });
    expect(recovered).toHaveLength(1);
    expect(allLost).toEqual([{ worker: 0, runs: [0], why: 'boom again' }]);
  });

  it('gives its live workers back when it ends, and only those', () => {
    const { pool, workers, given } = makePool([[0], [1]]);
    workers.forEach((w, k) => w.say(setupOf([k])));
    pool.kill(0);
    pool.terminate();
    expect(given).toEqual([workers[1]]);
    expect(workers[0]!.terminated).toBe(true);
  });

  it('fans controls out, reports paused and finished once every worker is, and the slowest step', () => {
    const { pool, workers, out } = makePool([[0], [1]]);
    workers.forEach((w, k) => w.say(setupOf([k])));
    workers[0]!.say(progress(300, 0));
    workers[1]!.say(progress(200, 1));
    expect(out.at(-1)).toMatchObject({ type: 'progress', step: 200 });
    pool.send({ type: 'pause' });
    for (const w of workers) expect(w.sent.at(-1)).toEqual({ type: 'pause' });
    workers[0]!.say({ type: 'paused', step: 300 });
    expect(out.some((m) => m.type === 'paused')).toBe(false);
    workers[1]!.say({ type: 'paused', step: 200 });
    expect(out.at(-1)).toEqual({ type: 'paused', step: 200 });
    pool.send({ type: 'resume' });
    workers[0]!.say({ type: 'finished', step: 100 });
    expect(out.some((m) => m.type === 'finished')).toBe(false);
    workers[1]!.say({ type: 'finished', step: 100 });
    expect(out.at(-1)).toEqual({ type: 'finished', step: 100 });
  });

  it('reports a lost worker with its runs, keeps the others, and all lost when the last one goes', () => {
    const { pool, workers, out, lost, allLost } = makePool([[0, 2], [1]]);
    workers[0]!.say(setupOf([0, 2]));
    workers[1]!.say(setupOf([1]));
    workers[0]!.say({ type: 'error', message: 'training stopped: boom' });
    expect(lost).toEqual([{ worker: 0, runs: [0, 2], why: 'boom' }]);
    expect(workers[0]!.terminated).toBe(true);
    expect(pool.live).toBe(1);
    workers[0]!.say(progress(5, 0)); // nothing from the dead
    workers[1]!.say(progress(5, 1));
    expect(out.at(-1)).toMatchObject({ type: 'progress', points: [{ run: 1 }] });
    workers[1]!.say({ type: 'finished', step: 100 });
    expect(out.at(-1)).toEqual({ type: 'finished', step: 100 });
    pool.kill(1);
    expect(allLost).toHaveLength(1);
  });
});
