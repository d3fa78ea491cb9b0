/** tensorLeakPerStep: (numTensors after - before) / steps over many steps on wasm, R = 3, both strategies; the worst. */
import type { Figure } from '../lib/figure.mjs';
import { fmt } from '../lib/format.mjs';
import { BenchPage } from '../lib/pages.mjs';
import { goal } from '../lib/targets.mjs';

interface Row {
  strategy: string;
  runs: number;
  steps: number;
  tensorsBefore: number;
  tensorsAfter: number;
  perStep: number;
}

export interface TensorLeakPerStep {
  value: number;
  backend: string;
  rows: Row[];
}

export const tensorLeakPerStep: Figure<TensorLeakPerStep> = {
  id: 'tensorLeakPerStep',
  description: 'tensors left behind per step (tf.memory before and after) on wasm, R = 3, both strategies; the worst',
  targets: [{ label: 'tensorLeakPerStep', goal: goal('=', '0') }],
  async run(ctx) {
    const steps = ctx.quick ? 200 : 2000;
    const page = await BenchPage.open(ctx.browser, ctx.base, ctx.errors);
    const rows: Row[] = [];
    try {
      for (const strategy of ['per-run', 'batched'] as const) {
        const r = await page.run({ backend: 'wasm', strategy, runs: 3, warmupSteps: 10, steps, chunk: 50 });
        const perStep = (r.tensorsAfter - r.tensorsBefore) / r.steps;
        rows.push({
          strategy,
          runs: 3,
          steps: r.steps,
          tensorsBefore: r.tensorsBefore,
          tensorsAfter: r.tensorsAfter,
          perStep,
        });
        ctx.log(`  leak ${strategy}: ${r.tensorsBefore} → ${r.tensorsAfter} tensors over ${r.steps} steps`);
      }
    } finally {
      await page.close();
    }
    const worst = rows.reduce((m, r) => Math.max(m, Math.abs(r.perStep)), 0);
    return {
      value: { value: worst, backend: 'wasm', rows },
      measured: [{ label: 'tensorLeakPerStep', value: worst }],
    };
  },
  print(tl) {
    return [
      `tensorLeakPerStep: ${fmt(tl.value)} (${tl.rows.map((x) => `${x.strategy} ${x.tensorsBefore}→${x.tensorsAfter} over ${x.steps} steps`).join('; ')})`,
    ];
  },
};
