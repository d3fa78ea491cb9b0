/**
 * Two result files of the same experiment, run against run: over the steps
 * both evaluated, the largest relative difference of the test NMSE and of the
 * training loss. A browser export and a CLI run of the same permalink on the
 * same backend agree to float32 rounding; a different backend, or a run that
 * diverges from another at some step, shows as a large difference there.
 * Pure: the script scripts/compare-results.mts reads the files and prints this.
 */
import { experimentKey, type ResultFile, type ResultRun } from '../core/result';
import { parsePermalink } from '../core/permalink';

export interface RunDifference {
  label: string;
  /** Steps evaluated in both files. */
  commonSteps: number;
  /** Steps evaluated in only one of them (a run exported mid-training has fewer). */
  onlyInA: number;
  onlyInB: number;
  testNmse: { maxRel: number; step: number | null };
  trainLoss: { maxRel: number; step: number | null };
}

export interface Comparison {
  sameExperiment: boolean;
  backends: [string, string];
  runs: RunDifference[];
  /** Labels present in one file only. */
  unmatched: string[];
  /** The largest relative difference over every run and both quantities. */
  largest: number;
}

/** |a - b| relative to the larger magnitude; 0 when both are 0, Infinity when only one is missing. */
export function relativeDifference(a: number | null, b: number | null): number {
  if (a === null && b === null) return 0;
  if (a === null || b === null) return Infinity;
  if (a === b) return 0;
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
}

function compareRun(a: ResultRun, b: ResultRun): RunDifference {
  const bByStep = new Map(b.curve.map((p) => [p.step, p]));
  const aSteps = new Set(a.curve.map((p) => p.step));
  const test = { maxRel: 0, step: null as number | null };
  const train = { maxRel: 0, step: null as number | null };
  let common = 0;
  for (const p of a.curve) {
    const q = bByStep.get(p.step);
    if (!q) continue;
    common++;
    const dt = relativeDifference(p.testNmse, q.testNmse);
    if (test.step === null || dt > test.maxRel) Object.assign(test, { maxRel: dt, step: p.step });
    const dl = relativeDifference(p.trainLoss, q.trainLoss);
    if (train.step === null || dl > train.maxRel) Object.assign(train, { maxRel: dl, step: p.step });
  }
  return {
    label: a.label,
    commonSteps: common,
    onlyInA: a.curve.length - common,
    onlyInB: b.curve.filter((q) => !aSteps.has(q.step)).length,
    testNmse: test,
    trainLoss: train,
  };
}

export function compareResults(a: ResultFile, b: ResultFile): Comparison {
  const key = (r: ResultFile) => experimentKey(parsePermalink(r.permalink).experiment);
  const bByLabel = new Map(b.runs.map((r) => [r.label, r]));
  const aLabels = new Set(a.runs.map((r) => r.label));
  const runs = a.runs.flatMap((r) => {
    const other = bByLabel.get(r.label);
    return other ? [compareRun(r, other)] : [];
  });
  const unmatched = [
    ...a.runs.filter((r) => !bByLabel.has(r.label)).map((r) => r.label),
    ...b.runs.filter((r) => !aLabels.has(r.label)).map((r) => r.label),
  ];
  const largest = Math.max(0, ...runs.flatMap((r) => [r.testNmse.maxRel, r.trainLoss.maxRel]));
  return { sameExperiment: key(a) === key(b), backends: [a.backend, b.backend], runs, unmatched, largest };
}

function sci(v: number): string {
  return v === 0 ? '0' : Number.isFinite(v) ? v.toExponential(2) : 'missing';
}

/** The comparison as a few lines of text for a terminal. */
export function formatComparison(c: Comparison, tolerance: number): string {
  const lines: string[] = [];
  if (!c.sameExperiment) lines.push('warning: the two files are results of different experiments');
  if (c.backends[0] !== c.backends[1])
    lines.push(
      `warning: backends differ (${c.backends[0]} and ${c.backends[1]}); only the same backend agrees to float32 rounding`,
    );
  const header = ['run', 'common steps', 'test NMSE max rel diff (step)', 'train loss max rel diff (step)'];
  const rows = c.runs.map((r) => [
    r.label,
    `${r.commonSteps}${r.onlyInA || r.onlyInB ? ` (+${r.onlyInA}/+${r.onlyInB} unmatched)` : ''}`,
    `${sci(r.testNmse.maxRel)} (${r.testNmse.step ?? '-'})`,
    `${sci(r.trainLoss.maxRel)} (${r.trainLoss.step ?? '-'})`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const fmt = (row: string[]) =>
    row
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  lines.push(fmt(header), ...rows.map(fmt));
  if (c.unmatched.length) lines.push(`runs in one file only: ${c.unmatched.join(', ')}`);
  lines.push(
    `largest relative difference: ${sci(c.largest)}; tolerance ${sci(tolerance)}: ${agree(c, tolerance) ? 'the results agree' : 'the results DIFFER'}`,
  );
  return lines.join('\n');
}

/** Agreement: the same experiment, every run matched over at least one step, every difference within tolerance. */
export function agree(c: Comparison, tolerance: number): boolean {
  return (
    c.sameExperiment &&
    c.unmatched.length === 0 &&
    c.runs.length > 0 &&
    c.runs.every((r) => r.commonSteps > 0) &&
    c.largest <= tolerance
  );
}
