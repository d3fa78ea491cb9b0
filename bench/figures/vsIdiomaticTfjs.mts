/**
 * vsIdiomaticTfjs: on wasm, the engine's best strategy divided by the
 * idiomatic tfjs loop (bench/idiomatic.ts) in the same page, at R = 1 and
 * 16; the median of per-round ratios (same moment, same noise).
 */
import { bestStrategy, engineCells, findCell } from '../lib/engineCells.mjs';
import type { Figure } from '../lib/figure.mjs';
import { fmt, table } from '../lib/format.mjs';
import { median, round } from '../lib/stats.mjs';
import { goal, type Measured } from '../lib/targets.mjs';

interface Row {
  engine: number;
  engineStrategy: string;
  idiomatic: number;
  ratio: number;
  ratioPerRound: number[];
  steps: { engine: number[]; idiomatic: number[] };
}

export type VsIdiomaticTfjs = Partial<Record<'R1' | 'R16', Row>>;

export const vsIdiomaticTfjs: Figure<VsIdiomaticTfjs> = {
  id: 'vsIdiomaticTfjs',
  description: 'wasm: the engine best / the idiomatic tfjs loop (batched tf.matMul, optimizer.minimize), R = 1 and 16',
  targets: [
    { label: 'vsIdiomaticTfjs R=1', goal: goal('>=', '2') },
    { label: 'vsIdiomaticTfjs R=16', goal: goal('>=', '3') },
  ],
  async run(ctx) {
    const { cells } = await engineCells(ctx);
    const value: VsIdiomaticTfjs = {};
    const measured: Measured[] = [];
    for (const runs of [1, 16] as const) {
      const best = bestStrategy(cells, 'wasm', runs);
      const idio = findCell(cells, 'wasm', 'idiomatic', runs);
      if (!best || !idio) continue;
      const ratios = best.perRound.map((x, i) => x / idio.perRound[i]!);
      const ratio = median(ratios);
      value[`R${runs}`] = {
        engine: round(best.runStepsPerSecond),
        engineStrategy: best.strategy,
        idiomatic: round(idio.runStepsPerSecond),
        ratio: round(ratio, 2),
        ratioPerRound: ratios.map((x) => round(x, 2)),
        steps: { engine: best.steps, idiomatic: idio.steps },
      };
      measured.push({ label: `vsIdiomaticTfjs R=${runs}`, value: round(ratio, 2), exact: ratio });
    }
    return { value, measured, missing: 'not measured' };
  },
  print(v) {
    const rows = [['R', 'engine', 'strategy', 'idiomatic', 'ratio', 'per round']];
    for (const k of ['R1', 'R16'] as const) {
      const x = v[k];
      if (x)
        rows.push([
          k.slice(1),
          fmt(x.engine),
          fmt(x.engineStrategy),
          fmt(x.idiomatic),
          fmt(x.ratio),
          JSON.stringify(x.ratioPerRound),
        ]);
    }
    return ['', 'vsIdiomaticTfjs (wasm: engine best / idiomatic tfjs, median of per-round ratios)', table(rows)];
  },
};
