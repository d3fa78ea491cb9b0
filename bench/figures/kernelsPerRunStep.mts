/**
 * kernelsPerRunStep: tfjs kernels dispatched per run-step (tf.profile in
 * the bare engine page, wasm, the default experiment's shape), before and
 * after the engine's fused optimizer (issue 9 item 2).
 *
 * - before: one run of the per-run strategy with tfjs' own optimizer
 *   (the engine's forward and hand-written backward pass, then
 *   tf.train.adam's applyGradients), counted by the page itself so that it
 *   stays measurable after the engine has replaced the optimizer;
 * - after: the engine's per-run session as it trains now. While its kernel
 *   names and count are those of "before", the fused optimizer has not
 *   landed and "after" says pending.
 *
 * The batched strategy's count is reported beside them, and the per-run
 * step's kernels by name, with the time tf.profile gave each (profiling
 * adds its own cost; the split is what matters).
 */
import type { KernelCount, OptimizerKernelCount } from '../engine-page';
import type { Figure } from '../lib/figure.mjs';
import { fmt, table } from '../lib/format.mjs';
import { BenchPage } from '../lib/pages.mjs';
import { round } from '../lib/stats.mjs';

interface Cell {
  strategy: string;
  runs: number;
  perRunStep: number;
  perChunk: number;
}

export interface KernelsPerRunStep {
  backend: string;
  before: {
    definition: string;
    perRunStep: number;
    forwardBackward: number;
    optimizer: number;
    optimizerName: string;
    parameterTensors: number;
    optimizerByName: Record<string, number>;
    forwardBackwardByName: Record<string, number>;
  };
  after: {
    /** Set while the engine still steps with tfjs' optimizer. */
    pending?: string;
    perRunStep: number;
    /** after - the forward and backward pass of "before". */
    optimizer: number;
    runs: number;
  };
  cells: Cell[];
  /** The engine's per-run step at R = 3, by kernel name: count and profiled ms per run-step. */
  byName: Record<string, { count: number; ms: number }>;
  definition: string;
}

/** The engine counts as unchanged when its per-run-step kernels match tfjs' own optimizer's, name for name. */
export function sameKernels(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => Math.abs((a[k] ?? 0) - (b[k] ?? 0)) < 0.01);
}

function addCounts(...parts: Record<string, number>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of parts) for (const [k, v] of Object.entries(p)) out[k] = round((out[k] ?? 0) + v, 2);
  return out;
}

export const kernelsPerRunStep: Figure<KernelsPerRunStep> = {
  id: 'kernelsPerRunStep',
  description:
    "tfjs kernels per run-step on wasm: per-run strategy with tfjs' own optimizer (before) and as the engine steps now (after)",
  targets: [],
  async run(ctx) {
    const page = await BenchPage.open(ctx.browser, ctx.base, ctx.errors);
    const counts: KernelCount[] = [];
    let reference: OptimizerKernelCount;
    try {
      for (const strategy of ['per-run', 'batched'] as const)
        for (const runs of [1, 3, 16]) {
          const c = await page.countKernels({ backend: 'wasm', strategy, runs, steps: [4, 12] });
          counts.push(c);
          ctx.log(`  kernels ${c.strategy} R=${runs}: ${round(c.perRunStep, 1)} per run-step (${c.backend})`);
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
    const perRun3 = counts.find((c) => c.strategy === 'per-run' && c.runs === 3)!;
    const before = reference.forwardBackwardKernels + reference.optimizerKernels;
    const engineNow = perRun3.perRunStep;
    // The same kernels, name for name, as forward/backward + tfjs' optimizer: the fused optimizer is not in yet.
    const unchanged = sameKernels(perRun3.byName, addCounts(reference.forwardBackwardByName, reference.byName));
    const byName: KernelsPerRunStep['byName'] = {};
    for (const [k, v] of Object.entries(perRun3.byName)) byName[k] = { count: v, ms: perRun3.msByName[k] ?? 0 };
    return {
      value: {
        backend: perRun3.backend,
        before: {
          definition:
            "one run, per-run strategy: src/train/mlp2d.ts forward and backward, then tfjs' own optimizer (applyGradients)",
          perRunStep: before,
          forwardBackward: reference.forwardBackwardKernels,
          optimizer: reference.optimizerKernels,
          optimizerName: reference.optimizerName,
          parameterTensors: reference.parameterTensors,
          optimizerByName: reference.byName,
          forwardBackwardByName: reference.forwardBackwardByName,
        },
        after: {
          ...(unchanged
            ? {
                pending:
                  "the engine still steps with tfjs' own optimizer (same kernels): the fused optimizer has not landed",
              }
            : {}),
          perRunStep: round(engineNow, 2),
          optimizer: round(engineNow - reference.forwardBackwardKernels, 2),
          runs: 3,
        },
        cells: counts.map((c) => ({
          strategy: c.strategy,
          runs: c.runs,
          perRunStep: round(c.perRunStep, 2),
          perChunk: round(c.perChunk, 1),
        })),
        byName,
        definition:
          'kernels tf.profile records per run-step (a run-step: one step of one run), from the difference of two chunk lengths so that the per-chunk read is left out',
      },
    };
  },
  print(v) {
    const strategies = [...new Set(v.cells.map((c) => c.strategy))];
    const runs = [...new Set(v.cells.map((c) => c.runs))];
    const rows = [['strategy', ...runs.map((r) => `R=${r}`), 'per chunk (R=1)']];
    for (const s of strategies)
      rows.push([
        s,
        ...runs.map((r) => fmt(v.cells.find((c) => c.strategy === s && c.runs === r)?.perRunStep)),
        fmt(v.cells.find((c) => c.strategy === s && c.runs === runs[0])?.perChunk),
      ]);
    const top = Object.entries(v.byName)
      .sort((a, b) => b[1].ms - a[1].ms)
      .map(([k, x]) => `${k} ${x.count} (${round(x.ms * 1000)} us)`)
      .join(', ');
    return [
      '',
      `kernelsPerRunStep (${v.backend}, tfjs kernels per run-step, tf.profile)`,
      `  before (tfjs' ${v.before.optimizerName}): ${fmt(v.before.perRunStep)} = ${fmt(v.before.forwardBackward)} forward/backward + ${fmt(v.before.optimizer)} optimizer (${fmt(round(v.before.optimizer / v.before.parameterTensors, 1))} per parameter tensor, ${fmt(v.before.parameterTensors)} tensors)`,
      `  after (the engine now, per-run, R=${fmt(v.after.runs)}): ${v.after.pending ? `pending: ${v.after.pending}` : `${fmt(v.after.perRunStep)} = ${fmt(v.before.forwardBackward)} forward/backward + ${fmt(v.after.optimizer)} optimizer`}`,
      table(rows),
      `  per-run step by kernel (count, profiled time per run-step): ${top}`,
    ];
  },
};
