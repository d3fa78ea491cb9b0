/**
 * The CLI's worker pool: an experiment's runs split over Node worker threads
 * by the split planner (src/core/split.ts), each thread training its subset
 * (cli/pool-worker.ts), results merged in run order. Runs are independent and
 * each is trained by the same code from its own seeds, so the merged results
 * are those of one thread, byte for byte (a test says so).
 */
import { Worker } from 'node:worker_threads';
import type { Experiment } from '../src/core/config';
import type { Progress, RunResult, StrategyChoice } from '../src/train';

export interface PoolJob {
  experiment: Experiment;
  runs: number[];
  backend: 'wasm' | 'cpu' | null;
  strategy: StrategyChoice;
}

export type PoolReply =
  | { type: 'progress'; progress: Progress }
  | { type: 'done'; backend: string; results: RunResult[] }
  | { type: 'error'; message: string };

export interface PoolOutcome {
  results: RunResult[];
  /** The backend each thread ran on, in thread order. */
  backends: string[];
}

/**
 * Trains `assignment` (run indices per thread) of the experiment; `onProgress`
 * gets every thread's progress with the thread's index.
 */
export async function runPool(
  experiment: Experiment,
  assignment: readonly number[][],
  opts: {
    backend: 'wasm' | 'cpu' | null;
    strategy: StrategyChoice;
    onProgress?: (thread: number, p: Progress) => void;
  },
): Promise<PoolOutcome> {
  const total = assignment.reduce((s, a) => s + a.length, 0);
  const workers: Worker[] = [];
  try {
    const parts = await Promise.all(
      assignment.map(
        (runs, thread) =>
          new Promise<{ backend: string; results: RunResult[] }>((resolve, reject) => {
            const job: PoolJob = { experiment, runs: [...runs], backend: opts.backend, strategy: opts.strategy };
            // The CLI runs under tsx; the boot script registers the same loader in the thread.
            const w = new Worker(new URL('./pool-worker-boot.mjs', import.meta.url), { workerData: job });
            workers.push(w);
            let settled = false;
            w.on('message', (msg: PoolReply) => {
              if (msg.type === 'progress') opts.onProgress?.(thread, msg.progress);
              else if (msg.type === 'done') {
                settled = true;
                resolve({ backend: msg.backend, results: msg.results });
              } else {
                settled = true;
                reject(new Error(`worker ${thread + 1} (runs ${runs.join(', ')}): ${msg.message}`));
              }
            });
            w.on('error', (e) => {
              settled = true;
              reject(e);
            });
            w.on('exit', (code) => {
              if (!settled)
                reject(new Error(`worker ${thread + 1} (runs ${runs.join(', ')}) exited with code ${code}`));
            });
          }),
      ),
    );
    const results = new Array<RunResult>(total);
    parts.forEach((part, thread) => assignment[thread]!.forEach((run, k) => (results[run] = part.results[k]!)));
    return { results, backends: parts.map((p) => p.backend) };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
