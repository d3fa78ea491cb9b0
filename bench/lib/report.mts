/**
 * The report: one JSON object (`--json`) and its readable form, which
 * `--print` makes again from a saved file. Every report so far has this
 * shape; new figures only add keys to `figures`. Pure.
 */
import type { AnyFigure } from './figure.mjs';
import { fmt, table } from './format.mjs';
import type { TargetRow } from './targets.mjs';

export interface Report {
  date: string;
  machine: Record<string, unknown>;
  options: { quick: boolean; only: string[]; dist: string };
  durationSeconds: number;
  figures: Record<string, unknown>;
  targets: TargetRow[];
  errors: string[];
  /** Seconds each figure took (reports since the split into modules). */
  figureSeconds?: Record<string, number>;
}

function targetCell(t: TargetRow): string {
  if (t.met === null) return `— ${t.note ?? ''}`;
  return t.met ? 'yes' : `NO${t.note ? ` (${t.note})` : ''}`;
}

/**
 * The readable report: header, each figure's own lines in the registry's
 * order, then figures this version does not know (a newer report's) as
 * JSON, the targets and the errors.
 */
export function readable(r: Report, figures: readonly AnyFigure[]): string {
  const out: string[] = [];
  const m = r.machine;
  out.push(`Natural Weights Lab benchmark, ${r.date}${r.options.quick ? ' (--quick)' : ''}`);
  out.push(
    `machine: ${fmt(m.cpu)}, ${fmt(m.nproc)} cores, ${fmt(m.memoryGiB)} GiB, ${fmt(m.chromium)}, Node ${fmt(m.node)}, load ${fmt(m.loadAverageStart)} → ${fmt(m.loadAverageEnd)}`,
  );
  if (m.note) out.push(`note: ${String(m.note)}`);
  out.push(`took ${r.durationSeconds} s`);
  const known = new Set(figures.map((f) => f.id));
  for (const f of figures) {
    const value: unknown = r.figures[f.id];
    if (value !== undefined) out.push(...f.print(value));
  }
  for (const [id, value] of Object.entries(r.figures)) {
    if (!known.has(id)) out.push('', `${id}: ${JSON.stringify(value)}`);
  }
  out.push('', 'targets');
  out.push(
    table([
      ['figure', 'target', 'value', 'met'],
      ...r.targets.map((t) => [t.figure, t.target, fmt(t.value), targetCell(t)]),
    ]),
  );
  if (r.errors.length) out.push('', 'errors', ...r.errors.map((e) => `  ${e}`));
  return out.join('\n');
}

/** A saved report, tolerating npm's banner lines before the object. */
export function parseSavedReport(text: string): Report {
  const at = text.indexOf('{');
  if (at < 0) throw new Error('no JSON object in the file');
  return JSON.parse(text.slice(at)) as Report;
}
