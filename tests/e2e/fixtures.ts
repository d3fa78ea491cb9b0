/**
 * The e2e suite's `test`: every test fails when its browser context saw a
 * console error, an uncaught page error, a failed request or an HTTP error
 * response. Nothing is allowlisted: the app is served from localhost, makes
 * no third-party requests, and a clean run logs no errors.
 *
 * Also the helpers the specs share to read the app's store through
 * `window.__nwl` (src/state/engine.ts, `debugHooks`). Tests act through the
 * UI, as a user would, and read numbers from the store.
 */
import { test as base, expect, type Page } from '@playwright/test';

export { expect };
export type { Page };

export interface Problem {
  kind: 'console' | 'pageerror' | 'requestfailed' | 'http';
  text: string;
}

export const test = base.extend<{ problems: Problem[] }>({
  problems: [
    async ({ context }, use, testInfo) => {
      const problems: Problem[] = [];
      // Context-level events cover every page of the test, and messages from its workers.
      context.on('console', (msg) => {
        if (msg.type() === 'error') {
          const loc = msg.location();
          problems.push({ kind: 'console', text: `${msg.text()}${loc.url ? ` (${loc.url}:${loc.lineNumber})` : ''}` });
        }
      });
      context.on('weberror', (err) => problems.push({ kind: 'pageerror', text: String(err.error()) }));
      context.on('requestfailed', (req) => {
        const why = req.failure()?.errorText;
        // A request cancelled by a navigation (or by the page dropping a fetch it no longer needs) is not a
        // failure: a test that moves on before a recording has loaded would otherwise fail at random.
        if (why === 'net::ERR_ABORTED') return;
        problems.push({ kind: 'requestfailed', text: `${req.method()} ${req.url()}: ${why}` });
      });
      context.on('response', (res) => {
        if (res.status() >= 400) problems.push({ kind: 'http', text: `${res.status()} ${res.url()}` });
      });
      await use(problems);
      if (problems.length > 0) {
        await testInfo.attach('browser-problems', {
          body: JSON.stringify(problems, null, 2),
          contentType: 'application/json',
        });
      }
      expect(problems, 'console errors, page errors and failed requests during the test').toEqual([]);
    },
    { auto: true },
  ],
});

// ---------------------------------------------------------------------------
// Reading the store

export type EngineStatus = 'idle' | 'starting' | 'running' | 'paused' | 'finished' | 'crashed';

export interface CurvePoint {
  step: number;
  testNmse: number;
  accuracy: number | null;
  trainLoss: number | null;
}

/** A plain, serialisable copy of the parts of the store the tests read. */
export interface Snapshot {
  engine: EngineStatus;
  step: number;
  engineMessage: string | null;
  backend: { name: string; reason: string; fallbackFrom: string | null } | null;
  runs: { label: string; status: string; curve: CurvePoint[] }[];
  notices: { key: string; kind: string; message: string }[];
  axes: { field: string; values: unknown[] }[];
}

interface NwlHooks {
  state: () => {
    engine: EngineStatus;
    step: number;
    engineMessage: string | null;
    backend: Snapshot['backend'];
    runs: { info: { label: string }; status: string; curve: CurvePoint[] }[];
    notices: Snapshot['notices'];
    experiment: { axes: Snapshot['axes'] };
  };
  killWorker: () => void;
  killPoolWorker: (k?: number) => void;
  poolAssignment: () => number[][];
  liveWorkers: () => number;
  adapter: () => { vendor: string; architecture: string; description: string; isFallbackAdapter: boolean } | null;
  loseWebglContext: () => void;
  crashWorker: () => void;
  crashBeforeSetup: (count?: number) => void;
  loseGpu: () => void;
}

declare global {
  interface Window {
    __nwl?: NwlHooks;
    __pwned?: unknown;
    __longTasks?: { start: number; duration: number }[];
  }
}

export async function snapshot(page: Page): Promise<Snapshot> {
  return page.evaluate(() => {
    const s = window.__nwl!.state();
    return {
      engine: s.engine,
      step: s.step,
      engineMessage: s.engineMessage,
      backend: s.backend ? { ...s.backend } : null,
      runs: s.runs.map((r) => ({
        label: r.info.label,
        status: r.status,
        curve: r.curve.map((p) => ({
          step: p.step,
          testNmse: p.testNmse,
          accuracy: p.accuracy,
          trainLoss: p.trainLoss,
        })),
      })),
      notices: s.notices.map((n) => ({ key: n.key, kind: n.kind, message: n.message })),
      axes: s.experiment.axes.map((a) => ({ field: a.field, values: [...a.values] })),
    };
  });
}

/** The store's step counter. */
export async function currentStep(page: Page): Promise<number> {
  return page.evaluate(() => window.__nwl!.state().step);
}

/** Opens a page of the app and waits until it has mounted (the test hooks exist). */
export async function openApp(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.waitForFunction(() => window.__nwl !== undefined);
}

/** Waits until the engine is in one of `states`. */
export async function waitForEngine(page: Page, states: EngineStatus[], timeout = 60_000): Promise<void> {
  await page.waitForFunction((want) => want.includes(window.__nwl!.state().engine), states, { timeout, polling: 100 });
}

/** Waits until the step counter exceeds `than`. */
export async function waitForStepAbove(page: Page, than: number, timeout = 60_000): Promise<number> {
  await page.waitForFunction((t) => window.__nwl!.state().step > t, than, { timeout, polling: 100 });
  return currentStep(page);
}

/** Waits until every run has an evaluation after step 0 (the curves have started to move). */
export async function waitForCurves(page: Page, minPoints = 2, timeout = 60_000): Promise<void> {
  await page.waitForFunction(
    (n) => {
      const runs = window.__nwl!.state().runs;
      return runs.length > 0 && runs.every((r) => r.curve.length >= n);
    },
    minPoints,
    { timeout, polling: 200 },
  );
}

/** The main transport button; its name is Start, Pause, Resume or Starting…. */
export function primaryButton(page: Page) {
  return page.getByRole('group', { name: 'training controls' }).locator('button.primary');
}

export function backendBadge(page: Page) {
  return page.getByLabel('training backend');
}
