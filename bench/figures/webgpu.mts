/**
 * webgpu: the engine on tfjs' WebGPU backend, when the browser's adapter is
 * a real GPU: run-steps/s of the default shape per strategy and R = 1, 3,
 * 16 in the bare engine page, and run-steps/s against n = h beside wasm's.
 * Its own browser, launched with --enable-unsafe-webgpu. On a machine
 * whose only adapter is software (SwiftShader here) or none, it is skipped
 * and says why; while this build has no webgpu backend it says pending.
 */
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../scripts/browser';
import type { AdapterInfo } from '../engine-page';
import type { BackendName } from '../../src/core/config';
import type { Figure } from '../lib/figure.mjs';
import { fmt, table } from '../lib/format.mjs';
import { describeAdapter, softwareAdapterReason } from '../lib/gpu.mjs';
import { BenchPage } from '../lib/pages.mjs';
import { measureScale, overtakesAt, wasmScale, type ScaleRow } from '../lib/scaleRows.mjs';
import { round } from '../lib/stats.mjs';
import { scaleSeconds } from './scale.mjs';

interface Cell {
  strategy: string;
  runs: number;
  runStepsPerSecond: number;
  steps: number;
  backend: string;
}

export interface WebGpu {
  adapter: AdapterInfo | null;
  /** Whether this build registers a webgpu backend at all. */
  buildHasWebgpu?: boolean;
  skipped?: string;
  pending?: string;
  cells?: Cell[];
  scale?: ScaleRow[];
  webgpuOvertakesWasmAt?: number | null;
}

/** Registered by the engine's WebGPU work; not yet a BackendName before it lands. */
const WEBGPU = 'webgpu' as BackendName;

async function probe(ctx: Parameters<Figure['run']>[0], extra: string[]) {
  const browser = await launchChromium(['--enable-unsafe-webgpu', ...extra]);
  const page = await BenchPage.open(browser, ctx.base, ctx.errors);
  return { browser, page, adapter: await page.gpuAdapter(), hasBackend: await page.hasBackend('webgpu') };
}

export const webgpu: Figure<WebGpu> = {
  id: 'webgpu',
  description: 'the engine on WebGPU when the adapter is a real GPU (else skipped with the reason): cells and scale',
  targets: [],
  async run(ctx) {
    const { browser, page, adapter, hasBackend } = await probe(ctx, []);
    const browsers: Browser[] = [browser];
    try {
      if (!adapter) {
        // Say what this machine has at all: its software adapter is reachable with a flag.
        await page.close();
        const soft = await probe(ctx, ['--use-webgpu-adapter=swiftshader']);
        browsers.push(soft.browser);
        await soft.page.close();
        const why = soft.adapter
          ? `no GPU adapter; the only WebGPU adapter is ${describeAdapter(soft.adapter)}, which ${softwareAdapterReason(soft.adapter) ?? 'is reached only through --use-webgpu-adapter=swiftshader'}`
          : 'no WebGPU adapter in this browser';
        return { value: { adapter: soft.adapter, buildHasWebgpu: soft.hasBackend, skipped: why } };
      }
      const software = softwareAdapterReason(adapter);
      if (software) return { value: { adapter, buildHasWebgpu: hasBackend, skipped: `not a GPU: ${software}` } };
      if (!hasBackend)
        return {
          value: { adapter, pending: 'pending: this build registers no webgpu backend (the engine helper adds it)' },
        };
      const cells: Cell[] = [];
      const seconds = ctx.quick ? 1 : 3;
      for (const runs of [1, 3, 16])
        for (const strategy of ['per-run', 'batched'] as const) {
          const r = await page.run({
            backend: WEBGPU,
            strategy,
            runs,
            warmupSteps: 3,
            steps: 1_000_000,
            chunk: 50,
            chunkMs: 40,
            targetSeconds: seconds,
          });
          cells.push({
            strategy,
            runs,
            runStepsPerSecond: round(r.runStepsPerSecond),
            steps: r.steps,
            backend: r.backend,
          });
          ctx.log(`  webgpu ${strategy} R=${runs}: ${round(r.runStepsPerSecond)} run-steps/s (${r.backend})`);
        }
      await page.close();
      const s = scaleSeconds(ctx.quick);
      const rows = [...(await wasmScale(ctx, s.wasm)), ...(await measureScale(ctx, browser, WEBGPU, s.gpu))];
      return {
        value: {
          adapter,
          buildHasWebgpu: true,
          cells,
          scale: rows,
          webgpuOvertakesWasmAt: overtakesAt(rows, 'webgpu'),
        },
      };
    } finally {
      for (const b of browsers) await b.close();
    }
  },
  print(v) {
    const head = `webgpu (adapter: ${v.adapter ? describeAdapter(v.adapter) : 'none'})`;
    const build =
      v.buildHasWebgpu === undefined ? '' : ` (this build ${v.buildHasWebgpu ? 'has' : 'has no'} webgpu backend)`;
    if (v.skipped) return ['', `${head}: skipped, ${v.skipped}${build}`];
    if (v.pending) return ['', `${head}: ${v.pending}`];
    const out = ['', `${head}, run-steps/s`];
    const runs = [...new Set((v.cells ?? []).map((c) => c.runs))];
    const rows = [['strategy', ...runs.map((r) => `R=${r}`)]];
    for (const s of ['per-run', 'batched'])
      rows.push([
        s,
        ...runs.map((r) => fmt(v.cells?.find((c) => c.strategy === s && c.runs === r)?.runStepsPerSecond)),
      ]);
    out.push(table(rows));
    if (v.scale) {
      const sizes = [...new Set(v.scale.map((x) => x.n))];
      const srows = [['backend', ...sizes.map((n) => `n=h=${n}`)]];
      for (const b of ['wasm', 'webgpu'])
        srows.push([
          b,
          ...sizes.map((n) => fmt(v.scale!.find((y) => y.n === n && y.backend === b)?.runStepsPerSecond)),
        ]);
      out.push(table(srows), `WebGPU overtakes wasm at: ${v.webgpuOvertakesWasmAt ?? 'nowhere up to 1024'}`);
    }
    return out;
  },
};
