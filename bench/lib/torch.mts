/**
 * The PyTorch anchor (bench/pytorch_anchor.py): finding a python with
 * torch, and running the anchor with OpenBLAS on one thread (the anchor
 * every ratio against PyTorch uses) or as the plain interpreter runs it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './paths.mjs';

export interface TorchResult {
  runs: number;
  steps: number;
  seconds: number;
  /** Processor time of the timed steps (the script's own, all its threads). */
  cpuSeconds?: number;
  runStepsPerSecond: number;
  torch: string;
  threads: number;
  blas: string[];
}

export interface TorchSetup {
  python: string | null;
  openblasDir: string | null;
  problem: string | null;
}

export function findTorch(): TorchSetup {
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

export interface TorchRun {
  runs: number;
  warmup: number;
  /** Timed steps; with `seconds`, the least. */
  steps: number;
  /** Time the steps for at least this long instead of a fixed count. */
  seconds?: number;
  /**
   * One BLAS thread and one torch thread, OpenBLAS when found: the anchor of
   * every ratio. False runs the plain interpreter with its defaults.
   */
  oneThread: boolean;
}

/** Runs the anchor; a string says why it failed. */
export function runTorch(setup: TorchSetup, o: TorchRun): TorchResult | string {
  if (!setup.python) return setup.problem ?? 'no python with torch';
  const args = [
    path.join(ROOT, 'bench', 'pytorch_anchor.py'),
    '--runs',
    String(o.runs),
    '--warmup',
    String(o.warmup),
    '--steps',
    String(o.steps),
  ];
  if (o.seconds !== undefined) args.push('--seconds', String(o.seconds));
  const env = { ...process.env };
  if (o.oneThread) {
    // One BLAS thread and one torch thread: two of each oversubscribe two cores.
    env.LD_LIBRARY_PATH = [setup.openblasDir, env.LD_LIBRARY_PATH].filter(Boolean).join(':');
    env.OPENBLAS_NUM_THREADS = '1';
    args.push('--threads', '1');
  }
  const r = spawnSync(setup.python, args, { env, encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) return `pytorch_anchor.py failed: ${(r.stderr || r.error?.message || '').trim().slice(-400)}`;
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as TorchResult;
}
