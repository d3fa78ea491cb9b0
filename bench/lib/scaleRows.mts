/** Run-steps/s against the layer size n = h, one backend in one page (the scale and webgpu figures). */
import type { Browser } from 'playwright-core';
import type { BackendName } from '../../src/core/config';
import type { BenchContext } from './figure.mjs';
import { BenchPage } from './pages.mjs';
import { round } from './stats.mjs';

export const SCALE_SIZES = [32, 64, 128, 256, 512, 1024] as const;

export interface ScaleRow {
  n: number;
  backend: string;
  strategy: string;
  runStepsPerSecond: number;
  steps: number;
}

export async function measureScale(
  ctx: BenchContext,
  browser: Browser,
  backend: BackendName,
  seconds: number,
  strategy: 'auto' | 'per-run' = 'auto',
  sizes: readonly number[] = SCALE_SIZES,
): Promise<ScaleRow[]> {
  const rows: ScaleRow[] = [];
  const page = await BenchPage.open(browser, ctx.base, ctx.errors);
  try {
    for (const n of sizes) {
      const r = await page.run({
        backend,
        strategy,
        runs: 3,
        // Gaussian inputs: parity's d = 50 does not fit n = 32; a small test set keeps the set-up short.
        query: `n=${n}&h=${n}&inputs=gaussian&test=256`,
        warmupSteps: backend === 'wasm' ? 5 : 2,
        steps: 1_000_000,
        chunk: 50,
        chunkMs: 40,
        targetSeconds: seconds,
      });
      rows.push({
        n,
        backend: r.backend,
        strategy: r.strategy,
        runStepsPerSecond: round(r.runStepsPerSecond, 1),
        steps: r.steps,
      });
      ctx.log(
        `  scale n=h=${n} ${backend} ${r.strategy}: ${round(r.runStepsPerSecond, 1)} run-steps/s (${r.steps} steps)`,
      );
    }
  } finally {
    await page.close();
  }
  return rows;
}

/** The first size where `other` runs faster than wasm; null when nowhere. */
export function overtakesAt(rows: readonly ScaleRow[], other: string): number | null {
  return (
    SCALE_SIZES.find((n) => {
      const w = rows.find((r) => r.n === n && r.backend === 'wasm');
      const g = rows.find((r) => r.n === n && r.backend === other);
      return w && g && g.runStepsPerSecond > w.runStepsPerSecond;
    }) ?? null
  );
}

/** wasm's rows, measured once per run (the scale and webgpu figures both compare with them). */
export function wasmScale(ctx: BenchContext, seconds: number): Promise<ScaleRow[]> {
  return ctx.once('scale:wasm', () => measureScale(ctx, ctx.browser, 'wasm', seconds));
}
