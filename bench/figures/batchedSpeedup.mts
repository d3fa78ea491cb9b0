/** batchedSpeedup: run-steps/s at R = 16 divided by R = 1, per backend and strategy (from stepsPerSecond's cells). */
import { engineCells, findCell } from '../lib/engineCells.mjs';
import type { Figure } from '../lib/figure.mjs';
import { fmt, table } from '../lib/format.mjs';
import { round } from '../lib/stats.mjs';

export interface BatchedSpeedup {
  definition: string;
  rows: { backend: string; strategy: string; value: number }[];
}

export const batchedSpeedup: Figure<BatchedSpeedup> = {
  id: 'batchedSpeedup',
  description: 'run-steps/s at R = 16 / R = 1 per backend and strategy: what training runs together gains',
  targets: [],
  async run(ctx) {
    const { cells } = await engineCells(ctx);
    const rows = [];
    for (const backend of ['wasm', 'webgl', 'cpu'] as const)
      for (const strategy of ['per-run', 'batched'] as const) {
        const r1 = findCell(cells, backend, strategy, 1);
        const r16 = findCell(cells, backend, strategy, 16);
        if (r1 && r16) rows.push({ backend, strategy, value: round(r16.runStepsPerSecond / r1.runStepsPerSecond, 2) });
      }
    return { value: { definition: 'run-steps/s at R=16 divided by R=1', rows } };
  },
  print(v) {
    return [
      '',
      'batchedSpeedup (run-steps/s at R=16 / R=1)',
      table([['backend', 'strategy', 'speedup'], ...v.rows.map((x) => [x.backend, x.strategy, fmt(x.value)])]),
    ];
  },
};
