/**
 * `npm run -s sweep -- '<query>' --out FILE [--workers N] [--scheduler ADDR]
 *  [--device cpu|cuda] [--resume] [--runs-per-task K]`: every run of a
 * permalink trained in PyTorch, sharded over a Dask cluster, written as the
 * lab's result (core/result.ts) that the page opens.
 *
 * The lab's core builds each run's teacher, construction, standardisation,
 * test set and evaluation steps (tools/sweep/spec.ts); the Python side
 * (tools/sweep/python/) draws the students and batches from PyTorch's own
 * generator and trains runs of one shape as one batched computation.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expandRuns } from '../../src/core/experiment';
import { parsePermalink, serialisePermalink } from '../../src/core/permalink';
import { buildResult, serialiseResult, type ResultFile, type ResultRun } from '../../src/core/result';
import { validateExperiment } from '../../src/core/validate';
import { parseSweepArgs, SWEEP_USAGE, type SweepArgs } from './sweepArgs';
import { writeSweepSpec, type RunHead } from './spec';

/** Exit statuses, each its own cause (the tests check them). */
export const EXIT = {
  ok: 0,
  failed: 1,
  badInput: 2,
  noTorch: 3,
  noScheduler: 4,
  unsupported: 5,
  noCuda: 6,
} as const;

const HERE = dirname(fileURLToPath(import.meta.url));

/** One finished run as the journal holds it (sweep_train.py's record). */
interface RunRecord {
  index: number;
  curve: ResultRun['curve'];
  final: ResultRun['final'];
}

/** The finished runs in a journal, by index (the header line and any line cut short are skipped). */
export function readJournal(path: string): Map<number, RunRecord> {
  const out = new Map<number, RunRecord>();
  const lines = readFileSync(path, 'utf8').split('\n').slice(1);
  for (const line of lines) {
    if (!line.trim()) continue;
    try {
      const r = JSON.parse(line) as RunRecord;
      if (!out.has(r.index)) out.set(r.index, r);
    } catch {
      // a line cut short by a crash: --resume trains that run again
    }
  }
  return out;
}

/** The result: the lab's format, the runs in the experiment's order, the engine and device added. */
export function assemble(
  query: string,
  heads: readonly RunHead[],
  records: Map<number, RunRecord>,
  device: string,
  versions: Record<string, string>,
): ResultFile {
  const { experiment, notices } = parsePermalink(query);
  const runs: ResultRun[] = heads.map((head, i) => {
    const r = records.get(i);
    if (!r) throw new Error(`run ${i} (${head.label}) is missing from the journal`);
    return { ...head, curve: r.curve, final: r.final };
  });
  const base = buildResult({ experiment, notices, backend: 'pytorch', runs });
  const { runs: ordered, ...rest } = base;
  return { ...rest, engine: 'pytorch', device, versions, runs: ordered };
}

function runPython(args: SweepArgs, specDir: string, journal: string): Promise<{ status: number; stdout: string }> {
  const python = process.env.PYTHON || '/usr/bin/python3';
  const script = join(HERE, 'python', 'sweep.py');
  const argv = [script, specDir, '--journal', journal, '--device', args.device];
  argv.push('--runs-per-task', String(args.runsPerTask));
  if (args.workers !== null) argv.push('--workers', String(args.workers));
  if (args.scheduler) argv.push('--scheduler', args.scheduler);
  if (args.resume) argv.push('--resume');
  return new Promise((done) => {
    const child = spawn(python, argv, {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: {
        // One BLAS thread per worker (the local workers inherit this): each is one single-threaded process.
        OPENBLAS_NUM_THREADS: '1',
        OMP_NUM_THREADS: '1',
        MKL_NUM_THREADS: '1',
        ...process.env,
        PYTHONPATH: [join(HERE, 'python'), process.env.PYTHONPATH].filter(Boolean).join(':'),
      },
    });
    let stdout = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.on('error', (err: NodeJS.ErrnoException) => {
      process.stderr.write(
        err.code === 'ENOENT'
          ? `no Python interpreter at ${python}, so PyTorch cannot be imported; set PYTHON to one that has torch\n`
          : `running ${python} failed: ${err.message}\n`,
      );
      done({ status: err.code === 'ENOENT' ? EXIT.noTorch : EXIT.failed, stdout });
    });
    child.on('close', (code) => done({ status: code ?? EXIT.failed, stdout }));
  });
}

/** How long the cluster trained (from the first task submitted to the last finished), for the bench. */
export interface SweepTiming {
  seconds: number;
  /** The tasks' own processor time, summed. */
  cpuSeconds: number;
  runSteps: number;
  tasks: number;
}

export async function sweep(argv: readonly string[], onTiming?: (t: SweepTiming) => void): Promise<number> {
  const args = parseSweepArgs(argv);
  if ('error' in args) {
    if (args.error) process.stderr.write(`${args.error}\n`);
    process.stderr.write(`${SWEEP_USAGE}\n`);
    return args.error ? EXIT.badInput : EXIT.ok;
  }
  const { experiment, notices } = parsePermalink(args.query);
  if (notices.length > 0) {
    process.stderr.write(
      `the permalink does not open as it is, so nothing was trained:\n${notices.map((n) => `  - ${n.key}: ${n.message}`).join('\n')}\n`,
    );
    return EXIT.badInput;
  }
  const validation = validateExperiment(experiment);
  if (!validation.ok) {
    process.stderr.write(
      `the experiment is invalid:\n${validation.errors.map((e) => `  - ${e.message}`).join('\n')}\n`,
    );
    return EXIT.badInput;
  }
  const out = resolve(args.out);
  const journal = `${out}.journal`;
  const specDir = mkdtempSync(join(tmpdir(), 'nwl-sweep-'));
  try {
    let heads: RunHead[];
    try {
      heads = writeSweepSpec(specDir, serialisePermalink(experiment), expandRuns(experiment));
    } catch (e) {
      process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
      return EXIT.unsupported;
    }
    const py = await runPython(args, specDir, journal);
    if (py.status !== 0) {
      return ([EXIT.noTorch, EXIT.noScheduler, EXIT.noCuda] as number[]).includes(py.status) ? py.status : EXIT.failed;
    }
    const report = JSON.parse(py.stdout.trim().split('\n').pop() ?? '{}') as {
      versions: Record<string, string>;
      timing: SweepTiming;
    };
    onTiming?.(report.timing);
    const versions = report.versions;
    const result = assemble(args.query, heads, readJournal(journal), args.device, versions);
    // Written whole or not at all: a crash leaves the journal (for --resume), never half a result.
    const partial = `${out}.partial`;
    writeFileSync(partial, `${serialiseResult(result)}\n`);
    renameSync(partial, out);
    if (existsSync(journal)) unlinkSync(journal);
    process.stderr.write(`wrote ${heads.length} runs to ${args.out}\n`);
    return EXIT.ok;
  } finally {
    rmSync(specDir, { recursive: true, force: true });
  }
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1]);
if (isMain) {
  sweep(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(EXIT.failed);
    },
  );
}
