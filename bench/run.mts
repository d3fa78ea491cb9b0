/**
 * `npm run bench`: the figures of BENCHMARKS.md, measured against the
 * production build in headless Chromium (scripts/browser.ts), and the
 * PyTorch anchor in bench/pytorch_anchor.py.
 *
 *   npm run bench                  a readable table on stdout
 *   npm run bench -- --json        one JSON object on stdout (progress goes to stderr)
 *   npm run bench -- --quick       fewer steps and rounds: a smoke run of about three minutes
 *   npm run bench -- --only overheadRatio,mainBundleGzipKiB
 *   npm run bench -- --build       rebuild dist/ first (it is built anyway when missing)
 *   npm run bench -- --note "..."  a remark stored with the machine (other load, say)
 *   npm run bench -- --print FILE  the table of a report saved with --json, measuring nothing
 *
 * npm prints its own banner on stdout: `npm run -s bench -- --json > out.json`
 * keeps the file to the one object.
 *
 * A missed target is a result, not a failure: the exit code is 0 unless
 * something could not be measured at all.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { launchChromium } from '../scripts/browser';
import type { BenchOptions, BenchResult, ExperimentOptions, ExperimentResult, NwlBench } from './engine-page';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');

// ---------------------------------------------------------------- options

const FIGURES = [
  'stepsPerSecond',
  'batchedSpeedup',
  'vsIdiomaticTfjs',
  'vsPyTorchCpu',
  'overheadRatio',
  'defaultExperimentSeconds',
  'firstStepMs',
  'longestMainThreadTaskMs',
  'tensorLeakPerStep',
  'mainBundleGzipKiB',
  'scale',
] as const;
type Figure = (typeof FIGURES)[number];

interface Args {
  json: boolean;
  quick: boolean;
  build: boolean;
  only: Set<Figure>;
  note: string | null;
  print: string | null;
}

/** A bad command line: its message is all the user needs, not a stack. */
class UsageError extends Error {}

function parseArgs(argv: string[]): Args {
  const args: Args = { json: false, quick: false, build: false, only: new Set(FIGURES), note: null, print: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string => {
      const eq = a.indexOf('=');
      if (eq >= 0) return a.slice(eq + 1);
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`${a} needs a value`);
      return next;
    };
    if (a === '--json') args.json = true;
    else if (a === '--quick') args.quick = true;
    else if (a === '--build') args.build = true;
    else if (a === '--note' || a.startsWith('--note=')) args.note = value();
    else if (a === '--print' || a.startsWith('--print=')) args.print = value();
    else if (a === '--only' || a.startsWith('--only=')) {
      const names = value()
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const unknown = names.filter((n) => !(FIGURES as readonly string[]).includes(n));
      if (unknown.length) throw new UsageError(`unknown figure ${unknown.join(', ')}; known: ${FIGURES.join(', ')}`);
      args.only = new Set(names as Figure[]);
    } else if (a === '--help' || a === '-h') {
      process.stderr.write(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('*/')[0] + '*/\n');
      process.exit(0);
    } else throw new UsageError(`unknown option ${a} (try --help)`);
  }
  return args;
}

/** Step counts and stretches, full and quick. A full run takes about ten minutes on a 2-core machine. */
function plan(quick: boolean) {
  return {
    /** Interleaved rounds of the wasm cells (and the PyTorch anchor beside them); medians are reported. */
    wasmRounds: quick ? 1 : 3,
    slowRounds: 1,
    /** Untimed training per strategy when a page opens, before its first timed cell. */
    pageWarmSeconds: quick ? 0.5 : 1.5,
    wasmSeconds: quick ? 0.6 : 2,
    webglSeconds: quick ? 1.5 : 4,
    cpuSeconds: quick ? 1 : 3,
    /** Warm-up steps by runs trained together (the first steps compile shaders and size buffers). */
    warmup: { wasm: { 1: 30, 3: 15, 16: 4 }, webgl: { 1: 5, 3: 3, 16: 2 }, cpu: { 1: 5, 3: 3, 16: 2 } },
    pytorch: quick
      ? { 1: { warmup: 50, steps: 500 }, 16: { warmup: 5, steps: 40 } }
      : { 1: { warmup: 200, steps: 3000 }, 16: { warmup: 20, steps: 300 } },
    overheadRounds: quick ? 1 : 2,
    /**
     * The same stretch of steps on both sides, between evaluation steps (the
     * bare driver stops exactly there): evaluations are dense early, so equal
     * times from different starting steps would not compare.
     */
    overhead: {
      wasm: quick ? { from: 200, to: 1000 } : { from: 500, to: 2500 },
      webgl: quick ? { from: 10, to: 50 } : { from: 20, to: 100 },
    },
    /** How long to wait for the default experiment before extrapolating its end. */
    defaultTimeoutSeconds: quick ? 30 : 180,
    longTaskWarmSeconds: quick ? 1 : 2,
    longTaskSeconds: quick ? 5 : 20,
    leakSteps: quick ? 200 : 2000,
    scaleSizes: [32, 64, 128, 256, 512, 1024],
    scaleSeconds: { wasm: quick ? 0.5 : 1.5, webgl: quick ? 1 : 3 },
  };
}

type Backend = 'webgl' | 'wasm' | 'cpu';
type EngineStrategy = 'per-run' | 'batched';
type Cell = EngineStrategy | 'idiomatic';
const RUN_COUNTS = [1, 3, 16] as const;

// ---------------------------------------------------------------- small helpers

