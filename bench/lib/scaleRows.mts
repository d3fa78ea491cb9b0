/** Run-steps/s against the layer size n = h, one backend in one page (the scale and webgpu figures). */
import type { Browser } from 'playwright-core';
import type { BackendName } from '../../src/core/config';
import type { BenchContext } from './figure.mjs';
import { BenchPage } from './pages.mjs';
import { round } from './stats.mjs';

export const SCALE_SIZES = [32, 64, 128, 256, 512, 1024] as const;
/** Beside the sizes at R = 3: many runs of one large shape, where batching runs pays most (issue 16). */
export const SCALE_WIDE = { n: 512, runs: 16 } as const;

export interface ScaleRow {
  n: number;
  /** Runs trained together (3 for the size sweep; older reports lack it). */
  runs?: number;
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
    // The wide cell (R = 16 at n = h = 512) belongs to the full size sweep, not to a caller's own sizes.
    const cells = [...sizes.map((n) => ({ n, runs: 3 })), ...(sizes === SCALE_SIZES ? [{ ...SCALE_WIDE }] : [])];
    for (const { n, runs } of cells) {
      const r = await page.run({
        backend,
        strategy,
        runs,
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
        runs,
        backend: r.backend,
        strategy: r.strategy,
        runStepsPerSecond: round(r.runStepsPerSecond, 1),
        steps: r.steps,
      });
      ctx.log(
        `  scale n=h=${n} R=${runs} ${backend} ${r.strategy}: ${round(r.runStepsPerSecond, 1)} run-steps/s (${r.steps} steps)`,
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
      const atThree = (r: ScaleRow) => r.n === n && (r.runs ?? 3) === 3;
      const w = rows.find((r) => atThree(r) && r.backend === 'wasm');
      const g = rows.find((r) => atThree(r) && r.backend === other);
      return w && g && g.runStepsPerSecond > w.runStepsPerSecond;
    }) ?? null
  );
}

/** wasm's rows, measured once per run (the scale and webgpu figures both compare with them). */
export function wasmScale(ctx: BenchContext, seconds: number): Promise<ScaleRow[]> {
  return ctx.once('scale:wasm', () => measureScale(ctx, ctx.browser, 'wasm', seconds));
}
