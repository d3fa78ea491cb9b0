/**
 * stepsPerSecond: run-steps per second (steps x runs trained together) of
 * the default experiment's shape in the bare engine page, per backend
 * (wasm, webgl, cpu), strategy (per-run, batched) and R = 1, 3, 16.
 */
import { engineCells, type CellResult } from '../lib/engineCells.mjs';
import type { Figure } from '../lib/figure.mjs';
import { fmt, table } from '../lib/format.mjs';
import { round } from '../lib/stats.mjs';

export interface StepsPerSecond {
  unit: string;
  shape: string;
  cells: CellResult[];
}

export const stepsPerSecond: Figure<StepsPerSecond> = {
  id: 'stepsPerSecond',
  description:
    'run-steps/s of the default shape in the bare engine page, per backend, strategy and R = 1, 3, 16 (wasm: median of interleaved rounds)',
  targets: [],
  async run(ctx) {
    const { cells } = await engineCells(ctx);
    return {
      value: {
        unit: 'run-steps/s (steps x runs), median over rounds',
        shape: 'default experiment: n=128, h=128, depth 1, relu, B=128, Adam 1e-3, parity inputs (d=50, k=7)',
        cells: cells.map((c) => ({
          ...c,
          runStepsPerSecond: round(c.runStepsPerSecond),
          perRound: c.perRound.map((x) => round(x)),
        })),
      },
    };
  },
  print(v) {
    const rows = [['backend', 'strategy', 'R=1', 'R=3', 'R=16', 'steps (R=1 / 3 / 16)']];
    for (const backend of ['wasm', 'webgl', 'cpu'])
      for (const strategy of ['per-run', 'batched', 'idiomatic']) {
        const cs = [1, 3, 16].map((n) =>
          v.cells.find((c) => c.backend === backend && c.strategy === strategy && c.runs === n),
        );
        if (!cs.some(Boolean)) continue;
        rows.push([
          backend,
          strategy,
          ...cs.map((c) => fmt(c?.runStepsPerSecond)),
          cs.map((c) => (c ? c.steps.join('+') : '—')).join(' / '),
        ]);
      }
    return ['', 'stepsPerSecond (run-steps/s, median of rounds; steps timed per round)', table(rows)];
  },
};