const log = (msg: string): void => void process.stderr.write(`[bench] ${msg}\n`);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const round = (x: number, digits = 0): number => {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

// ---------------------------------------------------------------- build and server

function ensureBuild(force: boolean): void {
  const ready = existsSync(path.join(DIST, 'index.html')) && existsSync(path.join(DIST, 'bench', 'engine.html'));
  if (ready && !force) return;
  log(force ? 'building (--build)…' : 'dist/ is missing or has no bench page: building…');
  // Build output goes to stderr so that --json keeps stdout to the one object.
  const r = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  if (r.status !== 0) throw new Error('npm run build failed');
}

/**
 * Other people rebuild dist/ while working; a copy taken now keeps every
 * figure of this run on one build. Source maps are left behind.
 */
function snapshotDist(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nwl-bench-dist-'));
  cpSync(DIST, dir, { recursive: true, filter: (src) => !src.endsWith('.map') });
  return dir;
}

async function startPreview(outDir: string): Promise<{ base: string; server: ChildProcess }> {
  const port = await freePort();
  const viteBin = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  // node itself, not npx: killing npx would leave vite running.
  const server = spawn(
    process.execPath,
    [viteBin, 'preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1', '--outDir', outDir],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  server.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    if (server.exitCode !== null) throw new Error(`vite preview exited: ${stderr}`);
    try {
      if ((await fetch(`${base}/bench/engine.html`)).ok) return { base, server };
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  server.kill();
  throw new Error(`vite preview did not answer on ${base}: ${stderr}`);
}

// ---------------------------------------------------------------- the bare engine page

type BenchWindow = { nwlBench: NwlBench };

class BenchPage {
  private constructor(readonly page: Page) {}

  static async open(browser: Browser, base: string, errors: string[]): Promise<BenchPage> {
    const page = await browser.newPage();
    page.on('pageerror', (e) => errors.push(`bench page: ${e.message}`));
    await page.goto(`${base}/bench/engine.html`);
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready', null, {
      timeout: 60_000,
    });
    return new BenchPage(page);
  }

  run(o: BenchOptions): Promise<BenchResult> {
    return this.page.evaluate((o) => (window as unknown as BenchWindow).nwlBench.run(o), o);
  }

  idiomatic(o: BenchOptions): Promise<BenchResult> {
    return this.page.evaluate((o) => (window as unknown as BenchWindow).nwlBench.runIdiomatic(o), o);
  }

  experiment(o: ExperimentOptions): Promise<ExperimentResult> {
    return this.page.evaluate((o) => (window as unknown as BenchWindow).nwlBench.runExperiment(o), o);
  }

  close(): Promise<void> {
    return this.page.close();
  }
}

// ---------------------------------------------------------------- the app in the page

/**
 * Installed before the app's own scripts: a 20 ms poll of the store (step,
 * engine, backend), the long tasks, and the moment Start was clicked. Kept
 * as a string so the script runner's transforms never reach the page.
 */
const APP_PROBE = `
(() => {
  const b = { samples: [], longTasks: [], clickAt: null, backend: null, backendAt: null };
  window.__bench = b;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.longTasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) {
    b.longTasks = null;
  }
  document.addEventListener('click', (e) => {
    const button = e.target instanceof Element ? e.target.closest('button') : null;
    if (button && b.clickAt === null && button.textContent.trim() === 'Start') b.clickAt = performance.now();
  }, true);
  let last = performance.now();
  setInterval(() => {
    const now = performance.now();
    const hooks = window.__nwl;
    if (hooks) {
      const s = hooks.state();
      if (s.backend && b.backendAt === null) {
        b.backendAt = now;
        b.backend = { name: s.backend.name, reason: s.backend.reason };
      }
      b.samples.push([now, s.step, s.engine, now - last]);
    }
    last = now;
  }, 20);
})();
`;

/** [time ms since navigation, step, engine status, ms since the previous poll] */
type Sample = [number, number, string, number];

interface AppProbe {
  samples: Sample[];
  longTasks: [number, number][] | null;
  clickAt: number | null;
  backend: { name: string; reason: string } | null;
  backendAt: number | null;
}

const LAPTOP = { width: 1366, height: 768 };

class AppPage {
  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    private readonly cdp: CDPSession,
  ) {}

  static async open(
    browser: Browser,
    url: string,
    viewport: { width: number; height: number },
    errors: string[],
  ): Promise<AppPage> {
    const context = await browser.newContext({ viewport });
    await context.addInitScript({ content: APP_PROBE });
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(`app: ${e.message}`));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(url);
    return new AppPage(context, page, cdp);
  }

  async start(): Promise<void> {
    await this.page.getByRole('button', { name: 'Start', exact: true }).click({ timeout: 60_000 });
  }

  waitForStep(step: number, timeoutMs: number): Promise<unknown> {
    return this.page.waitForFunction(
      (step) => {
        const s = (window as unknown as { __nwl?: { state(): { step: number; engine: string } } }).__nwl?.state();
        return s !== undefined && (s.step >= step || s.engine === 'finished' || s.engine === 'crashed');
      },
      step,
      { timeout: timeoutMs, polling: 50 },
    );
  }

  now(): Promise<number> {
    return this.page.evaluate(() => performance.now());
  }

  probe(): Promise<AppProbe> {
    return this.page.evaluate(() => (window as unknown as { __bench: AppProbe }).__bench);
  }

  /** Main-thread busy time (ms) so far, from the renderer's own counters. */
  async mainThreadBusyMs(): Promise<number> {
    const { metrics } = await this.cdp.send('Performance.getMetrics');
    return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? Number.NaN) * 1000;
  }

  close(): Promise<void> {
    return this.context.close();
  }
}

/** Steps per second between the first and the last change of step inside [from, to]. */
function rateBetween(
  samples: readonly Sample[],
  from: number,
  to: number,
): { rate: number; steps: number; ms: number } {
  let first: Sample | null = null;
  let last: Sample | null = null;
  for (let i = 1; i < samples.length; i++) {
    const s = samples[i]!;
    if (s[0] < from || s[0] > to || s[1] === samples[i - 1]![1]) continue;
    first ??= s;
    last = s;
  }
  if (!first || !last || last === first) return { rate: Number.NaN, steps: 0, ms: 0 };
  const ms = last[0] - first[0];
  return { rate: ((last[1] - first[1]) * 1000) / ms, steps: last[1] - first[1], ms };
}

/** CPU seconds per Chromium process type so far (the GPU process rasterises and runs SwiftShader). */
async function cpuByProcess(browser: Browser): Promise<Record<string, number>> {
  const cdp = await browser.newBrowserCDPSession();
  try {
    const info = await cdp.send('SystemInfo.getProcessInfo');
    const out: Record<string, number> = {};
    for (const p of info.processInfo) out[p.type] = (out[p.type] ?? 0) + p.cpuTime;
    return out;
  } catch {
    return {};
  } finally {
    await cdp.detach();
  }
}

function cpuShare(before: Record<string, number>, after: Record<string, number>, seconds: number) {
  const out: Record<string, number> = {};
  // The processes that do the work; the network and storage services idle.
  for (const k of ['browser', 'renderer', 'GPU'])
    if (k in after) out[k] = round((100 * ((after[k] ?? 0) - (before[k] ?? 0))) / seconds);
  return out;
}

