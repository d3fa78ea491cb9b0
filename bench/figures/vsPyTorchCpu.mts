/**
 * vsPyTorchCpu: one worker's pace against PyTorch on one core. The engine's
 * best on wasm in the bare engine page (one thread, as one worker of the
 * pool) divided by bench/pytorch_anchor.py with OpenBLAS on one thread, at
 * R = 1 and 16, the anchor run between the wasm rounds; the median of
 * per-round ratios. The plain interpreter (its own BLAS and threads) is
 * reported beside it.
 */
import { bestStrategy, bestTfjsStrategy, engineCells } from '../lib/engineCells.mjs';
import type { Figure } from '../lib/figure.mjs';
import { fmt, table } from '../lib/format.mjs';
import { median, round } from '../lib/stats.mjs';
import { goal, type Measured } from '../lib/targets.mjs';

interface Row {
  engine: number;
  engineStrategy: string;
  pytorchPlain: number | null;
  pytorchPlainThreads: number | null;
  pytorchPlainBlas: string[] | null;
  pytorchOpenblas: number | null;
  pytorchSteps: number;
  torch: string;
  ratio: number;
  ratioAgainst: string;
  ratioPerRound: number[];
  /** The same ratio for tfjs' own strategies alone, the engine before the SIMD engine (added with it). */
  tfjsRatio?: number | null;
  tfjsStrategy?: string | null;
}

export interface VsPyTorchCpu {
  skipped?: string | null;
  python?: string | null;
  openblasDir?: string;
  /** What the engine side is (added with the pool; older reports lack it). */
  engineSide?: string;
  R1?: Row;
  R16?: Row;
}

const GOAL = goal('>=', '0.9'); // issue 16: PyTorch's speed per core

export const vsPyTorchCpu: Figure<VsPyTorchCpu> = {
  id: 'vsPyTorchCpu',
  description:
    'one worker: the engine best on wasm (bare page, one thread) / PyTorch + OpenBLAS on one thread, R = 1 and 16',
  targets: [
    { label: 'vsPyTorchCpu R=1', goal: GOAL },
    { label: 'vsPyTorchCpu R=16', goal: GOAL },
  ],
  async run(ctx) {
    const { cells, torch, torchSetup: setup } = await engineCells(ctx);
    if (!setup || setup.problem) {
      return { value: { skipped: setup?.problem ?? 'PyTorch was not looked for' }, missing: 'skipped' };
    }
    const value: VsPyTorchCpu = {
      python: setup.python,
      openblasDir: setup.openblasDir ?? 'not found: apt-get install libopenblas0-pthread',
      engineSide: 'bare engine page, one thread: one worker of the pool',
    };
    const measured: Measured[] = [];
    for (const runs of [1, 16] as const) {
      const best = bestStrategy(cells, 'wasm', runs);
      const of = (openblas: boolean) => torch.filter((t) => t.runs === runs && t.openblas === openblas);
      const plain = of(false);
      const fast = of(true);
      const anchor = fast.length ? fast : plain;
      if (!best || !anchor.length) continue;
      const ratios = anchor.map((t) => best.perRound[t.round]! / t.result.runStepsPerSecond);
      const ratio = median(ratios);
      const tfjs = bestTfjsStrategy(cells, 'wasm', runs);
      const tfjsRatio = tfjs ? median(anchor.map((t) => tfjs.perRound[t.round]! / t.result.runStepsPerSecond)) : null;
      value[`R${runs}`] = {
        engine: round(best.runStepsPerSecond),
        engineStrategy: best.strategy,
        pytorchPlain: plain.length ? round(median(plain.map((t) => t.result.runStepsPerSecond))) : null,
        pytorchPlainThreads: plain[0]?.result.threads ?? null,
        pytorchPlainBlas: plain[0]?.result.blas ?? null,
        pytorchOpenblas: fast.length ? round(median(fast.map((t) => t.result.runStepsPerSecond))) : null,
        pytorchSteps: anchor[0]!.result.steps,
        torch: anchor[0]!.result.torch,
        ratio: round(ratio, 2),
        ratioAgainst: fast.length ? 'PyTorch with OpenBLAS, one thread' : 'plain PyTorch (no OpenBLAS found)',
        ratioPerRound: ratios.map((x) => round(x, 2)),
        tfjsRatio: tfjsRatio === null ? null : round(tfjsRatio, 2),
        tfjsStrategy: tfjs?.strategy ?? null,
      };
      measured.push({
        label: `vsPyTorchCpu R=${runs}`,
        value: round(ratio, 2),
        exact: ratio,
        ...(fast.length ? {} : { judged: false, note: 'against plain PyTorch: no OpenBLAS' }),
      });
    }
    return { value, measured, missing: 'not measured' };
  },
  print(v) {
    const out = ['', 'vsPyTorchCpu (engine best on wasm / PyTorch CPU)'];
    if (v.skipped) {
      out.push(`  skipped: ${String(v.skipped)}`);
      return out;
    }
    const rows = [
      ['R', 'engine', 'strategy', 'torch plain', 'torch OpenBLAS 1 thr', 'ratio', 'tfjs only', 'torch steps'],
    ];
    for (const k of ['R1', 'R16'] as const) {
      const x = v[k];
      if (x)
        rows.push([
          k.slice(1),
          fmt(x.engine),
          x.engineStrategy,
          fmt(x.pytorchPlain),
          fmt(x.pytorchOpenblas),
          fmt(x.ratio),
          x.tfjsRatio === undefined ? '—' : `${fmt(x.tfjsRatio)} (${x.tfjsStrategy ?? '—'})`,
          fmt(x.pytorchSteps),
        ]);
    }
    out.push(table(rows));
    if (v.R1)
      out.push(
        `  plain torch: ${fmt(v.R1.pytorchPlainThreads)} thread(s), BLAS ${JSON.stringify(v.R1.pytorchPlainBlas)}`,
      );
    if (v.engineSide) out.push(`  engine: ${v.engineSide}`);
    return out;
  },
};
