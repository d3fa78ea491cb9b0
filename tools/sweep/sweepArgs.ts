/** The sweep's command line (tools/lib/args.ts's parser). Pure. */
import { booleanFlag, oneOf, parseCommandLine, singleQuery, stringFlag, UsageError, wholeNumber } from '../lib/args';

export interface SweepArgs {
  query: string;
  out: string;
  /** Local workers; null: one per core (Python's os.cpu_count()). */
  workers: number | null;
  scheduler: string | null;
  device: 'cpu' | 'cuda';
  resume: boolean;
  runsPerTask: number;
}

export const SWEEP_USAGE = `usage: npm run -s sweep -- '<permalink query>' --out FILE [--workers N] [--scheduler ADDR]
         [--device cpu|cuda] [--resume] [--runs-per-task K]

  Trains every run of the experiment in PyTorch on a Dask cluster and writes the lab's
  result JSON to FILE (open it in the page with Open result…). Without --scheduler, a
  local cluster of N single-threaded workers (default: one per core); with
  --scheduler tcp://host:8786, the cluster behind that scheduler. Finished runs go to
  FILE.journal as they complete; --resume keeps them and trains the rest. Runs of one
  shape train together, K to a task (default 8).
  Exit status: 2 bad arguments or permalink; 3 PyTorch or Dask distributed missing;
  4 scheduler unreachable; 5 something the sweep cannot train; 6 no CUDA; 1 other.`;

export function parseSweepArgs(argv: readonly string[]): SweepArgs | { error: string } {
  try {
    const line = parseCommandLine(argv, {
      out: { type: 'string' },
      workers: { type: 'string' },
      scheduler: { type: 'string' },
      device: { type: 'string' },
      resume: { type: 'boolean' },
      'runs-per-task': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    if (booleanFlag(line, 'help')) return { error: '' };
    const out = stringFlag(line, 'out');
    if (!out) return { error: '--out FILE is required: where the result goes' };
    const workers = stringFlag(line, 'workers');
    const device = stringFlag(line, 'device');
    const perTask = stringFlag(line, 'runs-per-task');
    const scheduler = stringFlag(line, 'scheduler') ?? null;
    if (scheduler !== null && workers !== undefined)
      return { error: '--workers sizes a local cluster; with --scheduler the cluster has the workers it has' };
    return {
      query: singleQuery(line.positionals),
      out,
      workers: workers === undefined ? null : wholeNumber('workers', workers, 1, 1024),
      scheduler,
      device: device === undefined ? 'cpu' : oneOf('device', device, ['cpu', 'cuda'] as const),
      resume: booleanFlag(line, 'resume'),
      runsPerTask: perTask === undefined ? 8 : wholeNumber('runs-per-task', perTask, 1, 1000),
    };
  } catch (e) {
    if (e instanceof UsageError) return { error: e.message };
    throw e;
  }
}
