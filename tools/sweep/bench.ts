/**
 * `npm run -s bench:sweep [-- --workers C] [--runs R] [--steps S]`: what Dask costs.
 * The sweep's run-steps/s on a local cluster of C single-threaded workers, each
 * given one task of R runs of the PyTorch anchor's shape (n = h = batch = 128,
 * Adam, Gaussian inputs), divided by C times the PyTorch one-thread anchor
 * (bench/pytorch_anchor.py) at the same R, measured in the same run. The
 * target is >= 0.85: Dask costs at most 15%. Prints one JSON line; ratioPerCpuSecond
 * is the same ratio per processor-second, for a machine shared with other work.
 */
import { availableParallelism } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findTorch, runTorch } from '../../bench/lib/torch.mjs';
import { parseCommandLine, stringFlag, UsageError, wholeNumber } from '../lib/args';
import { sweep, type SweepTiming } from './sweep';

export const SWEEP_TARGET = 0.85;

/** The sweep's experiment for C x R runs of the anchor's shape: one axis of seeds per worker's task. */
export function benchQuery(workers: number, runs: number, steps: number): string {
  const seeds = Array.from({ length: workers * runs }, (_, i) => i + 1);
  const axes =
    seeds.length <= 16
      ? `vs=seed:${seeds.join(',')}`
      : `vs=lr:${Array.from({ length: Math.ceil(seeds.length / 16) }, (_, i) => (0.001 * (1 + i / 1000)).toPrecision(6)).join(',')}&vs2=seed:${seeds.slice(0, 16).join(',')}`;
  // m = 1 and a small test set: the anchor's labels cost one column and it evaluates nothing.
  return `inputs=gaussian&n=128&m=1&h=128&bs=128&test=256&steps=${steps}&${axes}`;
}

async function main(): Promise<number> {
  const line = parseCommandLine(process.argv.slice(2), {
    workers: { type: 'string' },
    runs: { type: 'string' },
    steps: { type: 'string' },
  });
  const num = (flag: string, fallback: number, min: number, max: number) => {
    const v = stringFlag(line, flag);
    return v === undefined ? fallback : wholeNumber(flag, v, min, max);
  };
  const C = num('workers', availableParallelism(), 1, 256);
  const R = num('runs', 16, 1, 256);
  const steps = num('steps', 2000, 100, 100_000);
  const setup = findTorch();
  const anchor = runTorch(setup, { runs: R, warmup: 200, steps, oneThread: true });
  if (typeof anchor === 'string') throw new Error(anchor);
  const dir = mkdtempSync(join(tmpdir(), 'nwl-bench-sweep-'));
  let timing: SweepTiming | null = null;
  try {
    const query = benchQuery(C, R, steps);
    const status = await sweep(
      [query, '--out', join(dir, 'bench.json'), '--workers', String(C), '--runs-per-task', String(R)],
      (t) => (timing = t),
    );
    if (status !== 0 || !timing) throw new Error(`the sweep failed (exit status ${status})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const t = timing as SweepTiming;
  const sweepRate = t.runSteps / t.seconds;
  const ratio = sweepRate / (C * anchor.runStepsPerSecond);
  // Per processor-second: robust to a machine shared with other work, blind to time the workers sit idle.
  const anchorPerCpu = anchor.cpuSeconds ? (anchor.steps * anchor.runs) / anchor.cpuSeconds : null;
  const sweepPerCpu = t.runSteps / t.cpuSeconds;
  process.stdout.write(
    `${JSON.stringify({
      workers: C,
      runsPerTask: R,
      steps,
      tasks: t.tasks,
      sweepRunStepsPerSecond: Math.round(sweepRate),
      anchorRunStepsPerSecond: Math.round(anchor.runStepsPerSecond),
      ratio: Number(ratio.toFixed(3)),
      target: SWEEP_TARGET,
      met: ratio >= SWEEP_TARGET,
      ratioPerCpuSecond: anchorPerCpu ? Number((sweepPerCpu / anchorPerCpu).toFixed(3)) : null,
      blas: anchor.blas,
    })}\n`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(err instanceof UsageError ? 2 : 1);
  },
);
