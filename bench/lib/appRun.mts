/**
 * Whole experiments in the app as a visitor runs them: open a permalink,
 * click Start, wait for the last step (or extrapolate past a time limit).
 * Also what this build of the app offers (the pool's `workers` field, the
 * webgpu backend), read from its store.
 */
import { parsePermalink } from '../../src/core/permalink';
import { expandRuns } from '../../src/core/experiment';
import { finishTime, type Finish } from './extrapolate.mjs';
import type { BenchContext } from './figure.mjs';
import { sleep } from './log.mjs';
import { AppPage, LAPTOP } from './pages.mjs';
import { mean, round } from './stats.mjs';
import { findTorch, runTorch, type TorchResult } from './torch.mjs';

export interface AppCapabilities {
  /** The permalink has a `workers` field (the engine's pool): `?workers=1` is one worker. */
  workers: boolean;
  /** `backend=webgpu` is a valid choice. */
  webgpu: boolean;
  /** What the probe's link `?workers=1&backend=webgpu` was told, for the report. */
  notices: string[];
}

/**
 * Read once per run from the store of a page opened on `?workers=1&backend=webgpu`:
 * a field the app knows keeps the link's value, one it does not know is
 * reported as a notice and left out. Nothing is trained.
 */
export function appCapabilities(ctx: BenchContext): Promise<AppCapabilities> {
  return ctx.once('appCapabilities', async () => {
    const app = await AppPage.open(ctx.browser, `${ctx.base}/?workers=1&backend=webgpu`, LAPTOP, ctx.errors);
    try {
      const s = await app.state();
      // A number or its text, whichever the config keeps; absent (and a notice) when the field is unknown.
      const caps = {
        workers: 'workers' in s.base && String(s.base.workers) === '1',
        webgpu: s.base.backend === 'webgpu',
        notices: s.notices,
      };
      ctx.log(
        `app: workers field ${caps.workers ? 'present' : 'absent'}, webgpu backend ${caps.webgpu ? 'present' : 'absent'}`,
      );
      return caps;
    } finally {
      await app.close();
    }
  });
}

export const PENDING_WORKERS =
  'pending: this build has no `workers` permalink field yet (the engine helper adds it with the pool)';

/** Runs and run-steps of a permalink, from the same codec the page uses. */
export function experimentSize(query: string): { runs: number; steps: number; runSteps: number } {
  const plans = expandRuns(parsePermalink(query.replace(/^\/?\??/, '')).experiment);
  return {
    runs: plans.length,
    steps: Math.max(...plans.map((p) => p.config.steps)),
    runSteps: plans.reduce((s, p) => s + p.config.steps, 0),
  };
}

export interface AppRun {
  /** The path and query opened, e.g. "/?workers=1". */
  url: string;
  backend: string;
  backendReason: string | null;
  /** The `workers` field as the store holds it (absent before the pool). */
  workers: unknown;
  /** The most training workers seen running at once (Playwright's page.workers()): the pool at work, or not. */
  workersSeen: number;
  runs: number;
  totalSteps: number;
  /** Click on Start to the moment the store had a backend. */
  backendChosenSeconds: number | null;
  firstStepMs: number | null;
  startClickedAtMs: number | null;
  backendChosenAtMs: number | null;
  finish: Finish;
  finished: boolean;
  engine: string;
  notices: string[];
  timeoutSeconds: number;
}

