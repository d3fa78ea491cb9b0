/** The command line of `npm run bench` (the flags are listed in bench/run.mts). Pure. */
import { booleanFlag, parseCommandLine, stringFlag, UsageError } from '../../tools/lib/args';

export interface Args {
  json: boolean;
  quick: boolean;
  build: boolean;
  list: boolean;
  help: boolean;
  /** Figure ids to measure, in the registry's order. */
  only: string[];
  note: string | null;
  print: string | null;
}

export { UsageError };

export function parseArgs(argv: readonly string[], known: readonly string[]): Args {
  const line = parseCommandLine(argv, {
    json: { type: 'boolean' },
    quick: { type: 'boolean' },
    build: { type: 'boolean' },
    list: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
    note: { type: 'string' },
    print: { type: 'string' },
    only: { type: 'string' },
  });
  if (line.positionals.length) throw new UsageError(`unknown option ${line.positionals[0]} (try --help)`);
  let only = [...known];
  const onlyText = stringFlag(line, 'only');
  if (onlyText !== undefined) {
    const names = onlyText
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (names.length === 0) throw new UsageError(`--only needs figure names; known: ${known.join(', ')}`);
    const unknown = names.filter((n) => !known.includes(n));
    if (unknown.length) throw new UsageError(`unknown figure ${unknown.join(', ')}; known: ${known.join(', ')}`);
    only = known.filter((k) => names.includes(k));
  }
  return {
    json: booleanFlag(line, 'json'),
    quick: booleanFlag(line, 'quick'),
    build: booleanFlag(line, 'build'),
    list: booleanFlag(line, 'list'),
    help: booleanFlag(line, 'help'),
    only,
    note: stringFlag(line, 'note') ?? null,
    print: stringFlag(line, 'print') ?? null,
  };
}
