/**
 * `npm run -s twin:seeds -- '<query>' --seeds 1-8 [--steps 10000] [--run i]
 *  [--export DIR] [--bits-steps N] [--no-train] [--backend wasm|cpu]`
 *
 * The k = 2 investigation's lab side. Trains one run of the query for every
 * master seed, side by side in one session of the real engine, and
 * evaluates it on the reference's checkpoint schedule (docs/science.md 2.5);
 * prints one JSON object with every seed's curve and its first checkpoint
 * below NMSE 0.1. --export writes each seed's construction, test set,
 * initial weights and the bits of its first N training batches
 * (DIR/seed-<s>/, format nwl-twin) for tools/twin/python/streams.py.
 */
import { booleanFlag, oneOf, parseCommandLine, singleQuery, stringFlag, UsageError, wholeNumber } from '../lib/args';
import { buildRunInputs } from '../../src/core/run-inputs';
import { initBackend, TrainingSession } from '../../src/train';
import { writeTwinExport, secretOf } from './twin-export';
import { exportWithoutTraining, planFor } from './twin-lab';
import { join } from 'node:path';

/** The reference's checkpoints (docs/science.md 2.5). */
export const REFERENCE_CHECKPOINTS = [
  0, 250, 500, 1000, 2000, 3000, 5000, 7500, 10000, 15000, 20000, 30000, 40000, 60000, 80000, 100000,
];

/** "1-8", "1,3,5" or "1-4,9". */
export function parseSeedList(s: string): number[] | null {
  const out: number[] = [];
  for (const part of s.split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!m) return null;
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (b < a || b - a > 1000) return null;
    for (let i = a; i <= b; i++) out.push(i);
  }
  return out.length ? out : null;
}

/** The query with its master seed replaced. */
export function withSeed(query: string, seed: number): string {
  const p = new URLSearchParams(query);
  p.set('seed', String(seed));
  return p.toString();
}

/** First checkpoint whose NMSE is below the threshold, or null. */
export function firstBelow(curve: Record<string, number>, threshold = 0.1): number | null {
  const steps = Object.keys(curve)
    .map(Number)
    .sort((a, b) => a - b);
  for (const s of steps) if (curve[s]! < threshold) return s;
  return null;
}

interface Args {
  query: string;
  seeds: number[];
  steps: number;
  run: number;
  exportDir: string | null;
  bitSteps: number | null;
  train: boolean;
  backend: 'wasm' | 'cpu' | null;
}

function parse(argv: readonly string[]): Args | string {
  try {
    const line = parseCommandLine(argv, {
      seeds: { type: 'string' },
      steps: { type: 'string' },
      run: { type: 'string' },
      'bits-steps': { type: 'string' },
      export: { type: 'string' },
      'no-train': { type: 'boolean' },
      backend: { type: 'string' },
    });
    const number = (flag: string, fallback: number): number => {
      const v = stringFlag(line, flag);
      return v === undefined ? fallback : wholeNumber(flag, v);
    };
    const seedText = stringFlag(line, 'seeds');
    const seeds = seedText === undefined ? [1] : parseSeedList(seedText);
    if (!seeds) return '--seeds takes a list such as 1-8 or 1,3,5';
    const backend = stringFlag(line, 'backend');
    const bitSteps = stringFlag(line, 'bits-steps');
    return {
      query: singleQuery(line.positionals),
      seeds,
      steps: number('steps', 10000),
      run: number('run', 0),
      exportDir: stringFlag(line, 'export') ?? null,
      bitSteps: bitSteps === undefined ? null : wholeNumber('bits-steps', bitSteps),
      train: !booleanFlag(line, 'no-train'),
      backend: backend === undefined ? null : oneOf('backend', backend, ['wasm', 'cpu'] as const),
    };
  } catch (e) {
    if (e instanceof UsageError) return e.message;
    throw e;
  }
}

async function main(): Promise<number> {
  const args = parse(process.argv.slice(2));
  if (typeof args === 'string') {
    process.stderr.write(`${args}\n`);
    return 2;
  }
  const plans = [];
  for (const seed of args.seeds) {
    const q = withSeed(args.query, seed);
    const planned = planFor(q, args.run, args.steps);
    if (!planned.ok) {
      process.stderr.write(`seed ${seed}: ${planned.errors.join('; ')}\n`);
      return 2;
    }
    plans.push({ seed, query: q, plan: { ...planned.plan, index: plans.length }, runs: planned.runs });
  }
  const started = performance.now();
  if (args.exportDir) {
    for (const p of plans) {
      const exp = exportWithoutTraining(p.plan, p.runs, p.query, args.bitSteps ?? args.steps);
      writeTwinExport(join(args.exportDir, `seed-${p.seed}`), exp);
    }
    process.stderr.write(`exported ${plans.length} seeds in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  }
  if (!args.train) return 0;

  const backend = await initBackend(args.backend ?? 'wasm');
  const setups = plans.map((p) => buildRunInputs(p.plan));
  const session = await TrainingSession.create(setups);
  const curves: Record<string, number>[] = plans.map(() => ({}));
  const t0 = performance.now();
  try {
    for (const stop of REFERENCE_CHECKPOINTS.filter((s) => s <= args.steps)) {
      if (stop > session.step) await session.advance(stop - session.step);
      const reports = await session.evaluate();
      reports.forEach((r, i) => {
        if (r.testNmse !== null) curves[i]![stop] = r.testNmse;
      });
      const secs = (performance.now() - t0) / 1000;
      process.stderr.write(
        `step ${stop}: ${reports.map((r) => r.testNmse?.toFixed(3) ?? 'diverged').join(' ')}  (${secs.toFixed(0)} s)\n`,
      );
    }
  } finally {
    session.dispose();
  }
  const seconds = (performance.now() - t0) / 1000;
  const out = {
    query: args.query,
    run: args.run,
    steps: args.steps,
    backend: backend.name,
    seconds,
    runSteps: plans.length * args.steps,
    runs: plans.map((p, i) => ({
      seed: p.seed,
      secret: secretOf(setups[i]!.sampler),
      nmse: curves[i]!,
      firstBelow01: firstBelow(curves[i]!),
    })),
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
