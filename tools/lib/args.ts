/**
 * The one command-line parser of the CLI, the twin, the sweep and the bench:
 * node:util's parseArgs (strict: unknown flags and missing values are
 * errors), with its errors turned into one plain sentence each, and the few
 * value checks every command needs. Pure: no process, no files.
 */
import { parseArgs as nodeParseArgs } from 'node:util';

/** A bad command line: its message is all the user needs, not a stack. */
export class UsageError extends Error {}

export type FlagSpec = Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;

export interface CommandLine {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
}

/** node:util's messages name the flag in quotes; ours say what is wrong in the words the usage text uses. */
function plainMessage(err: unknown): string {
  const code = (err as { code?: string }).code;
  const message = err instanceof Error ? err.message : String(err);
  // Prefer the long name: node writes '-q, --quiet' for a flag with a short one.
  const flag = /(--[\w-]+)/.exec(message)?.[1] ?? /'(-[\w])/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${flag}`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return /argument missing|ambiguous/.test(message) ? `${flag} needs a value` : `${flag} takes no value`;
  }
  return message;
}

/** Parses argv against the flags, or throws a UsageError. A lone `--` (npm's separator) is dropped. */
export function parseCommandLine(argv: readonly string[], flags: FlagSpec): CommandLine {
  const args = argv.filter((a) => a !== '--');
  try {
    const { values, positionals } = nodeParseArgs({ args, options: flags, strict: true, allowPositionals: true });
    return { values: values as CommandLine['values'], positionals };
  } catch (err) {
    throw new UsageError(plainMessage(err));
  }
}

/** A string flag's value, or undefined when absent. */
export function stringFlag(line: CommandLine, name: string): string | undefined {
  const v = line.values[name];
  return typeof v === 'string' ? v : undefined;
}

export function booleanFlag(line: CommandLine, name: string): boolean {
  return line.values[name] === true;
}

/** The value when it is one of the allowed ones; otherwise a UsageError naming them. */
export function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  const list = allowed.length === 2 ? `${allowed[0]} or ${allowed[1]}` : allowed.join(', ');
  throw new UsageError(`--${flag} takes ${list}, not ${value}`);
}

/** A whole number in [min, max], or a UsageError. */
export function wholeNumber(flag: string, value: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < min || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`;
    throw new UsageError(`--${flag} takes a whole number ${range}, not ${value}`);
  }
  return n;
}

/** Accept a bare query, '?query', or a whole permalink URL. */
export function queryOf(s: string): string {
  const q = s.indexOf('?');
  if (/^[a-z]+:\/\//i.test(s)) return q >= 0 ? s.slice(q + 1).split('#')[0]! : '';
  return s.startsWith('?') ? s.slice(1) : s;
}

/** The one permalink query among the positionals ('' when none). */
export function singleQuery(positionals: readonly string[]): string {
  if (positionals.length > 1) throw new UsageError(`one query only; got a second: ${positionals[1]}`);
  return positionals.length ? queryOf(positionals[0]!) : '';
}
