/**
 * overheadRatio: what the app costs one worker. The default experiment's
 * steps/s in the app (worker, protocol, store, charts; laptop viewport;
 * one worker once the pool exists) divided by the same experiment driven
 * bare by ExperimentDriver in the engine page, over the same stretch of
 * steps, rounds alternating which side goes first. CPU use per Chromium
 * process over the in-app stretch is reported beside it.
 */
import { appCapabilities } from '../lib/appRun.mjs';
import type { BenchContext, Figure } from '../lib/figure.mjs';
import { fmt, table } from '../lib/format.mjs';
import { AppPage, BenchPage, cpuByProcess, cpuShare, LAPTOP } from '../lib/pages.mjs';
import { median, round } from '../lib/stats.mjs';
import { goal, type Measured } from '../lib/targets.mjs';

function settings(quick: boolean) {
  return {
    rounds: quick ? 1 : 2,
    /**
     * The same stretch of steps on both sides, between evaluation steps (the
     * bare driver stops exactly there): evaluations are dense early, so equal
     * times from different starting steps would not compare.
     */
    stretch: {
      wasm: quick ? { from: 200, to: 1000 } : { from: 500, to: 2500 },
      webgl: quick ? { from: 10, to: 50 } : { from: 20, to: 100 },
    },
  };
}

interface Side {
  inAppStepsPerSecond: number;
  bareStepsPerSecond: number;
  ratio: number;
  perRound: { inApp: number[]; bare: number[] };
  steps: string;
  appBackend: string;
  /** The app's `workers` setting (added with the pool; older reports lack it). */
  appWorkers?: string;
  viewport: string;
  inAppCpuPercent: Record<string, number>[];
}

export type OverheadRatio = { definition: string; wasm?: Side; webgl?: Side };

/** The app's pace from the step `from` to the step `to`, read from the store; CPU use per process over it. */
async function appStretch(ctx: BenchContext, url: string, from: number, to: number) {
  const app = await AppPage.open(ctx.browser, `${ctx.base}${url}`, LAPTOP, ctx.errors);
  try {
    await app.start();
    await app.waitForStep(from, 300_000);
    const busy0 = await app.mainThreadBusyMs();
    const cpu0 = await cpuByProcess(ctx.browser);
    const t0 = Date.now();
    await app.waitForStep(to, 600_000);
    const cpu1 = await cpuByProcess(ctx.browser);
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

export const overheadRatio: Figure<OverheadRatio> = {
  id: 'overheadRatio',
  description:
    'steps/s of the default experiment in the app (one worker) / the same driven bare in the engine page, wasm and webgl',
  targets: [
    { label: 'overheadRatio wasm', goal: goal('>=', '0.95') },
    { label: 'overheadRatio webgl', goal: goal('>=', '0.95') },
  ],
  async run(ctx) {
    const s = settings(ctx.quick);
    // One worker against the bare engine's one thread: the pool's speedup is poolSpeedup's business.
    const caps = await appCapabilities(ctx);
    const workers = caps.workers ? '&workers=1' : '';
    const value: OverheadRatio = {
      definition:
        'steps/s of the default experiment (3 runs) in the app (worker, protocol, store, charts) / the same experiment driven bare by src/train/driver in a page',
    };
    const measured: Measured[] = [];
    for (const backend of ['wasm', 'webgl'] as const) {
      const { from, to } = s.stretch[backend];
      const inApp: number[] = [];
      const bare: number[] = [];
      const diagnostics: Record<string, number>[] = [];
      let appBackend: string = backend;
      for (let r = 0; r < s.rounds; r++) {
        // Alternate which side goes first, so a drift of the machine's load falls on both.
        const order = r % 2 === 0 ? ['app', 'bare'] : ['bare', 'app'];
        for (const side of order) {
          if (side === 'bare') {
            const page = await BenchPage.open(ctx.browser, ctx.base, ctx.errors);
            try {
              const res = await page.experiment({ backend, warmToStep: from, toStep: to, seconds: 600 });
              bare.push(res.stepsPerSecond);
              ctx.log(`  ${backend} bare: ${round(res.stepsPerSecond, 1)} steps/s (${res.fromStep}→${res.toStep})`);
            } finally {
              await page.close();
            }
          } else {
            const m = await appStretch(ctx, `/?backend=${backend}${workers}`, from, to);
            inApp.push(m.rate);
            appBackend = m.backend;
            diagnostics.push(m.cpuPercent);
            ctx.log(`  ${backend} in app: ${round(m.rate, 1)} steps/s (${m.fromStep}→${m.toStep})`);
          }
        }
      }
      const ratio = median(inApp) / median(bare);
      value[backend] = {
        inAppStepsPerSecond: round(median(inApp), 1),
        bareStepsPerSecond: round(median(bare), 1),
        ratio: round(ratio, 2),
        perRound: { inApp: inApp.map((x) => round(x, 1)), bare: bare.map((x) => round(x, 1)) },
        steps: `from step ${from} to ${to} on each side, ${s.rounds} round(s) alternating`,
        appBackend,
        appWorkers: caps.workers ? '1' : 'no workers field: the one worker of this build',
        viewport: `${LAPTOP.width}x${LAPTOP.height}`,
        inAppCpuPercent: diagnostics,
      };
      measured.push({
        label: `overheadRatio ${backend}`,
        value: round(ratio, 2),
        exact: ratio,
        ...(appBackend === backend ? {} : { judged: false, note: `the app ran on ${appBackend}` }),
      });
    }
    return { value, measured };
  },
  print(v) {
    const rows = [['backend', 'in app', 'bare', 'ratio', 'steps', 'per round (app | bare)', 'CPU % in app window']];
    for (const k of ['wasm', 'webgl'] as const) {
      const x = v[k];
      if (!x) continue;
      rows.push([
        k + (x.appBackend !== k ? ` (app ran ${fmt(x.appBackend)})` : ''),
        fmt(x.inAppStepsPerSecond),
        fmt(x.bareStepsPerSecond),
        fmt(x.ratio),
        fmt(x.steps).replace(/^from step (\d+) to (\d+).*/, '$1→$2'),
        `${x.perRound.inApp.join(', ')} | ${x.perRound.bare.join(', ')}`,
        x.inAppCpuPercent
          .map((d) =>
            Object.entries(d)
              .map(([a, b]) => `${a} ${b}`)
              .join(' '),
          )
          .join('; '),
      ]);
    }
    const out = ['', 'overheadRatio (steps/s in the app / bare, default experiment, 3 runs)', table(rows)];
    const w = v.wasm?.appWorkers ?? v.webgl?.appWorkers;
    if (w) out.push(`  workers in the app: ${w}`);
    return out;
  },
};
