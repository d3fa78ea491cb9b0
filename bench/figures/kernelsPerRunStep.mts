/**
 * kernelsPerRunStep: tfjs kernels dispatched per run-step (tf.profile in
 * the bare engine page, wasm, the default experiment's shape, a run-step
 * being one step of one run), before and after the engine's fused
 * optimizer (issue 9 item 2).
 *
 * - before: the engine with tfjs' own optimizer (SessionOptions.optimizer
 *   'tfjs'); of those, the optimizer's are counted by a reference step the
 *   page writes itself (the engine's forward and backward pass, then tfjs'
 *   applyGradients on one run's parameters), the rest being the forward and
 *   backward pass and whatever the engine runs to form a batch;
 * - after: the engine as it trains by default. While the two dispatch the
 *   same kernels, name for name, the build has no fused optimizer (or
 *   ignores the option) and "after" says pending.
 *
 * Per-chunk kernels (the one read of the losses) are left out by counting
 * two chunk lengths and taking the difference; op scopes tf.profile lists
 * for custom gradients ("fusedMatMul__op") dispatch nothing and are left
 * out too. The engine's default per-run step is also split by kernel name
 * with the time tf.profile gave each (profiling adds its own cost; the
 * split is what matters).
 */
import type { KernelCount, OptimizerKernelCount } from '../engine-page';
import type { Figure } from '../lib/figure.mjs';
import { fmt, table } from '../lib/format.mjs';
import { BenchPage } from '../lib/pages.mjs';
import { round } from '../lib/stats.mjs';

interface Cell {
  strategy: string;
  runs: number;
  /** 'tfjs' or 'default' (the engine's own choice). */
  optimizer: string;
  perRunStep: number;
  perChunk: number;
}

export interface KernelsPerRunStep {
  backend: string;
  before: {
    definition: string;
    /** The engine with tfjs' optimizer, per-run strategy, R = 3. */
    perRunStep: number;
    /** tfjs' optimizer for one run's parameters (the page's reference step). */
    optimizer: number;
    /** perRunStep - optimizer: forward, backward and whatever the engine does on the device to form a batch. */
    rest: number;
    /** The reference step's forward and backward pass alone (src/train/mlp2d.ts). */
    forwardBackward: number;
    optimizerName: string;
    parameterTensors: number;
    optimizerByName: Record<string, number>;
    forwardBackwardByName: Record<string, number>;
  };
  after: {
    /** Set while the engine's default dispatches the same kernels as tfjs' optimizer. */
    pending?: string;
    perRunStep: number;
    /** after - before's rest: the kernels of the engine's own optimizer step. */
    optimizer: number;
    runs: number;
  };
  cells: Cell[];
  /** The engine's default per-run step at R = 3, by kernel name: count and profiled ms per run-step. */
  byName: Record<string, { count: number; ms: number }>;
  definition: string;
}

/** Two counts by kernel name are the same, to rounding. */
export function sameKernels(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => Math.abs((a[k] ?? 0) - (b[k] ?? 0)) < 0.01);
}

const RUNS = [1, 3, 16];

