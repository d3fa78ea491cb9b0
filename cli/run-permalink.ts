/**
 * Runs the experiment a permalink describes, headless: the one code path
 * behind `npm run experiment` and `npm run science`.
 */
import { availableParallelism, totalmem } from 'node:os';
import { type Experiment } from '../src/core/config';
import { expandRuns } from '../src/core/experiment';
import { parsePermalink, type Notice } from '../src/core/permalink';
import { buildResult, type ResultFile } from '../src/core/result';
import { buildRunInputs } from '../src/core/run-inputs';
import { initBackend } from '../src/train/backend';
import { planRuns, type SplitPlan } from '../src/core/split';
import { runExperiment, type Progress, type RunResult } from '../src/train/run';
import { runPool } from './pool';
import { validateExperiment, type Problem } from '../src/core/validate';

/** What `--json` prints: the one result format of src/core/result.ts. */
export type ExperimentOutput = ResultFile;

export type Outcome =
  | { ok: true; output: ExperimentOutput; seconds: number; runSteps: number; workers: number }
  | { ok: false; notices: Notice[]; errors: Problem[] };

export interface RunOptions {
  backend: 'wasm' | 'cpu' | null;
  /** Run what the parser made of a link it had to change (the page's behaviour); otherwise refuse it. */
  lenient?: boolean;
  strategy: 'auto' | 'batched' | 'per-run' | 'simd';
  /** Called with a one-line progress message. */
  progress?: (line: string) => void;
  /**
   * Worker threads: a number asks for that many (capped by the runs), 'auto'
   * lets the split planner choose over os.availableParallelism() cores.
   * Default: the link's `workers` field (itself 'auto' by default).
   */
  workers?: number | 'auto';
}

/** The split of the experiment's runs over threads (README, "How training uses the cores"). */
export function planCliSplit(experiment: Experiment, workers: number | 'auto'): SplitPlan {
  const configs = expandRuns(experiment).map((p) => p.config);
  return planRuns(configs, {
    cores: availableParallelism(),
    // Node's threads share the process; half the machine's memory is a safe ceiling.
    memoryBytes: totalmem() / 2,
    ...(workers === 'auto' ? {} : { workers }),
  });
}

export async function runPermalink(query: string, opts: RunOptions): Promise<Outcome> {
  const { experiment, notices } = parsePermalink(query);
  // The parser always repairs a link into a valid experiment; on the command line a silent
  // substitute for what was asked would be worse than a refusal, so every change refuses.
  if (notices.length > 0 && !opts.lenient) {
    return { ok: false, notices, errors: notices.map((n) => ({ fields: [], message: `${n.key}: ${n.message}` })) };
  }
  const validation = validateExperiment(experiment);
  if (!validation.ok) return { ok: false, notices, errors: validation.errors };

  const plans = expandRuns(experiment);
  const totalRunSteps = plans.reduce((s, p) => s + p.config.steps, 0);
  const setting = opts.workers ?? (experiment.base.workers === 'auto' ? 'auto' : Number(experiment.base.workers));
  const split = planCliSplit(experiment, setting);
  const started = performance.now();
  let lastPrint = 0;
  const print = (p: Progress) => {
    const now = performance.now();
    if (!opts.progress || (now - lastPrint < 1000 && p.step < p.totalSteps)) return;
    lastPrint = now;
    const rate = (p.runSteps / ((now - started) / 1000)).toFixed(0);
    const losses = p.runs.map((r) => `${r.label}: ${r.testNmse === null ? '-' : r.testNmse.toFixed(3)}`).join('  ');
    opts.progress(`step ${p.step}/${p.totalSteps}  ${rate} run-steps/s  ${losses}`);
  };
  let runs: RunResult[];
  let backendName: string;
  if (split.assignment.length <= 1) {
    // In Node there is no WebGL: wasm where it loads, else cpu.
    const backend = await initBackend(opts.backend ?? 'auto');
    backendName = backend.name;
    const setups = plans.map((plan) => buildRunInputs(plan));
    runs = await runExperiment(setups, { strategy: opts.strategy, onProgress: print });
  } else {
    // Every thread's latest progress, merged into one line in run order.
    const latest: (Progress | null)[] = split.assignment.map(() => null);
    const merged = (): Progress => {
      const seen = latest.filter((p): p is Progress => p !== null);
      const byRun: Progress['runs'] = plans.map((p) => ({ label: p.label, testNmse: null }));
      latest.forEach((p, t) => p?.runs.forEach((r, k) => (byRun[split.assignment[t]![k]!] = r)));
      const unfinished = seen.filter((p) => p.step < p.totalSteps);
      return {
        step: Math.min(...(unfinished.length ? unfinished : seen).map((p) => p.step)),
        totalSteps: Math.max(...seen.map((p) => p.totalSteps)),
        runSteps: seen.reduce((s, p) => s + p.runSteps, 0),
        runs: byRun,
      };
    };
    const pooled = await runPool(experiment, split.assignment, {
      backend: opts.backend,
      strategy: opts.strategy,
      onProgress: (thread, p) => {
        latest[thread] = p;
        if (latest.every((q) => q !== null)) print(merged());
      },
    });
    runs = pooled.results;
    const names = [...new Set(pooled.backends)];
    backendName = names.join('+');
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    ok: true,
    seconds,
    runSteps: totalRunSteps,
    workers: split.assignment.length,
    output: buildResult({ experiment, notices, backend: backendName, runs }),
  };
}

/** A readable table: one row per evaluation step, one column per run. */
export function formatTable(out: ExperimentOutput): string {
  const steps = [...new Set(out.runs.flatMap((r) => r.curve.map((p) => p.step)))].sort((a, b) => a - b);
  const header = ['step', ...out.runs.map((r) => r.label)];
  const rows = steps.map((s) => [
    String(s),
    ...out.runs.map((r) => {
      const p = r.curve.find((q) => q.step === s);
      return p ? p.testNmse.toFixed(4) : '';
    }),
  ]);
  const finals = [
    ['final', ...out.runs.map((r) => (r.final.testNmse === null ? 'diverged' : r.final.testNmse.toFixed(4)))],
    ['accuracy', ...out.runs.map((r) => (r.final.accuracy === null ? '-' : r.final.accuracy.toFixed(3)))],
  ];
  const all = [header, ...rows, ...finals];
  const widths = header.map((_, c) => Math.max(...all.map((row) => row[c]!.length)));
  const line = (row: string[]) => row.map((cell, c) => cell.padStart(widths[c]!)).join('  ');
  return [
    `normalised test loss (MSE / Var(y_test)) on ${out.backend}; ?${out.permalink}`,
    line(header),
    ...rows.map(line),
    '-'.repeat(line(header).length),
    ...finals.map(line),
  ].join('\n');
}
