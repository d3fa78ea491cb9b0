/**
 * How an experiment's runs are spread over training workers (README, "How
 * training uses the cores"). Pure: the page and the CLI share it.
 *
 * Runs are independent, so any split gives the same numbers; the split only
 * decides the finish time. Each run's cost is estimated from its shape and
 * step budget; for every worker count W from 1 to the cap, the runs are
 * assigned longest first to the least loaded worker (LPT), and the finish
 * time of W workers sharing C cores is computed as processor sharing (while
 * more workers than cores are busy, each gets C / busy of a core). The
 * fewest workers within 2% of the best finish time win. So 3 equal runs on
 * 2 cores take 3 workers (each run 2/3 of a core, done at 1.5 run-lengths)
 * rather than 2 + 1 (done at 2).
 */
import { type Config } from './config';
import { estimateRunBytes, WORKER_FIXED_BYTES } from './memory';

export { WORKER_FIXED_BYTES };

/** The most workers a page or the CLI starts, whatever else allows. */
export const MAX_WORKERS = 16;
/** Fewer workers win unless more of them finish at least this much sooner. */
const TIE = 0.02;

/** Seconds-like cost of one step of a run (only ratios matter, and the fixed part against the products). */
export function stepCost(c: Config): number {
  // Multiply-adds of one step: forward, and backward (twice the forward) of every layer.
  const layers = c.n * c.h + (c.depth - 1) * c.h * c.h + c.h;
  const flops = 6 * c.bs * layers;
  // About 13.7 GFLOP/s in wasm's products here, plus ~0.3 ms a step of kernel dispatch and host work.
  const hostInputs = c.inputs === 'gaussian' && c.train === 'online' ? c.bs * c.n * 4e-8 : c.bs * c.d * 1e-8;
  return flops / 13.7e9 + 3e-4 + hostInputs;
}

/** Estimated cost of a whole run: its steps, its evaluations and building its inputs. */
export function runCost(c: Config): number {
  const evalFlops = 16 * 2 * c.test * (c.n * c.h + (c.depth - 1) * c.h * c.h + c.h);
  const build = c.inputs === 'gaussian' ? 0.01 : 0.15;
  return c.steps * stepCost(c) + evalFlops / 13.7e9 + build;
}

export interface SplitOptions {
  /** Cores to spread over (navigator.hardwareConcurrency, os.availableParallelism()). */
  cores: number;
  /** The most workers allowed (before memory); default MAX_WORKERS. */
  maxWorkers?: number;
  /** Exactly this many workers (capped by the runs and memory), instead of choosing. */
  workers?: number;
  /** Bytes the workers may take together; each worker costs WORKER_FIXED_BYTES plus its runs. */
  memoryBytes?: number;
  /** Bytes of each run (default estimateRunBytes); indexed like costs. */
  runBytes?: readonly number[];
}

export interface SplitPlan {
  /** Run indices per worker, each list increasing; every run in exactly one. */
  assignment: number[][];
  /** Estimated finish time, in the units of the costs. */
  makespan: number;
  /** Why the count is what it is, for logs and notes. */
  reason: string;
}

/** Finish time of workers with these loads sharing `cores` cores, each using at most one. */
export function sharedMakespan(loads: readonly number[], cores: number): number {
  const left = loads.filter((l) => l > 0).sort((a, b) => a - b);
  let t = 0;
  let done = 0;
  for (let i = 0; i < left.length; i++) {
    const busy = left.length - i;
    const rate = Math.min(1, cores / busy);
    t += (left[i]! - done) / rate;
    done = left[i]!;
  }
  return t;
}

/** Longest first to the least loaded of w workers; ties to the lower index, so the plan is deterministic. */
export function lpt(costs: readonly number[], w: number): number[][] {
  const order = costs.map((c, i) => [c, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const loads = new Array<number>(w).fill(0);
  const bins: number[][] = Array.from({ length: w }, () => []);
  for (const [c, i] of order) {
    let best = 0;
    for (let k = 1; k < w; k++) if (loads[k]! < loads[best]!) best = k;
    loads[best]! += c;
    bins[best]!.push(i);
  }
  return bins.filter((b) => b.length > 0).map((b) => b.sort((x, y) => x - y));
}

/** The most workers memory allows for runs of these sizes (at least 1). */
export function memoryCap(runBytes: readonly number[], memoryBytes: number): number {
  const runs = runBytes.reduce((s, b) => s + b, 0);
  return Math.max(1, Math.floor((memoryBytes - runs) / WORKER_FIXED_BYTES));
}

/** The split of runs with these costs over workers (see the module comment). */
export function planSplit(costs: readonly number[], opts: SplitOptions): SplitPlan {
  const R = costs.length;
  if (R === 0) return { assignment: [], makespan: 0, reason: 'no runs' };
  const cores = Math.max(1, Math.floor(opts.cores));
  let cap = Math.min(R, opts.maxWorkers ?? MAX_WORKERS, MAX_WORKERS);
  let why = `${R} runs, ${cores} cores`;
  if (opts.memoryBytes !== undefined && opts.runBytes) {
    const byMemory = memoryCap(opts.runBytes, opts.memoryBytes);
    if (byMemory < cap) {
      cap = byMemory;
      why += `, memory for ${byMemory}`;
    }
  }
  cap = Math.max(1, cap);
  const evaluate = (w: number) => {
    const assignment = lpt(costs, w);
    const loads = assignment.map((b) => b.reduce((s, i) => s + costs[i]!, 0));
    return { assignment, makespan: sharedMakespan(loads, cores) };
  };
  if (opts.workers !== undefined) {
    const w = Math.max(1, Math.min(cap, Math.floor(opts.workers)));
    return { ...evaluate(w), reason: `${w} workers as asked (${why})` };
  }
  let best = evaluate(1);
  for (let w = 2; w <= cap; w++) {
    const next = evaluate(w);
    if (next.makespan < best.makespan * (1 - TIE)) best = next;
  }
  return { ...best, reason: `${best.assignment.length} workers: the shortest estimated finish (${why})` };
}

/** The split of an experiment's runs (configs in run order). */
export function planRuns(configs: readonly Config[], opts: Omit<SplitOptions, 'runBytes'>): SplitPlan {
  return planSplit(configs.map(runCost), { ...opts, runBytes: configs.map(estimateRunBytes) });
}
