/**
 * scale: run-steps/s against n = h = 32 ... 1024 (R = 3, gaussian inputs), and R = 16 at n = h = 512, wasm and
 * WebGL, and where WebGL overtakes.
 */
import type { Figure } from '../lib/figure.mjs';
import { table } from '../lib/format.mjs';
import { measureScale, overtakesAt, SCALE_WIDE, wasmScale, type ScaleRow } from '../lib/scaleRows.mjs';

export interface Scale {
  definition: string;
  rows: ScaleRow[];
  webglOvertakesWasmAt: number | null;
  /** wasm with tfjs' per-run strategy at the large sizes, the engine before the SIMD engine (added with it). */
  wasmTfjsPerRun?: ScaleRow[];
}

export const scaleSeconds = (quick: boolean) => ({ wasm: quick ? 0.5 : 1.5, gpu: quick ? 1 : 3 });

export const scale: Figure<Scale> = {
  id: 'scale',
  description:
    'run-steps/s against n = h = 32..1024 (and R = 16 at 512) on wasm and WebGL, and the first size where WebGL is faster',
  targets: [],
  async run(ctx) {
    const s = scaleSeconds(ctx.quick);
    const rows = [...(await wasmScale(ctx, s.wasm)), ...(await measureScale(ctx, ctx.browser, 'webgl', s.gpu))];
    const wasmTfjsPerRun = await measureScale(ctx, ctx.browser, 'wasm', s.wasm, 'per-run', [128, 512, 1024]);
    return {
      value: {
        definition: `run-steps/s at n = h (R = 3, B = 128, gaussian inputs), and R = ${SCALE_WIDE.runs} at n = h = ${SCALE_WIDE.n}, strategy auto per backend`,
        rows,
        webglOvertakesWasmAt: overtakesAt(rows, 'webgl'),
        wasmTfjsPerRun,
      },
    };
  },
  print(sc) {
    const cells = [...new Set(sc.rows.map((x) => `${x.n}:${x.runs ?? 3}`))].map((c) => c.split(':').map(Number));
    const head = (n: number, r: number) => (r === 3 ? `n=h=${n}` : `n=h=${n} R=${r}`);
    const rows = [['backend', ...cells.map(([n, r]) => head(n!, r!))]];
    for (const b of ['wasm', 'webgl']) {
      rows.push([
        b,
        ...cells.map(([n, r]) => {
          const x = sc.rows.find((y) => y.n === n && (y.runs ?? 3) === r && y.backend === b);
          return x ? `${x.runStepsPerSecond} (${x.steps})` : '—';
        }),
      ]);
    }
    return [
      '',
      `scale (run-steps/s, n = h, R = 3${cells.some(([, r]) => r !== 3) ? ' unless said' : ''}; steps timed in parentheses)`,
      table(rows),
      `WebGL overtakes wasm at: ${sc.webglOvertakesWasmAt ?? 'nowhere up to 1024 on this machine'}`,
      ...(sc.wasmTfjsPerRun
        ? [
            `wasm, tfjs per-run: ${sc.wasmTfjsPerRun.map((r) => `n=h=${r.n} ${r.runStepsPerSecond} (${r.steps})`).join(', ')}`,
          ]
        : []),
    ];
  },
};
