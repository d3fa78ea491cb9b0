/** The one command-line parser (tools/lib/args.ts) that the CLI, the twin, the sweep and the bench share. */
import { describe, expect, it } from 'vitest';
import {
  booleanFlag,
  oneOf,
  parseCommandLine,
  queryOf,
  singleQuery,
  stringFlag,
  UsageError,
  wholeNumber,
} from '../../tools/lib/args';

const FLAGS = { out: { type: 'string' }, quiet: { type: 'boolean', short: 'q' } } as const;

describe('parseCommandLine', () => {
  it('reads flags in both spellings, short flags and positionals, and drops npm’s --', () => {
    const line = parseCommandLine(['--', 'k=3', '--out=a.json', '-q'], FLAGS);
    expect(stringFlag(line, 'out')).toBe('a.json');
    expect(booleanFlag(line, 'quiet')).toBe(true);
    expect(line.positionals).toEqual(['k=3']);
    expect(stringFlag(parseCommandLine(['--out', 'b'], FLAGS), 'out')).toBe('b');
  });

  it('turns node:util’s errors into one plain sentence', () => {
    expect(() => parseCommandLine(['--frob'], FLAGS)).toThrow(new UsageError('unknown option --frob'));
    expect(() => parseCommandLine(['--out'], FLAGS)).toThrow(new UsageError('--out needs a value'));
    expect(() => parseCommandLine(['--quiet=yes'], FLAGS)).toThrow(new UsageError('--quiet takes no value'));
  });
});

describe('value checks', () => {
  it('oneOf names the allowed values', () => {
    expect(oneOf('device', 'cuda', ['cpu', 'cuda'] as const)).toBe('cuda');
    expect(() => oneOf('device', 'tpu', ['cpu', 'cuda'])).toThrow('--device takes cpu or cuda, not tpu');
    expect(() => oneOf('s', 'x', ['a', 'b', 'c'])).toThrow('--s takes a, b, c, not x');
  });

  it('wholeNumber keeps to its range', () => {
    expect(wholeNumber('workers', '4', 1, 64)).toBe(4);
    for (const bad of ['0', '65', '2.5', '', 'x']) expect(() => wholeNumber('workers', bad, 1, 64)).toThrow(UsageError);
    expect(() => wholeNumber('steps', '-1')).toThrow('--steps takes a whole number of at least 0, not -1');
  });

  it('takes one query, bare, with ? or as a whole URL', () => {
    expect(queryOf('https://lab.example/app/?k=3#x')).toBe('k=3');
    expect(singleQuery(['?k=2'])).toBe('k=2');
    expect(singleQuery([])).toBe('');
    expect(() => singleQuery(['a=1', 'b=2'])).toThrow('one query only; got a second: b=2');
  });
});

describe('the sweep’s command line', () => {
  it('takes the query, --out and the cluster flags, and refuses what does not fit', async () => {
    const { parseSweepArgs } = await import('../../tools/sweep/sweepArgs');
    expect(parseSweepArgs(['k=3', '--out', 'r.json', '--workers', '4', '--device', 'cuda', '--resume'])).toEqual({
      query: 'k=3',
      out: 'r.json',
      workers: 4,
      scheduler: null,
      device: 'cuda',
      resume: true,
      runsPerTask: 8,
    });
    expect(parseSweepArgs(['k=3'])).toEqual({ error: '--out FILE is required: where the result goes' });
    expect(parseSweepArgs(['--out', 'r', '--workers', '0'])).toHaveProperty('error');
    expect(parseSweepArgs(['--out', 'r', '--scheduler', 'tcp://h:8786', '--workers', '2'])).toHaveProperty('error');
  });
});
