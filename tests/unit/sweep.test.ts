/**
 * The PyTorch sweep (tools/sweep/) end to end with Debian's python3-torch and
 * python3-distributed in /usr/bin/python3: a tiny experiment on a 2-worker
 * local cluster, the same bytes with 1 worker, through a scheduler address,
 * after a worker is killed mid-sweep and after --resume; and the exit status
 * of a bad permalink, an unreachable scheduler and a missing PyTorch, none of
 * which writes anything. Tiny shapes: the whole file runs in well under 90 s.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluationSteps } from '../../src/core/metrics';
import { parseResult } from '../../src/core/result';

const PYTHON = '/usr/bin/python3';
const TINY = 'n=12&m=6&d=5&k=2&h=6&bs=8&test=32&steps=60&vs=inputs:parity,gaussian&vs2=seed:1,2';
const dir = mkdtempSync(join(tmpdir(), 'nwl-sweep-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Outcome {
  status: number | null;
  stderr: string;
}

function sweep(args: string[], env: Record<string, string> = {}): Outcome {
  const r = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'tools/sweep/sweep.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, PYTHON, ...env },
    timeout: 110_000,
  });
  return { status: r.status, stderr: r.stderr };
}

const out = (name: string): string => join(dir, name);
const read = (name: string): string => readFileSync(out(name), 'utf8');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

describe('the sweep’s console line', () => {
  it('counts the run-steps of tasks still training, and not a finished task’s late report', () => {
    const script = [
      'import sys; sys.path.insert(0, "tools/sweep/python")',
      'from sweep import Progress',
      'p = Progress(4, 400, 0, 0)',
      'p.report(0, 50)', // task 0 (runs 0 and 1) half way
      'p.report(2, 100)', // task 2 (runs 2 and 3) half way
      'p.add(0, 2, 200)', // task 0 finished
      'p.report(0, 60)', // its report, late: ignored
      'print(p.runs, p.run_steps + sum(p.partial.values()))',
    ].join('\n');
    const r = spawnSync(PYTHON, ['-c', script], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('2 300');
    expect(r.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^runs 0\/4 +\d+ run-steps\/s +about \d+ s left$/),
      expect.stringMatching(/^runs 0\/4 /),
      expect.stringMatching(/^runs 2\/4 /),
    ]);
  });
});

describe('the sweep on a local cluster', () => {
  let reference = '';
  beforeAll(() => {
    const r = sweep([TINY, '--out', out('two.json'), '--workers', '2', '--runs-per-task', '2']);
    expect(r.status, r.stderr).toBe(0);
    reference = read('two.json');
  });

  it('writes the lab’s result, labelled with the engine and the device, with progress on the console', () => {
    const parsed = parseResult(reference);
    if (!parsed.ok) throw new Error(parsed.reasons.join('; '));
    expect(parsed.result.engine).toBe('pytorch');
    expect(parsed.result.device).toBe('cpu');
    expect(parsed.result.versions?.torch).toMatch(/^\d/);
    expect(parsed.result.runs.map((r) => r.label)).toEqual([
      'inputs=parity, seed=1',
      'inputs=parity, seed=2',
      'inputs=gaussian, seed=1',
      'inputs=gaussian, seed=2',
    ]);
    // The lab's own evaluation steps, and the runs differ (each has its own seeds).
    expect(parsed.result.runs[0]!.curve.map((p) => p.step)).toEqual(evaluationSteps(60));
    expect(parsed.result.runs[0]!.final.testNmse).not.toBe(parsed.result.runs[1]!.final.testNmse);
    expect(existsSync(`${out('two.json')}.journal`)).toBe(false);
  });

  it('gives the same bytes with one worker', () => {
    const r = sweep([TINY, '--out', out('one.json'), '--workers', '1', '--runs-per-task', '2']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/runs 4\/4 +\d+ run-steps\/s +about \d+ s left/);
    expect(read('one.json')).toBe(reference);
  });

  it('loses nothing when a worker is killed mid-sweep (Dask reruns its task)', () => {
    const marker = out('died');
    const r = sweep([TINY, '--out', out('killed.json'), '--workers', '2', '--runs-per-task', '2'], {
      NWL_SWEEP_DIE_ONCE: marker,
    });
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(marker)).toBe(true);
    expect(read('killed.json')).toBe(reference);
  });

  it('--resume keeps the runs the journal holds and trains the rest', () => {
    const result = JSON.parse(reference) as { permalink: string; runs: { curve: unknown; final: unknown }[] };
    const journal = [
      JSON.stringify({ experiment: `${result.permalink} on cpu` }),
      ...[0, 1].map((i) => JSON.stringify({ index: i, curve: result.runs[i]!.curve, final: result.runs[i]!.final })),
      '{"index": 2, "cu', // a line cut short by a crash
    ];
    writeFileSync(`${out('resumed.json')}.journal`, `${journal.join('\n')}\n`);
    const r = sweep([TINY, '--out', out('resumed.json'), '--workers', '1', '--runs-per-task', '2', '--resume']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('resuming: 2 runs already finished');
    expect(read('resumed.json')).toBe(reference);
  });

  it('gives the same bytes through a scheduler address', async () => {
    const port = await freePort();
    const address = `tcp://127.0.0.1:${port}`;
    const procs: ChildProcess[] = [];
    try {
      procs.push(spawn(PYTHON, ['-m', 'distributed.cli.dask_scheduler', '--port', String(port), '--no-dashboard']));
      procs.push(
        spawn(PYTHON, [
          '-m',
          'distributed.cli.dask_worker',
          address,
          '--nworkers',
          '2',
          '--nthreads',
          '1',
          '--no-dashboard',
        ]),
      );
      // The scheduler takes a moment to listen; the sweep's own 5 s connection timeout covers it.
      await new Promise((r) => setTimeout(r, 1500));
      const r = sweep([TINY, '--out', out('scheduler.json'), '--scheduler', address, '--runs-per-task', '2']);
      expect(r.status, r.stderr).toBe(0);
      expect(read('scheduler.json')).toBe(reference);
    } finally {
      for (const p of procs) p.kill('SIGTERM');
    }
  });
});

describe('what the sweep refuses, writing nothing', () => {
  it('a bad permalink: status 2', () => {
    const r = sweep(['k=banana', '--out', out('bad.json')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('k=banana');
    expect(existsSync(out('bad.json'))).toBe(false);
    expect(existsSync(`${out('bad.json')}.journal`)).toBe(false);
  });

  it('an unreachable scheduler: status 4', async () => {
    const port = await freePort();
    const r = sweep([TINY, '--out', out('nosched.json'), '--scheduler', `tcp://127.0.0.1:${port}`]);
    expect(r.status, r.stderr).toBe(4);
    expect(r.stderr).toContain('cannot be reached');
    expect(existsSync(out('nosched.json'))).toBe(false);
    expect(existsSync(`${out('nosched.json')}.journal`)).toBe(false);
  });

  it('an interpreter without PyTorch: status 3', () => {
    // Without its site directories Debian's python finds neither torch nor distributed.
    const shim = out('python-without-torch');
    writeFileSync(shim, `#!/bin/sh\nexec ${PYTHON} -S "$@"\n`);
    chmodSync(shim, 0o755);
    const r = sweep([TINY, '--out', out('notorch.json')], { PYTHON: shim });
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('PyTorch cannot be imported');
    expect(existsSync(out('notorch.json'))).toBe(false);
    expect(existsSync(`${out('notorch.json')}.journal`)).toBe(false);
    const missing = sweep([TINY, '--out', out('notorch.json')], { PYTHON: out('no-such-python') });
    expect(missing.status).toBe(3);
  });
});
