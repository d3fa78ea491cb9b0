/**
 * The two pages the figures drive: the bare engine page
 * (bench/engine.html, `window.nwlBench`) and the app itself, watched by a
 * probe installed before its own scripts.
 */
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import type {
  AdapterInfo,
  BenchOptions,
  BenchResult,
  ExperimentOptions,
  ExperimentResult,
  KernelCount,
  KernelCountOptions,
  NwlBench,
  OptimizerKernelCount,
} from '../engine-page';
import type { Sample } from './extrapolate.mjs';
import { round } from './stats.mjs';

type BenchWindow = { nwlBench: NwlBench };

export class BenchPage {
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

  countKernels(o: KernelCountOptions): Promise<KernelCount> {
    return this.page.evaluate((o) => (window as unknown as BenchWindow).nwlBench.countKernels(o), o);
  }

  countTfjsOptimizerKernels(o: KernelCountOptions): Promise<OptimizerKernelCount> {
    return this.page.evaluate((o) => (window as unknown as BenchWindow).nwlBench.countTfjsOptimizerKernels(o), o);
  }

  /** Whether this build registers a tfjs backend of that name (webgpu arrives with the engine's work). */
  hasBackend(name: string): Promise<boolean> {
    return this.page.evaluate((name) => (window as unknown as BenchWindow).nwlBench.hasBackend(name), name);
  }

  gpuAdapter(): Promise<AdapterInfo | null> {
    return this.page.evaluate(() => (window as unknown as BenchWindow).nwlBench.gpuAdapter());
  }

  close(): Promise<void> {
    return this.page.close();
  }
}

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

export interface AppProbe {
  samples: Sample[];
  longTasks: [number, number][] | null;
  clickAt: number | null;
  backend: { name: string; reason: string } | null;
  backendAt: number | null;
}

/** What the bench reads of the app's store (window.__nwl.state(), the robustness tests' hook). */
export interface AppState {
  engine: string;
  step: number;
  runs: number;
  /** The experiment's base configuration (its runtime fields: backend, and workers once the pool exists). */
  base: Record<string, unknown>;
  notices: string[];
}

export const LAPTOP = { width: 1366, height: 768 };

export class AppPage {
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
    // A fresh context each time: no remembered backend choice, as on a first visit.
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

  /** The store as the bench needs it, once the app has mounted. */
  async state(): Promise<AppState> {
    await this.page.waitForFunction(() => (window as unknown as { __nwl?: unknown }).__nwl !== undefined, null, {
      timeout: 60_000,
    });
    return this.page.evaluate(() => {
      const s = (
        window as unknown as {
          __nwl: {
            state(): {
              engine: string;
              step: number;
              runs: unknown[];
              experiment: { base: Record<string, unknown> };
              notices: { key: string; kind: string; message: string }[];
            };
          };
        }
      ).__nwl.state();
      return {
        engine: s.engine,
        step: s.step,
        runs: s.runs.length,
        base: { ...s.experiment.base },
        notices: s.notices.map((n) => `${n.key} (${n.kind}): ${n.message}`),
      };
    });
  }

  /** Training workers running now (dedicated workers of the training script; the pool starts several). */
  trainingWorkers(): number {
    return this.page.workers().filter((w) => /training/.test(w.url())).length;
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

/** CPU seconds per Chromium process type so far (the GPU process rasterises and runs SwiftShader). */
export async function cpuByProcess(browser: Browser): Promise<Record<string, number>> {
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

export function cpuShare(before: Record<string, number>, after: Record<string, number>, seconds: number) {
  const out: Record<string, number> = {};
  // The processes that do the work; the network and storage services idle.
  for (const k of ['browser', 'renderer', 'GPU'])
    if (k in after) out[k] = round((100 * ((after[k] ?? 0) - (before[k] ?? 0))) / seconds);
  return out;
}
