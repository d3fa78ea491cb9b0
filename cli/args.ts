import { MAX_WORKERS } from '../src/core/split';

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
  const out: CliArgs = {
    query: '',
    json: false,
    backend: null,
    strategy: 'auto',
    quiet: false,
    lenient: false,
    workers: null,
  };
  let gotQuery = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') out.json = true;
    else if (a === '--quiet' || a === '-q') out.quiet = true;
    else if (a === '--lenient') out.lenient = true;
    else if (a === '--workers') {
      const v = argv[++i];
      const n = Number(v);
      if (v === 'auto') out.workers = 'auto';
      else if (v !== undefined && Number.isInteger(n) && n >= 1 && n <= MAX_WORKERS) out.workers = n;
      else return { error: `--workers takes auto or a whole number from 1 to ${MAX_WORKERS}, not ${v ?? 'nothing'}` };
    } else if (a === '--backend' || a === '--strategy') {
      const v = argv[++i];
      if (a === '--backend') {
        if (v !== 'wasm' && v !== 'cpu') return { error: `--backend takes wasm or cpu, not ${v ?? 'nothing'}` };
        out.backend = v;
      } else {
        if (v !== 'auto' && v !== 'batched' && v !== 'per-run' && v !== 'simd')
          return { error: `--strategy takes auto, batched, per-run or simd, not ${v ?? 'nothing'}` };
        out.strategy = v;
      }
    } else if (a === '--help' || a === '-h') return { error: '' };
    else if (a.startsWith('--')) return { error: `unknown option ${a}` };
    else if (!gotQuery) {
      out.query = queryOf(a);
      gotQuery = true;
    } else return { error: `one query only; got a second: ${a}` };
  }
  return out;
}

/** Accept a bare query, '?query', or a whole permalink URL. */
export function queryOf(s: string): string {
  const q = s.indexOf('?');
  if (/^[a-z]+:\/\//i.test(s)) return q >= 0 ? s.slice(q + 1).split('#')[0]! : '';
  return s.startsWith('?') ? s.slice(1) : s;
}
