/**
 * `npx tsx tools/sweep/equivalence.ts LAB.json SWEEP.json [--steps 2000,5000,10000] [--out FILE]`:
 * the same experiment trained by the lab's engine (`npm run experiment -- --json`) and by the
 * PyTorch sweep, on the same constructions and test sets (same seeds), compared run by run:
 * per value of the first axis and per step, the median NMSE of each and the Wilcoxon
 * signed-rank test on the paired NMSEs (src/core/wilcoxon.ts). Prints a Markdown table;
 * --out writes the paired values and the statistics as JSON.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseResult, type ResultFile } from '../../src/core/result';
import { signedRankTest } from '../../src/core/wilcoxon';
import { parseCommandLine, stringFlag, UsageError } from '../lib/args';

export interface EquivalenceRow {
  group: string;
  step: number;
  lab: number[];
  pytorch: number[];
  labMedian: number;
  pytorchMedian: number;
  wPlus: number;
  n: number;
  p: number;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function nmseAt(result: ResultFile, run: number, step: number): number {
  const p = result.runs[run]!.curve.find((q) => q.step === step);
  if (!p) throw new Error(`run ${result.runs[run]!.label} has no evaluation at step ${step}`);
  return p.testNmse;
}

/** Rows per value of the non-seed axis (or one row set when there is none) and per step. */
export function compareResults(lab: ResultFile, pytorch: ResultFile, steps: readonly number[]): EquivalenceRow[] {
  if (lab.permalink !== pytorch.permalink) throw new Error('the two results are of different experiments');
  const groupOf = (i: number): string =>
    Object.entries(lab.runs[i]!.values)
      .filter(([k]) => k !== 'seed')
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(', ') || 'all';
  const groups = [...new Set(lab.runs.map((_, i) => groupOf(i)))];
  const rows: EquivalenceRow[] = [];
  for (const group of groups) {
    const runs = lab.runs.map((_, i) => i).filter((i) => groupOf(i) === group);
    for (const step of steps) {
      const a = runs.map((i) => nmseAt(lab, i, step));
      const b = runs.map((i) => nmseAt(pytorch, i, step));
      const t = signedRankTest(a, b);
      rows.push({
        group,
        step,
        lab: a,
        pytorch: b,
        labMedian: median(a),
        pytorchMedian: median(b),
        wPlus: t.wPlus,
        n: t.n,
        p: t.p,
      });
    }
  }
  return rows;
}

export function markdownTable(rows: readonly EquivalenceRow[]): string {
  const lines = [
    '| runs | step | seeds | median NMSE, lab | median NMSE, PyTorch | Wilcoxon W+ | p (two-sided, exact) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.group} | ${r.step} | ${r.lab.length} | ${r.labMedian.toFixed(3)} | ${r.pytorchMedian.toFixed(3)} | ${r.wPlus} | ${r.p.toFixed(3)} |`,
    );
  }
  return lines.join('\n');
}

function load(path: string): ResultFile {
  const parsed = parseResult(readFileSync(path, 'utf8'));
  if (!parsed.ok) throw new UsageError(`${path}: ${parsed.reasons.join('; ')}`);
  return parsed.result;
}

function main(): number {
  try {
    const line = parseCommandLine(process.argv.slice(2), { steps: { type: 'string' }, out: { type: 'string' } });
    if (line.positionals.length !== 2) throw new UsageError('give the lab’s result and the sweep’s result');
    const steps = (stringFlag(line, 'steps') ?? '2000,5000,10000').split(',').map(Number);
    const lab = load(line.positionals[0]!);
    const pytorch = load(line.positionals[1]!);
    const rows = compareResults(lab, pytorch, steps);
    process.stdout.write(`${markdownTable(rows)}\n`);
    const out = stringFlag(line, 'out');
    if (out) {
      const doc = { permalink: lab.permalink, labBackend: lab.backend, pytorch: pytorch.versions ?? {}, rows };
      writeFileSync(out, `${JSON.stringify(doc, null, 1)}\n`);
    }
    return 0;
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    return e instanceof UsageError ? 2 : 1;
  }
}

if (process.argv[1]?.endsWith('equivalence.ts')) process.exit(main());
