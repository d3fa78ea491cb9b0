/**
 * Runs the experiment a permalink describes, headless: the one code path
 * behind `npm run experiment` and `npm run science`.
 */
import { validateExperiment, type Problem } from '../src/core/config';
import { expandRuns } from '../src/core/experiment';
import { parsePermalink, type Notice } from '../src/core/permalink';
import { buildResult, type ResultFile } from '../src/core/result';
import { buildRunInputs } from '../src/core/run-inputs';
import { initBackend } from '../src/train/backend';
import { runExperiment } from '../src/train/run';

/** What `--json` prints: the one result format of src/core/result.ts. */
export type ExperimentOutput = ResultFile;

export type Outcome =
  | { ok: true; output: ExperimentOutput; seconds: number; runSteps: number }
  | { ok: false; notices: Notice[]; errors: Problem[] };

export interface RunOptions {
  backend: 'wasm' | 'cpu' | null;
  /** Run what the parser made of a link it had to change (the page's behaviour); otherwise refuse it. */
  lenient?: boolean;
  strategy: 'auto' | 'batched' | 'per-run';
  /** Called with a one-line progress message. */
  progress?: (line: string) => void;
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

  // In Node there is no WebGL: wasm where it loads, else cpu.
  const backend = await initBackend(opts.backend ?? 'auto');
  const plans = expandRuns(experiment);
  const setups = plans.map((plan) => buildRunInputs(plan));
  const totalRunSteps = plans.reduce((s, p) => s + p.config.steps, 0);
  const started = performance.now();
  let lastPrint = 0;
  const runs = await runExperiment(setups, {
    strategy: opts.strategy,
    onProgress: (p) => {
      const now = performance.now();
      if (!opts.progress || (now - lastPrint < 1000 && p.step < p.totalSteps)) return;
      lastPrint = now;
      const rate = (p.runSteps / ((now - started) / 1000)).toFixed(0);
      const losses = p.runs.map((r) => `${r.label}: ${r.testNmse === null ? '-' : r.testNmse.toFixed(3)}`).join('  ');
      opts.progress(`step ${p.step}/${p.totalSteps}  ${rate} run-steps/s  ${losses}`);
    },
  });
  const seconds = (performance.now() - started) / 1000;
  return {
    ok: true,
    seconds,
    runSteps: totalRunSteps,
    output: buildResult({ experiment, notices, backend: backend.name, runs }),
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
