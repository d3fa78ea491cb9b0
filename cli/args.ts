import { MAX_WORKERS } from '../src/core/split';
import { booleanFlag, oneOf, parseCommandLine, queryOf, singleQuery, stringFlag, UsageError } from '../tools/lib/args';

/** Command-line flags shared by the CLI's commands. */
export interface CliArgs {
  query: string;
  json: boolean;
  backend: 'wasm' | 'cpu' | null;
  strategy: 'auto' | 'batched' | 'per-run' | 'simd';
  quiet: boolean;
  lenient: boolean;
  /** Worker threads, or null for the link's `workers` field (auto by default). */
  workers: number | 'auto' | null;
}

export const USAGE = `usage: npm run -s experiment -- '<permalink query>' [--json] [--backend wasm|cpu] [--strategy auto|batched|per-run|simd] [--quiet] [--lenient] [--workers N|auto]

  The query is a permalink's query string (with or without the leading '?'),
  or a whole URL. The empty query '' is the default experiment.
  Progress goes to standard error; the result to standard output.
  Exit status 2: the experiment is invalid, or the link had values the page
  would have had to change (unknown keys, out-of-range or impossible values);
  nothing was trained. --lenient runs what the page would run instead.
  --workers: worker threads (default auto: the split planner over the
  machine's os.availableParallelism() cores; may use more threads than cores
  when that balances the runs better). The numbers do not depend on it.`;

export function parseArgs(argv: readonly string[]): CliArgs | { error: string } {
  try {
    const line = parseCommandLine(argv, {
      json: { type: 'boolean' },
      quiet: { type: 'boolean', short: 'q' },
      lenient: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      workers: { type: 'string' },
      backend: { type: 'string' },
      strategy: { type: 'string' },
    });
    if (booleanFlag(line, 'help')) return { error: '' };
    const workers = stringFlag(line, 'workers');
    const backend = stringFlag(line, 'backend');
    const strategy = stringFlag(line, 'strategy');
    return {
      query: singleQuery(line.positionals),
      json: booleanFlag(line, 'json'),
      quiet: booleanFlag(line, 'quiet'),
      lenient: booleanFlag(line, 'lenient'),
      backend: backend === undefined ? null : oneOf('backend', backend, ['wasm', 'cpu'] as const),
      strategy:
        strategy === undefined ? 'auto' : oneOf('strategy', strategy, ['auto', 'batched', 'per-run', 'simd'] as const),
      workers: workers === undefined ? null : workers === 'auto' ? 'auto' : workersOf(workers),
    };
  } catch (e) {
    if (e instanceof UsageError) return { error: e.message };
    throw e;
  }
}

function workersOf(v: string): number {
  const n = Number(v);
  if (Number.isInteger(n) && n >= 1 && n <= MAX_WORKERS) return n;
  throw new UsageError(`--workers takes auto or a whole number from 1 to ${MAX_WORKERS}, not ${v}`);
}

export { queryOf };
