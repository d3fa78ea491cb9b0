/**
 * The engine's cells, measured once for stepsPerSecond, batchedSpeedup,
 * vsIdiomaticTfjs and vsPyTorchCpu: R copies of the default experiment's
 * shape in the bare engine page, per backend, strategy and R, the wasm
 * cells in interleaved rounds with the PyTorch anchor between them, so that
 * the ratios of those figures compare the same moments of the machine.
 */
import type { BenchOptions, BenchResult } from '../engine-page';
import type { BenchContext } from './figure.mjs';
import { BenchPage } from './pages.mjs';
import { median, round } from './stats.mjs';
import { findTorch, runTorch, type TorchResult, type TorchSetup } from './torch.mjs';

export type Backend = 'webgl' | 'wasm' | 'cpu';
export type Cell = 'per-run' | 'batched' | 'simd' | 'idiomatic';
export const RUN_COUNTS = [1, 3, 16] as const;

export interface CellResult {
  backend: Backend;
  strategy: Cell;
  runs: number;
  /** Median over rounds. */
  runStepsPerSecond: number;
  perRound: number[];
  steps: number[];
  seconds: number[];
  warmupSteps: number;
  lastChunk: number[];
  fellBackTo?: string;
}

export interface TorchRound {
  runs: 1 | 16;
  /** OpenBLAS, one thread (the anchor); false: the plain interpreter's defaults. */
  openblas: boolean;
  round: number;
  result: TorchResult;
}

export interface EngineCells {
  cells: CellResult[];
  torch: TorchRound[];
  /** Null when the PyTorch figure was not asked for. */
  torchSetup: TorchSetup | null;
}

/** Full and quick. A full run of these cells takes about four minutes on a 2-core machine. */
function settings(quick: boolean) {
  return {
    /** Interleaved rounds of the wasm cells (and the PyTorch anchor beside them); medians are reported. */
    wasmRounds: quick ? 1 : 3,
    slowRounds: 1,
    /** Untimed training per strategy when a page opens, before its first timed cell. */
    pageWarmSeconds: quick ? 0.5 : 1.5,
    seconds: { wasm: quick ? 0.6 : 2, webgl: quick ? 1.5 : 4, cpu: quick ? 1 : 3 },
    /** Warm-up steps by runs trained together (the first steps compile shaders and size buffers). */
    warmup: { wasm: { 1: 30, 3: 15, 16: 4 }, webgl: { 1: 5, 3: 3, 16: 2 }, cpu: { 1: 5, 3: 3, 16: 2 } },
    pytorch: quick
      ? { 1: { warmup: 50, steps: 500 }, 16: { warmup: 5, steps: 40 } }
      : { 1: { warmup: 200, steps: 3000 }, 16: { warmup: 20, steps: 300 } },
  };
}

export function findCell(cells: readonly CellResult[], backend: string, strategy: string, runs: number) {
  return cells.find((c) => c.backend === backend && c.strategy === strategy && c.runs === runs);
}

/** The fastest of the engine's strategies at this R (tfjs per-run and batched, the project's own SIMD engine). */
export function bestStrategy(cells: readonly CellResult[], backend: Backend, runs: number): CellResult | undefined {
  let best: CellResult | undefined;
  for (const s of ['per-run', 'batched', 'simd'] as const) {
    const c = findCell(cells, backend, s, runs);
    if (c && (!best || c.runStepsPerSecond > best.runStepsPerSecond)) best = c;
  }
  return best;
}

/** The fastest of tfjs' own strategies at this R: the engine before the SIMD engine, for side-by-side ratios. */
export function bestTfjsStrategy(cells: readonly CellResult[], backend: Backend, runs: number): CellResult | undefined {
  return bestStrategy(
    cells.filter((c) => c.strategy !== 'simd'),
    backend,
    runs,
  );
}

class CellBench {
  readonly cells: CellResult[] = [];
  readonly torch: TorchRound[] = [];
  private readonly s: ReturnType<typeof settings>;

  constructor(private readonly ctx: BenchContext) {
    this.s = settings(ctx.quick);
  }

  private record(backend: Backend, strategy: Cell, runs: number, warmup: number, r: BenchResult): void {
    let c = findCell(this.cells, backend, strategy, runs);
    if (!c) {
      c = {
        backend,
        strategy,
        runs,
        runStepsPerSecond: 0,
        perRound: [],
        steps: [],
        seconds: [],
        warmupSteps: warmup,
        lastChunk: [],
      };
      this.cells.push(c);
    }
    c.perRound.push(r.runStepsPerSecond);
    c.steps.push(r.steps);
    c.seconds.push(round(r.seconds, 2));
    c.lastChunk.push(r.chunk);
    c.runStepsPerSecond = median(c.perRound);
    if (r.backend !== backend) c.fellBackTo = r.backend;
  }