export const kernelsPerRunStep: Figure<KernelsPerRunStep> = {
  id: 'kernelsPerRunStep',
  description:
    "tfjs kernels per run-step on wasm: the engine with tfjs' own optimizer (before) and with its default, fused, one (after)",
  targets: [],
  async run(ctx) {
    const page = await BenchPage.open(ctx.browser, ctx.base, ctx.errors);
    const counts: KernelCount[] = [];
    let reference: OptimizerKernelCount;
    try {
      for (const optimizer of ['tfjs', undefined] as const)
        for (const strategy of ['per-run', 'batched'] as const)
          for (const runs of RUNS) {
            const c = await page.countKernels({
              backend: 'wasm',
              strategy,
              runs,
              steps: [4, 12],
              ...(optimizer ? { optimizer } : {}),
            });
            counts.push(c);
            ctx.log(
              `  kernels ${c.strategy} R=${runs} optimizer ${c.optimizer}: ${round(c.perRunStep, 1)} per run-step`,
            );
          }
      reference = await page.countTfjsOptimizerKernels({
        backend: 'wasm',
        strategy: 'per-run',
        runs: 1,
        steps: [1, 2],
      });
    } finally {
      await page.close();
    }
    const find = (optimizer: string, strategy: string, runs: number) =>
      counts.find((c) => c.optimizer === optimizer && c.strategy === strategy && c.runs === runs)!;
    const before = find('tfjs', 'per-run', 3);
    const after = find('default', 'per-run', 3);
    const byName: KernelsPerRunStep['byName'] = {};
    for (const [k, v] of Object.entries(after.byName)) byName[k] = { count: v, ms: after.msByName[k] ?? 0 };
    return {
      value: {
        backend: after.backend,
        before: {
          definition:
            "the engine with tfjs' own optimizer, per-run strategy, R = 3; split by one run stepped by src/train/mlp2d.ts, then tfjs' applyGradients",
          perRunStep: round(before.perRunStep, 2),
          optimizer: reference.optimizerKernels,
          rest: round(before.perRunStep - reference.optimizerKernels, 2),
          forwardBackward: reference.forwardBackwardKernels,
          optimizerName: reference.optimizerName,
          parameterTensors: reference.parameterTensors,
          optimizerByName: reference.byName,
          forwardBackwardByName: reference.forwardBackwardByName,
        },
        after: {
          ...(sameKernels(before.byName, after.byName)
            ? {
                pending:
                  "the engine's default step dispatches the same kernels as with tfjs' optimizer: this build has no fused optimizer yet",
              }
            : {}),
          perRunStep: round(after.perRunStep, 2),
          optimizer: round(after.perRunStep - (before.perRunStep - reference.optimizerKernels), 2),
          runs: 3,
        },
        cells: counts.map((c) => ({
          strategy: c.strategy,
          runs: c.runs,
          optimizer: c.optimizer,
          perRunStep: round(c.perRunStep, 2),
          perChunk: round(c.perChunk, 1),
        })),
        byName,
        definition:
          'kernels tf.profile records per run-step (one step of one run), from the difference of two chunk lengths (the per-chunk read left out), op scopes left out',
      },
    };
  },
  print(v) {
    const runs = [...new Set(v.cells.map((c) => c.runs))];
    const rows = [['strategy', 'optimizer', ...runs.map((r) => `R=${r}`), 'per chunk (R=1)']];
    for (const optimizer of ['tfjs', 'default'])
      for (const s of ['per-run', 'batched']) {
        const of = v.cells.filter((c) => c.strategy === s && c.optimizer === optimizer);
        if (!of.length) continue;
        rows.push([
          s,
          optimizer === 'tfjs' ? "tfjs' own" : "engine's default",
          ...runs.map((r) => fmt(of.find((c) => c.runs === r)?.perRunStep)),
          fmt(of.find((c) => c.runs === runs[0])?.perChunk),
        ]);
      }
    const top = Object.entries(v.byName)
      .sort((a, b) => b[1].ms - a[1].ms)
      .map(([k, x]) => `${k} ${x.count} (${round(x.ms * 1000)} us)`)
      .join(', ');
    const perTensor = round(v.before.optimizer / v.before.parameterTensors, 1);
    return [
      '',
      `kernelsPerRunStep (${v.backend}, tfjs kernels per run-step, tf.profile)`,
      `  before (tfjs' ${v.before.optimizerName}, per-run, R=${fmt(v.after.runs)}): ${fmt(v.before.perRunStep)} = ${fmt(v.before.optimizer)} optimizer (${fmt(perTensor)} per parameter tensor x ${fmt(v.before.parameterTensors)}) + ${fmt(v.before.rest)} other (forward/backward alone: ${fmt(v.before.forwardBackward)})`,
      `  after (the engine's default, per-run, R=${fmt(v.after.runs)}): ${v.after.pending ? `pending: ${v.after.pending}` : `${fmt(v.after.perRunStep)} = ${fmt(v.after.optimizer)} optimizer + ${fmt(v.before.rest)} other`}`,
      table(rows),
      `  default per-run step by kernel (count, profiled time per run-step): ${top}`,
    ];
  },
};
