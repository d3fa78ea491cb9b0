/**
 * poolSpeedup: the default experiment in the app with the pool (`/`,
 * workers auto) against one worker (`/?workers=1`), in the same bench run,
 * rounds alternating which side goes first: one worker's Start-to-last-step
 * seconds over the pool's, the median of per-round ratios. The same ratio
 * of the training alone (first step to last, without the backend choice)
 * is reported beside it.
 */
import { appCapabilities, PENDING_WORKERS, runInApp, type AppRun } from '../lib/appRun.mjs';
import type { Figure } from '../lib/figure.mjs';
import { fmt, table } from '../lib/format.mjs';
import { speedup } from '../lib/ratios.mjs';
import { median, round } from '../lib/stats.mjs';
import { goal, type Measured } from '../lib/targets.mjs';

export interface Side {
  url: string;
  seconds: number;
  trainingSeconds: number;
  extrapolated: boolean;
  backend: string;
  workers: unknown;
  /** Training workers seen running at once. */
  workersSeen: number;
}

export interface Round {
  first: 'pool' | 'one';
  pool: Side;
  one: Side;
  speedup: number;
  trainingSpeedup: number;
}

export interface PoolSpeedup {
  pending?: string;
  speedup?: number;
  trainingSpeedup?: number;
  rounds?: Round[];
  cores?: number;
  definition: string;
}

const DEFINITION =
  "default experiment, one worker's (/?workers=1) Start-to-last-step seconds / the pool's (/, workers auto), median of rounds alternating which goes first";

function side(r: AppRun): Side {
  return {
    url: r.url,
    seconds: round(r.finish.seconds, 1),
    trainingSeconds: round(r.finish.trainingSeconds, 1),
    extrapolated: r.finish.extrapolated,
    backend: r.backend,
    workers: r.workers,
    workersSeen: r.workersSeen,
  };
}

/**
 * The median of the rounds' speedups, judged only when every round ran the
 * same backend on both sides and the pool side really ran several training
 * workers (the field can exist before the page has a pool; a "pool" of one
 * worker would measure only the machine's noise).
 */
export function poolVerdict(rounds: readonly Round[]): Measured {
  const value = median(rounds.map((x) => x.speedup));
  const sameBackend = rounds.every((x) => x.pool.backend === x.one.backend);
  const pooled = rounds.every((x) => x.pool.workersSeen > 1);
  const extrapolated = rounds.some((x) => x.pool.extrapolated || x.one.extrapolated);
  const note = [
    pooled ? '' : 'the pool side ran one training worker',
    sameBackend ? '' : 'the two sides ran different backends',
    extrapolated ? 'extrapolated' : '',
  ]
    .filter(Boolean)
    .join('; ');
  return {
    label: 'poolSpeedup',
    value: Number.isFinite(value) ? value : null,
    ...(sameBackend && pooled ? {} : { judged: false }),
    ...(note ? { note } : {}),
  };
}

export const poolSpeedup: Figure<PoolSpeedup> = {
  id: 'poolSpeedup',
  description:
    'the default experiment in the app: one worker (/?workers=1) seconds / the pool (/) seconds, interleaved',
  targets: [{ label: 'poolSpeedup', goal: goal('>=', '1.6') }],
  async run(ctx) {
    const caps = await appCapabilities(ctx);
    if (!caps.workers) return { value: { pending: PENDING_WORKERS, definition: DEFINITION }, missing: 'pending' };
    const rounds: Round[] = [];
    const timeout = ctx.quick ? 30 : 180;
    const n = ctx.quick ? 1 : 2;
    for (let r = 0; r < n; r++) {
      const order = r % 2 === 0 ? (['pool', 'one'] as const) : (['one', 'pool'] as const);
      const got: Partial<Record<'pool' | 'one', AppRun>> = {};
      for (const which of order) {
        const url = which === 'pool' ? '/' : '/?workers=1';
        got[which] = await runInApp(ctx, url, timeout);
        ctx.log(`  ${which}: ${round(got[which].finish.seconds, 1)} s on ${got[which].backend}`);
      }
      const pool = got.pool!;
      const one = got.one!;
      rounds.push({
        first: order[0],
        pool: side(pool),
        one: side(one),
        speedup: round(speedup(one.finish.seconds, pool.finish.seconds), 2),
        trainingSpeedup: round(speedup(one.finish.trainingSeconds, pool.finish.trainingSeconds), 2),
      });
    }
    const measured = poolVerdict(rounds);
    const value = measured.value ?? Number.NaN;
    return {
      value: {
        speedup: value,
        trainingSpeedup: median(rounds.map((x) => x.trainingSpeedup)),
        rounds,
        cores: ctx.cores,
        definition: DEFINITION,
      },
      measured: [measured],
    };
  },
  print(v) {
    if (v.pending) return ['', `poolSpeedup: ${v.pending}`];
    const rows = [
      ['round', 'first', 'pool s', 'one worker s', 'speedup', 'training only', 'backends (pool / one)', 'workers seen'],
    ];
    (v.rounds ?? []).forEach((x, i) =>
      rows.push([
        String(i + 1),
        x.first,
        `${fmt(x.pool.seconds)}${x.pool.extrapolated ? ' (extrapolated)' : ''}`,
        `${fmt(x.one.seconds)}${x.one.extrapolated ? ' (extrapolated)' : ''}`,
        fmt(x.speedup),
        fmt(x.trainingSpeedup),
        `${x.pool.backend} / ${x.one.backend}`,
        `${fmt(x.pool.workersSeen)} / ${fmt(x.one.workersSeen)}`,
      ]),
    );
    return [
      '',
      `poolSpeedup: ${fmt(v.speedup)} (training only ${fmt(v.trainingSpeedup)}; default experiment, one worker / pool, ${fmt(v.cores)} cores)`,
      table(rows),
    ];
  },
};