/** One experiment at `url` from the click on Start to its last step or `timeoutSeconds`, whichever is first. */
export async function runInApp(ctx: BenchContext, url: string, timeoutSeconds: number): Promise<AppRun> {
  const size = experimentSize(url);
  const app = await AppPage.open(ctx.browser, `${ctx.base}${url}`, LAPTOP, ctx.errors);
  try {
    await app.start();
    const t0 = Date.now();
    let engine = 'starting';
    let workersSeen = 0;
    while (Date.now() - t0 < timeoutSeconds * 1000) {
      workersSeen = Math.max(workersSeen, app.trainingWorkers());
      engine = await app.page.evaluate(
        () => (window as unknown as { __nwl: { state(): { engine: string } } }).__nwl.state().engine,
      );
      if (engine === 'finished' || engine === 'crashed') break;
      await sleep(250);
    }
    const probe = await app.probe();
    const state = await app.state();
    const click = probe.clickAt ?? Number.NaN;
    const first = probe.samples.find((s) => s[1] > 0);
    const finish = finishTime(probe.samples, click, size.steps);
    return {
      url,
      backend: probe.backend?.name ?? 'unknown',
      backendReason: probe.backend?.reason ?? null,
      workers: state.base.workers,
      workersSeen,
      runs: state.runs,
      totalSteps: size.steps,
      backendChosenSeconds: probe.backendAt === null ? null : round((probe.backendAt - click) / 1000, 1),
      firstStepMs: first ? round(first[0]) : null,
      startClickedAtMs: probe.clickAt === null ? null : round(probe.clickAt),
      backendChosenAtMs: probe.backendAt === null ? null : round(probe.backendAt),
      finish,
      finished: engine === 'finished',
      engine,
      notices: state.notices,
      timeoutSeconds,
    };
  } finally {
    await app.close();
  }
}

export interface Anchored {
  app: AppRun;
  /** The experiment's runs and run-steps, from the permalink. */
  size: { runs: number; steps: number; runSteps: number };
  /**
   * The PyTorch anchor (OpenBLAS, one thread) at the experiment's R, run just
   * before and just after the app, so that both see the machine as it was;
   * null when no anchor was asked for, a string when it could not run.
   */
  anchor: { before: TorchResult; after: TorchResult; runStepsPerSecond: number } | string | null;
}

/**
 * A whole experiment in the app, shared by the figures that read it (the
 * default experiment: defaultExperimentSeconds, firstStepMs,
 * defaultExperimentVsPyTorch), with the anchor around it when `anchored`.
 */
export function anchoredRun(
  ctx: BenchContext,
  key: string,
  url: string,
  timeoutSeconds: number,
  anchored: boolean,
): Promise<Anchored> {
  return ctx.once(`app:${key}`, async () => {
    const size = experimentSize(url);
    const torchSeconds = ctx.quick ? 1 : 3;
    const anchor = (): TorchResult | string => {
      const setup = findTorch();
      if (setup.problem) return setup.problem;
      const r = runTorch(setup, { runs: size.runs, warmup: 20, steps: 20, seconds: torchSeconds, oneThread: true });
      if (typeof r !== 'string')
        ctx.log(`  pytorch 1 thread R=${size.runs}: ${round(r.runStepsPerSecond)} run-steps/s`);
      return r;
    };
    const before = anchored ? anchor() : null;
    ctx.log(`${key} in the app (${url})…`);
    const app = await runInApp(ctx, url, timeoutSeconds);
    ctx.log(
      `  ${round(app.finish.seconds, 1)} s Start to step ${app.totalSteps}${app.finish.extrapolated ? ' (extrapolated)' : ''} on ${app.backend}`,
    );
    const after = anchored && typeof before !== 'string' ? anchor() : null;
    let result: Anchored['anchor'] = null;
    if (typeof before === 'string') result = before;
    else if (typeof after === 'string') result = after;
    else if (before && after)
      result = { before, after, runStepsPerSecond: mean([before.runStepsPerSecond, after.runStepsPerSecond]) };
    if (typeof result === 'string') ctx.errors.push(result);
    return { app, size, anchor: result };
  });
}

/** The default experiment (the empty query) as a visitor runs it; anchored when defaultExperimentVsPyTorch is measured. */
export function defaultExperimentRun(ctx: BenchContext): Promise<Anchored> {
  return anchoredRun(ctx, 'defaultExperiment', '/', ctx.quick ? 30 : 180, ctx.wants('defaultExperimentVsPyTorch'));
}

/** The wall preset: k = 2..7, 40,000 steps each; anchored when parityWallVsPyTorch is measured. */
export const PARITY_WALL = '/?steps=40000&vs=k:2,3,4,5,6,7';

export function parityWallRun(ctx: BenchContext): Promise<Anchored> {
  return anchoredRun(ctx, 'parityWall', PARITY_WALL, ctx.quick ? 30 : 300, ctx.wants('parityWallVsPyTorch'));
}