  async measure(page: BenchPage, backend: Backend, strategy: Cell, runs: 1 | 3 | 16): Promise<void> {
    const warmupSteps = this.s.warmup[backend][runs];
    const opts: BenchOptions = {
      backend,
      strategy: strategy === 'idiomatic' ? 'auto' : strategy,
      runs,
      warmupSteps,
      steps: 1_000_000,
      chunk: 50,
      chunkMs: 40,
      targetSeconds: this.s.seconds[backend],
    };
    const r = strategy === 'idiomatic' ? await page.idiomatic(opts) : await page.run(opts);
    this.record(backend, strategy, runs, warmupSteps, r);
    this.ctx.log(`  ${backend} ${strategy} R=${runs}: ${round(r.runStepsPerSecond)} run-steps/s (${r.steps} steps)`);
  }

  /**
   * A throwaway stretch before the first timed cell of a page: V8 first runs
   * wasm (XNNPACK) and JavaScript from quick baseline code and optimises it
   * in the background over the first seconds, which would otherwise slow
   * whichever cell comes first.
   */
  async warm(page: BenchPage, backend: Backend): Promise<void> {
    for (const strategy of ['per-run', 'batched', 'simd'] as const) {
      if (strategy === 'simd' && backend === 'webgl') continue;
      await page.run({
        backend,
        strategy,
        runs: 3,
        warmupSteps: 2,
        steps: 1_000_000,
        chunk: 50,
        chunkMs: 40,
        targetSeconds: this.s.pageWarmSeconds,
      });
    }
  }

  anchor(setup: TorchSetup, round_: number): void {
    for (const runs of [1, 16] as const) {
      for (const openblas of [false, true]) {
        if (openblas && !setup.openblasDir) continue;
        const r = runTorch(setup, { runs, ...this.s.pytorch[runs], oneThread: openblas });
        if (typeof r === 'string') {
          this.ctx.errors.push(r);
          continue;
        }
        this.torch.push({ runs, openblas, round: round_, result: r });
        this.ctx.log(
          `  pytorch ${openblas ? 'openblas' : 'plain'} R=${runs}: ${round(r.runStepsPerSecond)} run-steps/s`,
        );
      }
    }
  }

  get rounds() {
    return { wasm: this.s.wasmRounds, slow: this.s.slowRounds };
  }
}

async function measureEngineCells(ctx: BenchContext): Promise<EngineCells> {
  const grid = ctx.wants('stepsPerSecond', 'batchedSpeedup');
  const idiomatic = ctx.wants('vsIdiomaticTfjs');
  const torch = ctx.wants('vsPyTorchCpu');
  const setup = torch ? findTorch() : null;
  const bench = new CellBench(ctx);
  if (setup?.problem) ctx.log(setup.problem);
  // Without the grid or the idiomatic loop, only the cells PyTorch is compared with (R = 1 and 16).
  if (!grid && !idiomatic && (!setup || setup.problem)) return { cells: [], torch: [], torchSetup: setup };
  const wasmRuns: (1 | 3 | 16)[] = grid ? [...RUN_COUNTS] : [1, 16];
  const page = await BenchPage.open(ctx.browser, ctx.base, ctx.errors);
  try {
    await bench.warm(page, 'wasm');
    for (let r = 0; r < bench.rounds.wasm; r++) {
      ctx.log(`wasm round ${r + 1}/${bench.rounds.wasm}`);
      for (const runs of wasmRuns) {
        const cells: Cell[] = ['per-run', 'batched', 'simd'];
        if (idiomatic && runs !== 3) cells.push('idiomatic');
        // Rotating the order each round spreads any drift of the machine over every cell.
        for (let i = 0; i < cells.length; i++) await bench.measure(page, 'wasm', cells[(i + r) % cells.length]!, runs);
      }
      if (setup && !setup.problem) bench.anchor(setup, r);
    }
  } finally {
    await page.close();
  }
  if (grid) {
    for (const backend of ['webgl', 'cpu'] as const) {
      const page = await BenchPage.open(ctx.browser, ctx.base, ctx.errors);
      try {
        await bench.warm(page, backend);
        for (let r = 0; r < bench.rounds.slow; r++) {
          ctx.log(`${backend} round ${r + 1}/${bench.rounds.slow}`);
          for (const runs of RUN_COUNTS)
            for (const strategy of ['per-run', 'batched'] as const) await bench.measure(page, backend, strategy, runs);
        }
      } finally {
        await page.close();
      }
    }
  }
  return { cells: bench.cells, torch: bench.torch, torchSetup: setup };
}

/** The cells of this run, measured on first use. */
export function engineCells(ctx: BenchContext): Promise<EngineCells> {
  return ctx.once('engineCells', () => measureEngineCells(ctx));
}