// ---------------------------------------------------------------- PyTorch

interface TorchResult {
  runs: number;
  steps: number;
  seconds: number;
  runStepsPerSecond: number;
  torch: string;
  threads: number;
  blas: string[];
}

interface TorchSetup {
  python: string | null;
  openblasDir: string | null;
  problem: string | null;
}

function findTorch(): TorchSetup {
  // PYTHON, when set, is the one to use; otherwise Debian's python3-torch lives under /usr/bin even beside a pyenv.
  const candidates = process.env.PYTHON ? [process.env.PYTHON] : ['python3', '/usr/bin/python3', 'python'];
  const python = candidates.find((c) => spawnSync(c, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0) ?? null;
  const dirs = [process.env.OPENBLAS_DIR ?? ''];
  try {
    for (const d of readdirSync('/usr/lib')) dirs.push(path.join('/usr/lib', d, 'openblas-pthread'));
  } catch {
    // no /usr/lib: not a Debian-like system
  }
  const openblasDir = dirs.find((d) => d && existsSync(path.join(d, 'libblas.so.3'))) ?? null;
  return {
    python,
    openblasDir,
    problem: python
      ? null
      : `PyTorch not found (tried ${candidates.join(', ')}): apt-get install python3-torch, or set PYTHON to a python with torch`,
  };
}

function runTorch(setup: TorchSetup, runs: 1 | 16, openblas: boolean, quick: boolean): TorchResult | string {
  const p = plan(quick).pytorch[runs];
  const args = [
    path.join(ROOT, 'bench', 'pytorch_anchor.py'),
    '--runs',
    String(runs),
    '--warmup',
    String(p.warmup),
    '--steps',
    String(p.steps),
  ];
  const env = { ...process.env };
  if (openblas) {
    // One BLAS thread and one torch thread: two of each oversubscribe two cores.
    env.LD_LIBRARY_PATH = [setup.openblasDir, env.LD_LIBRARY_PATH].filter(Boolean).join(':');
    env.OPENBLAS_NUM_THREADS = '1';
    args.push('--threads', '1');
  }
  const r = spawnSync(setup.python!, args, { env, encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) return `pytorch_anchor.py failed: ${(r.stderr || r.error?.message || '').trim().slice(-400)}`;
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as TorchResult;
}

// ---------------------------------------------------------------- figures

interface Target {
  figure: string;
  target: string;
  value: number | null;
  met: boolean | null;
  note?: string;
}

interface CellResult {
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

interface Report {
  date: string;
  machine: Record<string, unknown>;
  options: { quick: boolean; only: Figure[]; dist: string };
  durationSeconds: number;
  figures: Partial<Record<Figure, unknown>>;
  targets: Target[];
  errors: string[];
}

class Bench {
  readonly report: Report;
  readonly p: ReturnType<typeof plan>;
  private readonly cells: CellResult[] = [];
  private readonly torch: { runs: 1 | 16; openblas: boolean; round: number; result: TorchResult }[] = [];
  private torchProblem: string | null = null;

  constructor(
    readonly args: Args,
    readonly browser: Browser,
    readonly base: string,
    machine: Record<string, unknown>,
  ) {
    this.p = plan(args.quick);
    this.report = {
      date: new Date().toISOString(),
      machine,
      options: { quick: args.quick, only: [...args.only], dist: 'dist/ (copied at start)' },
      durationSeconds: 0,
      figures: {},
      targets: [],
      errors: [],
    };
  }

  private want(...f: Figure[]): boolean {
    return f.some((x) => this.args.only.has(x));
  }

  private target(t: Target): void {
    this.report.targets.push(t);
  }

  private cell(backend: Backend, strategy: Cell, runs: number): CellResult | undefined {
    return this.cells.find((c) => c.backend === backend && c.strategy === strategy && c.runs === runs);
  }

  private record(backend: Backend, strategy: Cell, runs: number, warmup: number, r: BenchResult): void {
    let c = this.cell(backend, strategy, runs);
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

  private async measureCell(page: BenchPage, backend: Backend, strategy: Cell, runs: 1 | 3 | 16): Promise<void> {
    const seconds = { wasm: this.p.wasmSeconds, webgl: this.p.webglSeconds, cpu: this.p.cpuSeconds }[backend];
    const warmupSteps = this.p.warmup[backend][runs];
    const opts: BenchOptions = {
      backend,
      strategy: strategy === 'idiomatic' ? 'auto' : strategy,
      runs,
      warmupSteps,
      steps: 1_000_000,
      chunk: 50,
      chunkMs: 40,
      targetSeconds: seconds,
    };
    const r = strategy === 'idiomatic' ? await page.idiomatic(opts) : await page.run(opts);
    this.record(backend, strategy, runs, warmupSteps, r);
    log(`  ${backend} ${strategy} R=${runs}: ${round(r.runStepsPerSecond)} run-steps/s (${r.steps} steps)`);
  }

  /**
   * A throwaway stretch before the first timed cell of a page: V8 first runs
   * wasm (XNNPACK) and JavaScript from quick baseline code and optimises it
   * in the background over the first seconds, which would otherwise slow
   * whichever cell comes first.
   */
  private async warmPage(page: BenchPage, backend: Backend): Promise<void> {
    for (const strategy of ['per-run', 'batched'] as const) {
      await page.run({
        backend,
        strategy,
        runs: 3,
        warmupSteps: 2,
        steps: 1_000_000,
        chunk: 50,
        chunkMs: 40,
        targetSeconds: this.p.pageWarmSeconds,
      });
    }
  }

  /** stepsPerSecond, batchedSpeedup, vsIdiomaticTfjs, vsPyTorchCpu: the engine's cells, side by side. */
  async engineCells(): Promise<void> {
    const grid = this.want('stepsPerSecond', 'batchedSpeedup');
    const idiomatic = this.want('vsIdiomaticTfjs');
    const torch = this.want('vsPyTorchCpu');
    if (!grid && !idiomatic && !torch) return;
    const wasmRuns: (1 | 3 | 16)[] = grid ? [...RUN_COUNTS] : [1, 16];
    const setup = torch ? findTorch() : null;
    if (setup?.problem) {
      this.torchProblem = setup.problem;
      log(setup.problem);
      if (!grid && !idiomatic) return this.summariseEngineCells(grid, idiomatic, torch, setup);
    }
    const page = await BenchPage.open(this.browser, this.base, this.report.errors);
    try {
      await this.warmPage(page, 'wasm');
      for (let round_ = 0; round_ < this.p.wasmRounds; round_++) {
        log(`wasm round ${round_ + 1}/${this.p.wasmRounds}`);
        for (const runs of wasmRuns) {
          const cells: Cell[] = ['per-run', 'batched'];
          if (idiomatic && runs !== 3) cells.push('idiomatic');
          // Rotating the order each round spreads any drift of the machine over every cell.
          for (let i = 0; i < cells.length; i++)
            await this.measureCell(page, 'wasm', cells[(i + round_) % cells.length]!, runs);
        }
        if (setup && !setup.problem) {
          for (const runs of [1, 16] as const) {
            for (const openblas of [false, true]) {
              if (openblas && !setup.openblasDir) continue;
              const r = runTorch(setup, runs, openblas, this.args.quick);
              if (typeof r === 'string') {
                this.report.errors.push(r);
                continue;
              }
              this.torch.push({ runs, openblas, round: round_, result: r });
              log(`  pytorch ${openblas ? 'openblas' : 'plain'} R=${runs}: ${round(r.runStepsPerSecond)} run-steps/s`);
            }
          }
        }
      }
    } finally {
      await page.close();
    }
    if (grid) {
      for (const backend of ['webgl', 'cpu'] as const) {
        const page = await BenchPage.open(this.browser, this.base, this.report.errors);
        try {
          await this.warmPage(page, backend);
          for (let round_ = 0; round_ < this.p.slowRounds; round_++) {
            log(`${backend} round ${round_ + 1}/${this.p.slowRounds}`);
            for (const runs of RUN_COUNTS)
              for (const strategy of ['per-run', 'batched'] as const)
                await this.measureCell(page, backend, strategy, runs);
          }
        } finally {
          await page.close();
        }
      }
    }
    this.summariseEngineCells(grid, idiomatic, torch, setup);
  }

  private bestStrategy(backend: Backend, runs: number): CellResult | undefined {
    const a = this.cell(backend, 'per-run', runs);
    const b = this.cell(backend, 'batched', runs);
    if (!a || !b) return a ?? b;
    return a.runStepsPerSecond >= b.runStepsPerSecond ? a : b;
  }

  private summariseEngineCells(grid: boolean, idiomatic: boolean, torch: boolean, setup: TorchSetup | null): void {
    const f = this.report.figures;
    if (this.want('stepsPerSecond')) {
      f.stepsPerSecond = {
        unit: 'run-steps/s (steps x runs), median over rounds',
        shape: 'default experiment: n=128, h=128, depth 1, relu, B=128, Adam 1e-3, parity inputs (d=50, k=7)',
        cells: this.cells.map((c) => ({
          ...c,
          runStepsPerSecond: round(c.runStepsPerSecond),
          perRound: c.perRound.map((x) => round(x)),
        })),
      };
    }
    if (grid && this.want('batchedSpeedup')) {
      const rows = [];
      for (const backend of ['wasm', 'webgl', 'cpu'] as const)
        for (const strategy of ['per-run', 'batched'] as const) {
          const r1 = this.cell(backend, strategy, 1);
          const r16 = this.cell(backend, strategy, 16);
          if (r1 && r16)
            rows.push({ backend, strategy, value: round(r16.runStepsPerSecond / r1.runStepsPerSecond, 2) });
        }
      f.batchedSpeedup = { definition: 'run-steps/s at R=16 divided by R=1', rows };
    }
    if (idiomatic) {
      const out: Record<string, unknown> = {};
      for (const runs of [1, 16] as const) {
        const best = this.bestStrategy('wasm', runs);
        const idio = this.cell('wasm', 'idiomatic', runs);
        if (!best || !idio) continue;
        // Ratio per round (same moment, same noise), then the median.
        const ratios = best.perRound.map((x, i) => x / idio.perRound[i]!);
        const ratio = median(ratios);
        const goal = runs === 1 ? 2 : 3;
        out[`R${runs}`] = {
          engine: round(best.runStepsPerSecond),
          engineStrategy: best.strategy,
          idiomatic: round(idio.runStepsPerSecond),
          ratio: round(ratio, 2),
          ratioPerRound: ratios.map((x) => round(x, 2)),
          steps: { engine: best.steps, idiomatic: idio.steps },
        };
        this.target({
          figure: `vsIdiomaticTfjs R=${runs}`,
          target: `>= ${goal}`,
          value: round(ratio, 2),
          met: ratio >= goal,
        });
      }
      f.vsIdiomaticTfjs = out;
    }
    if (torch) {
      if (!setup || setup.problem) {
        f.vsPyTorchCpu = { skipped: this.torchProblem };
        for (const runs of [1, 16])
          this.target({ figure: `vsPyTorchCpu R=${runs}`, target: '>= 0.30', value: null, met: null, note: 'skipped' });
      } else {
        const out: Record<string, unknown> = {
          python: setup.python,
          openblasDir: setup.openblasDir ?? 'not found: apt-get install libopenblas0-pthread',
        };
        for (const runs of [1, 16] as const) {
          const best = this.bestStrategy('wasm', runs);
          const of = (openblas: boolean) => this.torch.filter((t) => t.runs === runs && t.openblas === openblas);
          const plain = of(false);
          const fast = of(true);
          const anchor = fast.length ? fast : plain;
          if (!best || !anchor.length) continue;
          const ratios = anchor.map((t) => best.perRound[t.round]! / t.result.runStepsPerSecond);
          const ratio = median(ratios);
          out[`R${runs}`] = {
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
          };
          this.target({
            figure: `vsPyTorchCpu R=${runs}`,
            target: '>= 0.30',
            value: round(ratio, 2),
            met: fast.length ? ratio >= 0.3 : null,
            ...(fast.length ? {} : { note: 'against plain PyTorch: no OpenBLAS' }),
          });
        }
        f.vsPyTorchCpu = out;
      }
    }
  }

  /** overheadRatio: the app's steps/s in its worker against the same experiment driven bare, alternately. */
  async overhead(): Promise<void> {
    if (!this.want('overheadRatio')) return;
    const out: Record<string, unknown> = {};
    for (const backend of ['wasm', 'webgl'] as const) {
      const { from, to } = this.p.overhead[backend];
      const inApp: number[] = [];
      const bare: number[] = [];
      const diagnostics: Record<string, number>[] = [];
      let appBackend: string = backend;
      for (let r = 0; r < this.p.overheadRounds; r++) {
        // Alternate which side goes first, so a drift of the machine's load falls on both.
        const order = r % 2 === 0 ? ['app', 'bare'] : ['bare', 'app'];
        for (const side of order) {
          if (side === 'bare') {
            const page = await BenchPage.open(this.browser, this.base, this.report.errors);
            try {
              const res = await page.experiment({ backend, warmToStep: from, toStep: to, seconds: 600 });
              bare.push(res.stepsPerSecond);
              log(`  ${backend} bare: ${round(res.stepsPerSecond, 1)} steps/s (${res.fromStep}→${res.toStep})`);
            } finally {
              await page.close();
            }
          } else {
            const m = await this.appStretch(`/?backend=${backend}`, from, to);
            inApp.push(m.rate);
            appBackend = m.backend;
            diagnostics.push(m.cpuPercent);
            log(`  ${backend} in app: ${round(m.rate, 1)} steps/s (${m.fromStep}→${m.toStep})`);
          }
        }
      }
      const ratio = median(inApp) / median(bare);
      out[backend] = {
        inAppStepsPerSecond: round(median(inApp), 1),
        bareStepsPerSecond: round(median(bare), 1),
        ratio: round(ratio, 2),
        perRound: { inApp: inApp.map((x) => round(x, 1)), bare: bare.map((x) => round(x, 1)) },
        steps: `from step ${from} to ${to} on each side, ${this.p.overheadRounds} round(s) alternating`,
        appBackend,
        viewport: `${LAPTOP.width}x${LAPTOP.height}`,
        inAppCpuPercent: diagnostics,
      };
      this.target({
        figure: `overheadRatio ${backend}`,
        target: '>= 0.90',
        value: round(ratio, 2),
        met: appBackend === backend ? ratio >= 0.9 : null,
        ...(appBackend === backend ? {} : { note: `the app ran on ${appBackend}` }),
      });
    }
    this.report.figures.overheadRatio = {
      definition:
        'steps/s of the default experiment (3 runs) in the app (worker, protocol, store, charts) / the same experiment driven bare by src/train/driver in a page',
      ...out,
    };
  }

  /** The app's pace from the step `from` to the step `to`, read from the store; CPU use per process over it. */
  private async appStretch(query: string, from: number, to: number) {
    const app = await AppPage.open(this.browser, `${this.base}${query}`, LAPTOP, this.report.errors);
    try {
      await app.start();
      await app.waitForStep(from, 300_000);
      const busy0 = await app.mainThreadBusyMs();
      const cpu0 = await cpuByProcess(this.browser);
      const t0 = Date.now();
      await app.waitForStep(to, 600_000);
      const cpu1 = await cpuByProcess(this.browser);
      const busy1 = await app.mainThreadBusyMs();
      const wall = (Date.now() - t0) / 1000;
      const probe = await app.probe();
      const a = probe.samples.find((s) => s[1] >= from);
      const b = probe.samples.find((s) => s[1] >= to);
      return {
        rate: a && b && b[0] > a[0] ? ((b[1] - a[1]) * 1000) / (b[0] - a[0]) : Number.NaN,
        fromStep: a?.[1] ?? null,
        toStep: b?.[1] ?? null,
        backend: probe.backend?.name ?? 'unknown',
        cpuPercent: { mainThread: round((busy1 - busy0) / (10 * wall)), ...cpuShare(cpu0, cpu1, wall) },
      };
    } finally {
      await app.close();
    }
  }

  /** defaultExperimentSeconds and firstStepMs: the default experiment as a visitor runs it (backend 'auto'). */
  async defaultExperiment(): Promise<void> {
    if (!this.want('defaultExperimentSeconds', 'firstStepMs')) return;
    log('default experiment in the app…');
    const app = await AppPage.open(this.browser, `${this.base}/`, LAPTOP, this.report.errors);
    try {
      await app.start();
      const timeout = this.p.defaultTimeoutSeconds * 1000;
      const t0 = Date.now();
      let finished = false;
      while (Date.now() - t0 < timeout) {
        const s = await app.page.evaluate(
          () => (window as unknown as { __nwl: { state(): { engine: string } } }).__nwl.state().engine,
        );
        if (s === 'finished' || s === 'crashed') {
          finished = s === 'finished';
          break;
        }
        await sleep(250);
      }
      const probe = await app.probe();
      const samples = probe.samples;
      const total = 8000;
      const click = probe.clickAt ?? Number.NaN;
      const first = samples.find((s) => s[1] > 0);
      const last = samples.find((s) => s[1] >= total);
      let seconds: number;
      let extrapolated = false;
      if (last) seconds = (last[0] - click) / 1000;
      else {
        // Not done in the time allowed: the remaining steps at the pace of the last 10 seconds.
        const end = samples[samples.length - 1]!;
        const r = rateBetween(samples, end[0] - 10_000, end[0]);
        seconds = (end[0] - click) / 1000 + (total - end[1]) / r.rate;
        extrapolated = true;
      }
      const backend = probe.backend?.name ?? 'unknown';
      if (this.want('defaultExperimentSeconds')) {
        this.report.figures.defaultExperimentSeconds = {
          seconds: round(seconds, 1),
          extrapolated,
          finished,
          backend,
          backendReason: probe.backend?.reason ?? null,
          fromClickToBackendChosenSeconds: round(((probe.backendAt ?? Number.NaN) - click) / 1000, 1),
          fromFirstStepToLastSeconds: first && last ? round((last[0] - first[0]) / 1000, 1) : null,
          definition:
            'default experiment (3 runs x 8000 steps, backend auto), from the click on Start to step 8000 in the store',
          viewport: `${LAPTOP.width}x${LAPTOP.height}`,
        };
        this.target({
          figure: 'defaultExperimentSeconds',
          target: '<= 20',
          value: round(seconds, 1),
          met: seconds <= 20,
          ...(extrapolated ? { note: 'extrapolated' } : {}),
        });
      }
      if (this.want('firstStepMs')) {
        this.report.figures.firstStepMs = {
          ms: first ? round(first[0]) : null,
          definition: 'navigation start to the first step > 0 in the store; Start clicked as soon as it is enabled',
          startClickedAtMs: round(click),
          backendChosenAtMs: probe.backendAt === null ? null : round(probe.backendAt),
          backend,
        };
      }
    } finally {
      await app.close();
    }
  }

  /** longestMainThreadTaskMs: every view on screen, a stretch of training after warm-up. */
  async longTasks(): Promise<void> {
    if (!this.want('longestMainThreadTaskMs')) return;
    log('long tasks in the app…');
    // Tall enough for every panel of the default experiment (about 2500 px at this width) from the start:
    // resizing later relays out every chart in one task of half a second, which would be the bench's own doing.
    const viewport = { width: 1400, height: 3200 };
    const app = await AppPage.open(this.browser, `${this.base}/`, viewport, this.report.errors);
    try {
      await app.start();
      await app.waitForStep(1, 120_000);
      await sleep(this.p.longTaskWarmSeconds * 1000);
      const height = await app.page.evaluate(() => document.getElementById('root')?.scrollHeight ?? 0);
      const from = await app.now();
      await sleep(this.p.longTaskSeconds * 1000);
      const to = await app.now();
      const probe = await app.probe();
      const inWindow = (probe.longTasks ?? []).filter(([t]) => t >= from && t <= to);
      const longest = inWindow.reduce((m, [, d]) => Math.max(m, d), 0);
      const stretch = probe.samples.filter((s) => s[0] >= from && s[0] <= to);
      const trained = stretch.filter((s) => s[2] === 'running');
      const coveredMs = trained.length ? trained[trained.length - 1]![0] - trained[0]![0] : 0;
      // The poll is a 20 ms timer: its lateness bounds what blocked the thread, below the 50 ms long-task floor too.
      const lateness = stretch.reduce((m, s) => Math.max(m, s[3] - 20), 0);
      this.report.figures.longestMainThreadTaskMs = {
        ms: probe.longTasks === null ? null : round(longest),
        longTasks: inWindow.length,
        longTaskDurations: inWindow.map(([, d]) => round(d)).slice(0, 50),
        maxTimerLatenessMs: round(lateness),
        stretchSeconds: round((to - from) / 1000, 1),
        trainingSecondsInStretch: round(coveredMs / 1000, 1),
        steps: stretch.length ? stretch[stretch.length - 1]![1] - stretch[0]![1] : 0,
        backend: probe.backend?.name ?? 'unknown',
        viewport: `${viewport.width}x${viewport.height} (page height ${height}${height > viewport.height ? ': NOT all on screen' : ''})`,
        definition: `longest PerformanceObserver('longtask') entry (tasks over 50 ms) in a ${this.p.longTaskSeconds} s stretch after ${this.p.longTaskWarmSeconds} s of training, default experiment, every view on screen; 0 means none`,
      };
      this.target({
        figure: 'longestMainThreadTaskMs',
        target: '< 50',
        value: round(longest),
        met: probe.longTasks === null ? null : longest < 50,
        ...(coveredMs < this.p.longTaskSeconds * 900
          ? { note: `training covered ${round(coveredMs / 1000, 1)} s` }
          : {}),
      });
    } finally {
      await app.close();
    }
  }

  /** tensorLeakPerStep: tf.memory().numTensors before and after many steps, bare, on wasm. */
  async leak(): Promise<void> {
    if (!this.want('tensorLeakPerStep')) return;
    const page = await BenchPage.open(this.browser, this.base, this.report.errors);
    const rows = [];
    try {
      for (const strategy of ['per-run', 'batched'] as const) {
        const steps = this.p.leakSteps;
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
        log(`  leak ${strategy}: ${r.tensorsBefore} → ${r.tensorsAfter} tensors over ${r.steps} steps`);
      }
    } finally {
      await page.close();
    }
    const worst = rows.reduce((m, r) => Math.max(m, Math.abs(r.perStep)), 0);
    this.report.figures.tensorLeakPerStep = { value: worst, backend: 'wasm', rows };
    this.target({ figure: 'tensorLeakPerStep', target: '= 0', value: worst, met: worst === 0 });
  }

  /** mainBundleGzipKiB: what index.html loads before any training (its module script, preloads, their static imports). */
  bundle(dist: string): void {
    if (!this.want('mainBundleGzipKiB')) return;
    const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
    const entry = [...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].map((m) => m[1]!);
    const preload = [...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1]!);
    const seen = new Map<string, { raw: number; gzip: number }>();
    const queue = [...entry, ...preload].map((u) => u.replace(/^\//, ''));
    while (queue.length) {
      const rel = queue.shift()!;
      if (seen.has(rel)) continue;
      const code = readFileSync(path.join(dist, rel));
      seen.set(rel, { raw: code.length, gzip: gzipSync(code).length });
      const text = code.toString('utf8');
      // Static imports only (`from"./x.js"`, `import"./x.js"`); import() and new Worker(new URL()) load later.
      for (const m of text.matchAll(/(?:\bfrom|\bimport)\s*["']([^"']+\.js)["']/g)) {
        queue.push(path.posix.normalize(path.posix.join(path.posix.dirname(rel), m[1]!)));
      }
    }
    const gzip = [...seen.values()].reduce((s, f) => s + f.gzip, 0) / 1024;
    const assets = readdirSync(path.join(dist, 'assets'));
    const worker = assets.find((a) => /^training\.worker.*\.js$/.test(a));
    const tfjsInMain = [...seen.keys()].some((rel) =>
      /registerKernel|tfjs-backend|Backend_WebGL/.test(readFileSync(path.join(dist, rel), 'utf8')),
    );
    this.report.figures.mainBundleGzipKiB = {
      kib: round(gzip, 1),
      files: Object.fromEntries(
        [...seen].map(([k, v]) => [k, { rawKiB: round(v.raw / 1024, 1), gzipKiB: round(v.gzip / 1024, 1) }]),
      ),
      workerChunkGzipKiB: worker
        ? round(gzipSync(readFileSync(path.join(dist, 'assets', worker))).length / 1024, 1)
        : null,
      tfjsInMainBundle: tfjsInMain,
      definition: 'node:zlib gzip (default level) of each JS file index.html loads before training, summed',
    };
    this.target({ figure: 'mainBundleGzipKiB', target: '<= 200', value: round(gzip, 1), met: gzip <= 200 });
  }

  /** scale: steps/s against n = h, wasm and WebGL, for where WebGL overtakes. */
  async scale(): Promise<void> {
    if (!this.want('scale')) return;
    const rows: { n: number; backend: string; strategy: string; runStepsPerSecond: number; steps: number }[] = [];
    for (const backend of ['wasm', 'webgl'] as const) {
      const page = await BenchPage.open(this.browser, this.base, this.report.errors);
      try {
        for (const n of this.p.scaleSizes) {
          const r = await page.run({
            backend,
            strategy: 'auto',
            runs: 3,
            // Gaussian inputs: parity's d = 50 does not fit n = 32; a small test set keeps the set-up short.
            query: `n=${n}&h=${n}&inputs=gaussian&test=256`,
            warmupSteps: backend === 'wasm' ? 5 : 2,
            steps: 1_000_000,
            chunk: 50,
            chunkMs: 40,
            targetSeconds: this.p.scaleSeconds[backend],
          });
          rows.push({
            n,
            backend: r.backend,
            strategy: r.strategy,
            runStepsPerSecond: round(r.runStepsPerSecond, 1),
            steps: r.steps,
          });
          log(`  scale n=h=${n} ${backend}: ${round(r.runStepsPerSecond, 1)} run-steps/s (${r.steps} steps)`);
        }
      } finally {
        await page.close();
      }
    }
    const overtakes = this.p.scaleSizes.find((n) => {
      const w = rows.find((r) => r.n === n && r.backend === 'wasm');
      const g = rows.find((r) => r.n === n && r.backend === 'webgl');
      return w && g && g.runStepsPerSecond > w.runStepsPerSecond;
    });
    this.report.figures.scale = {
      definition: 'run-steps/s at n = h (R = 3, B = 128, gaussian inputs), strategy auto per backend',
      rows,
      webglOvertakesWasmAt: overtakes ?? null,
    };
  }
}

// ---------------------------------------------------------------- output

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows
    .map((r) =>
      r
        .map((c, i) => pad(c, widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function fmt(x: unknown): string {
  if (x === null || x === undefined) return '—';
  if (typeof x === 'number') return Number.isFinite(x) ? String(x) : 'n/a';
  return String(x);
}

function readable(r: Report): string {
  const out: string[] = [];
  const f = r.figures as Record<string, Record<string, unknown> | undefined>;
  const m = r.machine;
  out.push(`Natural Weights Lab benchmark, ${r.date}${r.options.quick ? ' (--quick)' : ''}`);
  out.push(
    `machine: ${m.cpu}, ${m.nproc} cores, ${m.memoryGiB} GiB, ${m.chromium}, Node ${m.node}, load ${m.loadAverageStart} → ${m.loadAverageEnd}`,
  );
  if (m.note) out.push(`note: ${m.note}`);
  out.push(`took ${r.durationSeconds} s`);
  const sps = f.stepsPerSecond as { cells: CellResult[] } | undefined;
  if (sps) {
    out.push('', 'stepsPerSecond (run-steps/s, median of rounds; steps timed per round)');
    const rows = [['backend', 'strategy', 'R=1', 'R=3', 'R=16', 'steps (R=1 / 3 / 16)']];
    for (const backend of ['wasm', 'webgl', 'cpu'])
      for (const strategy of ['per-run', 'batched', 'idiomatic']) {
        const cs = [1, 3, 16].map((n) =>
          sps.cells.find((c) => c.backend === backend && c.strategy === strategy && c.runs === n),
        );
        if (!cs.some(Boolean)) continue;
        rows.push([
          backend,
          strategy,
          ...cs.map((c) => fmt(c?.runStepsPerSecond)),
          cs.map((c) => (c ? c.steps.join('+') : '—')).join(' / '),
        ]);
      }
    out.push(table(rows));
  }
  const bs = f.batchedSpeedup as { rows: { backend: string; strategy: string; value: number }[] } | undefined;
  if (bs) {
    out.push('', 'batchedSpeedup (run-steps/s at R=16 / R=1)');
    out.push(table([['backend', 'strategy', 'speedup'], ...bs.rows.map((x) => [x.backend, x.strategy, fmt(x.value)])]));
  }
  const vi = f.vsIdiomaticTfjs as Record<string, Record<string, unknown>> | undefined;
  if (vi) {
    out.push('', 'vsIdiomaticTfjs (wasm: engine best / idiomatic tfjs, median of per-round ratios)');
    const rows = [['R', 'engine', 'strategy', 'idiomatic', 'ratio', 'per round']];
    for (const k of ['R1', 'R16']) {
      const x = vi[k];
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
    out.push(table(rows));
  }
  const vp = f.vsPyTorchCpu as Record<string, Record<string, unknown> | string | null> | undefined;
  if (vp) {
    out.push('', 'vsPyTorchCpu (engine best on wasm / PyTorch CPU)');
    if (vp.skipped) out.push(`  skipped: ${String(vp.skipped)}`);
    else {
      const rows = [['R', 'engine', 'torch plain', 'torch OpenBLAS 1 thr', 'ratio', 'torch steps']];
      for (const k of ['R1', 'R16']) {
        const x = vp[k] as Record<string, unknown> | undefined;
        if (x)
          rows.push([
            k.slice(1),
            fmt(x.engine),
            fmt(x.pytorchPlain),
            fmt(x.pytorchOpenblas),
            fmt(x.ratio),
            fmt(x.pytorchSteps),
          ]);
      }
      out.push(table(rows));
      const r1 = vp.R1 as Record<string, unknown> | undefined;
      if (r1)
        out.push(
          `  plain torch: ${fmt(r1.pytorchPlainThreads)} thread(s), BLAS ${JSON.stringify(r1.pytorchPlainBlas)}`,
        );
    }
  }
  const oh = f.overheadRatio as Record<string, Record<string, unknown> | string> | undefined;
  if (oh) {
    out.push('', 'overheadRatio (steps/s in the app / bare, default experiment, 3 runs)');
    const rows = [['backend', 'in app', 'bare', 'ratio', 'steps', 'per round (app | bare)', 'CPU % in app window']];
    for (const k of ['wasm', 'webgl']) {
      const x = oh[k] as Record<string, unknown> | undefined;
      if (!x) continue;
      const pr = x.perRound as { inApp: number[]; bare: number[] };
      rows.push([
        k + (x.appBackend !== k ? ` (app ran ${fmt(x.appBackend)})` : ''),
        fmt(x.inAppStepsPerSecond),
        fmt(x.bareStepsPerSecond),
        fmt(x.ratio),
        fmt(x.steps).replace(/^from step (\d+) to (\d+).*/, '$1→$2'),
        `${pr.inApp.join(', ')} | ${pr.bare.join(', ')}`,
        (x.inAppCpuPercent as Record<string, number>[])
          .map((d) =>
            Object.entries(d)
              .map(([a, b]) => `${a} ${b}`)
              .join(' '),
          )
          .join('; '),
      ]);
    }
    out.push(table(rows));
  }
  const de = f.defaultExperimentSeconds;
  if (de)
    out.push(
      '',
      `defaultExperimentSeconds: ${fmt(de.seconds)} s${de.extrapolated ? ' (extrapolated)' : ''} on ${fmt(de.backend)} (backend chosen ${fmt(de.fromClickToBackendChosenSeconds)} s after Start; first to last step ${fmt(de.fromFirstStepToLastSeconds)} s)`,
    );
  const fs = f.firstStepMs;
  if (fs)
    out.push(
      `firstStepMs: ${fmt(fs.ms)} ms (Start clicked at ${fmt(fs.startClickedAtMs)} ms, backend at ${fmt(fs.backendChosenAtMs)} ms)`,
    );
  const lt = f.longestMainThreadTaskMs;
  if (lt)
    out.push(
      `longestMainThreadTaskMs: ${fmt(lt.ms)} ms (${fmt(lt.longTasks)} long tasks; timer lateness max ${fmt(lt.maxTimerLatenessMs)} ms; ${fmt(lt.trainingSecondsInStretch)} s of training on ${fmt(lt.backend)}, ${fmt(lt.steps)} steps, viewport ${fmt(lt.viewport)})`,
    );
  const tl = f.tensorLeakPerStep as
    | { value: number; rows: { strategy: string; steps: number; tensorsBefore: number; tensorsAfter: number }[] }
    | undefined;
  if (tl)
    out.push(
      `tensorLeakPerStep: ${fmt(tl.value)} (${tl.rows.map((x) => `${x.strategy} ${x.tensorsBefore}→${x.tensorsAfter} over ${x.steps} steps`).join('; ')})`,
    );
  const mb = f.mainBundleGzipKiB;
  if (mb)
    out.push(
      `mainBundleGzipKiB: ${fmt(mb.kib)} KiB (${Object.keys(mb.files as object).join(', ')}); worker chunk ${fmt(mb.workerChunkGzipKiB)} KiB; tfjs in main bundle: ${fmt(mb.tfjsInMainBundle)}`,
    );
  const sc = f.scale as
    | {
        rows: { n: number; backend: string; runStepsPerSecond: number; steps: number }[];
        webglOvertakesWasmAt: number | null;
      }
    | undefined;
  if (sc) {
    out.push('', 'scale (run-steps/s, n = h, R = 3; steps timed in parentheses)');
    const sizes = [...new Set(sc.rows.map((x) => x.n))];
    const rows = [['backend', ...sizes.map((n) => `n=h=${n}`)]];
    for (const b of ['wasm', 'webgl']) {
      rows.push([
        b,
        ...sizes.map((n) => {
          const x = sc.rows.find((y) => y.n === n && y.backend === b);
          return x ? `${x.runStepsPerSecond} (${x.steps})` : '—';
        }),
      ]);
    }
    out.push(table(rows));
    out.push(`WebGL overtakes wasm at: ${sc.webglOvertakesWasmAt ?? 'nowhere up to 1024 on this machine'}`);
  }
  out.push('', 'targets');
  out.push(
    table([
      ['figure', 'target', 'value', 'met'],
      ...r.targets.map((t) => [
        t.figure,
        t.target,
        fmt(t.value),
        t.met === null ? `— ${t.note ?? ''}` : t.met ? 'yes' : `NO${t.note ? ` (${t.note})` : ''}`,
      ]),
    ]),
  );
  if (r.errors.length) out.push('', 'errors', ...r.errors.map((e) => `  ${e}`));
  return out.join('\n');
}

// ---------------------------------------------------------------- main

function machineInfo(note: string | null): Record<string, unknown> {
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  try {
    cpu = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpu;
  } catch {
    // not Linux
  }
  return {
    cpu,
    nproc: os.availableParallelism(),
    memoryGiB: round(os.totalmem() / 2 ** 30, 1),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    loadAverageStart: os.loadavg().map((x) => round(x, 2)),
    note,
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.print) {
    // Tolerates npm's banner lines before the object.
    const text = readFileSync(args.print, 'utf8');
    process.stdout.write(readable(JSON.parse(text.slice(text.indexOf('{'))) as Report) + '\n');
    return;
  }
  const t0 = Date.now();
  ensureBuild(args.build);
  const dist = snapshotDist();
  let server: ChildProcess | null = null;
  let browser: Browser | null = null;
  try {
    const preview = await startPreview(dist);
    server = preview.server;
    log(`serving a copy of dist/ at ${preview.base}`);
    browser = await launchChromium();
    const machine = { ...machineInfo(args.note), chromium: `Chromium ${browser.version()}` };
    const bench = new Bench(args, browser, preview.base, machine);
    bench.bundle(dist);
    await bench.engineCells();
    await bench.leak();
    await bench.overhead();
    await bench.defaultExperiment();
    await bench.longTasks();
    await bench.scale();
    const report = bench.report;
    report.machine.loadAverageEnd = os.loadavg().map((x) => round(x, 2));
    report.durationSeconds = round((Date.now() - t0) / 1000);
    // Figures in the order of BENCHMARKS.md, whatever order they were measured in.
    report.figures = Object.fromEntries(FIGURES.filter((k) => k in report.figures).map((k) => [k, report.figures[k]]));
    process.stdout.write(args.json ? JSON.stringify(report, null, 2) + '\n' : readable(report) + '\n');
  } finally {
    await browser?.close();
    server?.kill();
    rmSync(dist, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  if (e instanceof UsageError) {
    process.stderr.write(`bench: ${e.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
