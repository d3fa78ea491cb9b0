/**
 * `npx tsx scripts/k-table.mts [recording.json]`: the README's table of
 * parity k against steps, from a recorded wall (default: the 100,000-step
 * wall, public/recorded/wall-100k.json), beside docs/science.md section 3's
 * reference ranges. Per k: the median over the seeds of the test NMSE at each
 * checkpoint (the last recorded point at or before it), and each seed's
 * first recorded step below 0.1 (with many seeds, how many learned and the
 * spread; `--per-seed` adds each seed's step, a list per k, below the table).
 * Prints Markdown on standard output.
 */
import { readFileSync } from 'node:fs';
import { median } from '../src/core/aggregate';
import { parseResult, type ResultRun } from '../src/core/result';

const CHECKPOINTS = [500, 2000, 5000, 10000, 20000, 40000, 60000, 100000];
/** docs/science.md section 3, the reference over four seeds, twelve at k = 5 (same checkpoints; '' where it gives none). */
const REFERENCE: Record<number, { at: string[]; learned: string }> = {
  2: {
    at: ['0.55-0.73', '0.34-0.54', '0.12-0.22', '0.01-0.03', '< 0.005', '< 0.005', '', '< 0.005'],
    learned: '5k-7.5k',
  },
  3: {
    at: ['1.08-1.09', '0.99-1.02', '0.51-0.56', '0.25-0.36', '0.03-0.07', '<= 0.02', '', '< 0.005'],
    learned: '15k-20k',
  },
  4: {
    at: ['1.06-1.10', '0.88-1.02', '0.52-0.69', '0.40-0.62', '0.14-0.35', '0.02-0.04', '', '<= 0.01'],
    learned: '20k-30k',
  },
  5: {
    at: [
      '1.06-1.16',
      '1.01-1.07',
      '1.00-1.02',
      '0.62-1.01, median 1.00',
      '0.35-1.00, median 0.80',
      '0.07-1.00, median 0.22',
      'median 0.05',
      '0.01-0.03, 4 seeds',
    ],
    learned: '9 of 12 by 60k',
  },
  6: {
    at: ['1.05-1.12', '1.02-1.04', '1.00-1.01', '0.86-1.00', '0.44-1.00', '0.04-1.00', '', '0.00-1.00'],
    learned: '2 of 4 by 60k, 2 not by 100k',
  },
  7: { at: ['1.08-1.12', '1.02-1.04', '1.00-1.01', '1.00', '1.00', '1.00', '', '1.00'], learned: 'none of 4 by 100k' },
};

function nmseAt(run: ResultRun, step: number): number | null {
  let last: number | null = null;
  for (const p of run.curve) {
    if (p.step > step) break;
    last = p.testNmse;
  }
  return last;
}

function firstBelow(run: ResultRun, level: number): number | null {
  return run.curve.find((p) => p.testNmse < level)?.step ?? null;
}

const short = (s: number): string => (s % 1000 === 0 ? `${s / 1000}k` : `${(s / 1000).toFixed(1)}k`);
const fmt = (x: number): string => (x < 0.01 ? x.toFixed(3) : x < 0.1 ? x.toFixed(3) : x.toFixed(2));

/** Each seed's first step below 0.1 when there are a few; with many, how many learned and the spread. */
function learnedText(runs: readonly ResultRun[]): string {
  const firsts = runs.map((r) => firstBelow(r, 0.1));
  if (runs.length <= 4) return firsts.map((s) => (s === null ? `not by ${short(budget)}` : short(s))).join(', ');
  const learned = firsts.filter((s): s is number => s !== null).sort((a, b) => a - b);
  const counted = `${learned.length} of ${runs.length} by ${short(budget)}`;
  if (!learned.length) return counted;
  const spread = learned.length > 1 ? `${short(learned[0]!)}-${short(learned.at(-1)!)}` : short(learned[0]!);
  return `${counted}, at ${spread} (median ${short(median(learned))})`;
}

const perSeed = process.argv.includes('--per-seed');
const file = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 'public/recorded/wall-100k.json';
const parsed = parseResult(readFileSync(file, 'utf8'));
if (!parsed.ok) {
  process.stderr.write(`${file}: ${parsed.reasons.join('; ')}\n`);
  process.exit(2);
}
const { result, experiment } = parsed;
const budget = experiment.base.steps;
const byK = new Map<number, ResultRun[]>();
result.runs.forEach((run) => {
  const k = Number(run.values.k ?? experiment.base.k);
  byK.set(k, [...(byK.get(k) ?? []), run]);
});
const columns = CHECKPOINTS.filter((c) => c <= budget);
const head = ['k', ...columns.map(short), 'first NMSE < 0.1'];
const lines = [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`];
for (const [k, runs] of [...byK].sort((a, b) => a[0] - b[0])) {
  const ref = REFERENCE[k];
  const cells = columns.map((c) => {
    const values = runs.map((r) => nmseAt(r, c)).filter((x): x is number => x !== null);
    const mine = values.length ? fmt(median(values)) : '-';
    const theirs = ref?.at[CHECKPOINTS.indexOf(c)];
    return theirs ? `${mine} (${theirs})` : mine;
  });
  lines.push(`| ${k} | ${cells.join(' | ')} | ${learnedText(runs)}${ref ? ` (${ref.learned})` : ''} |`);
}
process.stdout.write(`${lines.join('\n')}\n`);
if (perSeed) {
  const lists = [...byK]
    .sort((a, b) => a[0] - b[0])
    .map(([k, runs]) => {
      const steps = runs.map((r) => {
        const s = firstBelow(r, 0.1);
        return `${String(r.values.seed ?? '?')}: ${s === null ? '-' : short(s)}`;
      });
      return `- k = ${k} (seed: first step below 0.1, - for not by ${short(budget)}): ${steps.join(', ')}`;
    });
  process.stdout.write(`\n${lists.join('\n')}\n`);
}
