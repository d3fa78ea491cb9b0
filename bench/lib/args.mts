/** The command line of `npm run bench` (the flags are listed in bench/run.mts). Pure. */

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

/** A bad command line: its message is all the user needs, not a stack. */
export class UsageError extends Error {}

export function parseArgs(argv: readonly string[], known: readonly string[]): Args {
  const args: Args = {
    json: false,
    quick: false,
    build: false,
    list: false,
    help: false,
    only: [...known],
    note: null,
    print: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string => {
      const eq = a.indexOf('=');
      if (eq >= 0) return a.slice(eq + 1);
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`${a} needs a value`);
      return next;
    };
    if (a === '--json') args.json = true;
    else if (a === '--quick') args.quick = true;
    else if (a === '--build') args.build = true;
    else if (a === '--list') args.list = true;
    else if (a === '--help' || a === '-h') args.help = true;
    else if (a === '--note' || a.startsWith('--note=')) args.note = value();
    else if (a === '--print' || a.startsWith('--print=')) args.print = value();
    else if (a === '--only' || a.startsWith('--only=')) {
      const names = value()
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      if (names.length === 0) throw new UsageError(`--only needs figure names; known: ${known.join(', ')}`);
      const unknown = names.filter((n) => !known.includes(n));
      if (unknown.length) throw new UsageError(`unknown figure ${unknown.join(', ')}; known: ${known.join(', ')}`);
      args.only = known.filter((k) => names.includes(k));
    } else throw new UsageError(`unknown option ${a} (try --help)`);
  }
  return args;
}
