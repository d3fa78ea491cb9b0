/**
 * The numbers behind each chart as a table, and that table as CSV through
 * d3-dsv (which quotes what needs quoting). One row per (run, step) for the
 * loss chart; bin edges and counts for the histograms; one row per run for
 * the wall chart and the phase map. Pure over the store's state: testable in
 * Node.
 */
import { csvFormat } from 'd3';
import type { Experiment } from '../core/config';
import { scienceRuns } from '../components/scienceRuns';
import { recordingOf, shownPictures, shownRuns, type ShownHistogram, type ShownRun, type ShownState } from './shown';
import { formatFieldValue } from '../core/fieldKinds';

export type Cell = string | number | null;

export interface Table {
  columns: string[];
  rows: Record<string, Cell>[];
}

function axisColumns(e: Experiment): string[] {
  return e.axes.map((a) => a.field);
}

function axisCells(e: Experiment, run: ShownRun): Record<string, Cell> {
  return Object.fromEntries(
    e.axes.map((a) => {
      const v = run.values[a.field];
      return [a.field, v === undefined ? null : formatFieldValue(v as never)];
    }),
  );
}

/** One word for where a run stands, as the wall chart draws it. */
export function runOutcome(run: ShownRun): 'diverged' | 'learned' | 'budget ran out' | 'running' {
  if (run.divergedAt !== null) return 'diverged';
  if (run.stepsToLearn !== null) return 'learned';
  const last = run.curve[run.curve.length - 1];
  return last && last.step >= run.budget ? 'budget ran out' : 'running';
}

export function lossTable(s: ShownState, e: Experiment): Table {
  const axes = axisColumns(e);
  const columns = ['source', 'run', ...axes, 'step', 'test_nmse', 'train_loss', 'accuracy'];
  const rows = shownRuns(s).flatMap((run) =>
    run.curve.map((p) => ({
      source: run.source,
      run: run.label,
      ...axisCells(e, run),
      step: p.step,
      test_nmse: p.testNmse,
      train_loss: p.trainLoss,
      accuracy: p.accuracy,
    })),
  );
  return { columns, rows };
}

const HISTOGRAM_COLUMNS = ['histogram', 'source', 'run', 'bin', 'bin_lo', 'bin_hi', 'count', 'total'];

/** A histogram's bins, then the values outside them as rows "below" and "above" when there are any. */
function histogramRows(name: string, source: string, run: string, h: ShownHistogram): Record<string, Cell>[] {
  const bins = Math.min(h.counts.length, h.edges.length - 1);
  const lo = h.edges[0] ?? null;
  const hi = h.edges[bins] ?? null;
  const common = { histogram: name, source, run, total: h.total };
  const rows: Record<string, Cell>[] = [];
  for (let i = 0; i < bins; i++) {
    rows.push({ ...common, bin: i, bin_lo: h.edges[i]!, bin_hi: h.edges[i + 1]!, count: h.counts[i]! });
  }
  if (h.below > 0) rows.push({ ...common, bin: 'below', bin_lo: null, bin_hi: lo, count: h.below });
  if (h.above > 0) rows.push({ ...common, bin: 'above', bin_lo: hi, bin_hi: null, count: h.above });
  return rows;
}

export function weightsTable(s: ShownState): Table {
  const pictures = shownPictures(s);
  const teacherRows = pictures.teachers.flatMap((t) =>
    histogramRows(
      'teacher weights',
      s.runs.length > 0 ? 'live' : 'preview',
      t.runs.map((i) => pictures.labels[i] ?? String(i)).join('; '),
      t.weights,
    ),
  );
  const studentRows = shownRuns(s).flatMap((r) =>
    r.weights ? histogramRows('student layer 1 weights', r.source, r.label, r.weights) : [],
  );
  return { columns: HISTOGRAM_COLUMNS, rows: [...teacherRows, ...studentRows] };
}

/** The teacher's pre-activations under each run's inputs, as the panel draws them (live or from the preview). */
export function preactivationTable(s: ShownState): Table {
  const pictures = shownPictures(s);
  const source = s.runs.length > 0 ? 'live' : 'preview';
  const rows = pictures.preactivations.flatMap((h, i) =>
    h ? histogramRows('teacher pre-activations', source, pictures.labels[i] ?? String(i), h) : [],
  );
  return { columns: HISTOGRAM_COLUMNS, rows };
}

function finalCells(run: ShownRun): Record<string, Cell> {
  const last = run.curve[run.curve.length - 1];
  return {
    status: runOutcome(run),
    steps_to_learn: run.stepsToLearn,
    diverged_at: run.divergedAt,
    budget: run.budget,
    last_step: last?.step ?? null,
    final_test_nmse: run.divergedAt !== null ? null : (last?.testNmse ?? null),
  };
}

const FINAL_COLUMNS = ['status', 'steps_to_learn', 'diverged_at', 'budget', 'last_step', 'final_test_nmse'];

/** Wall chart and phase map alike: one row per run with its axis values and where it ended. */
export function perRunTable(s: ShownState, e: Experiment): Table {
  const columns = ['source', 'run', ...axisColumns(e), ...FINAL_COLUMNS];
  const rows = shownRuns(s).map((run) => ({
    source: run.source,
    run: run.label,
    ...axisCells(e, run),
    ...finalCells(run),
  }));
  return { columns, rows };
}

/**
 * The bit-influence view: one row per (run, weight snapshot, hidden bit),
 * with whether the bit is secret and the teacher's own influence beside it,
 * so the bars at any snapshot and the heatmap over snapshots can be redrawn.
 */
export function influenceTable(s: ShownState): Table {
  const columns = ['source', 'run', 'step', 'bit', 'influence', 'secret', 'teacher_influence'];
  const rows = scienceRuns(s.runs, recordingOf(s)).flatMap((run) => {
    const secret = new Set(run.secret ?? []);
    return run.influence.flatMap((snap) =>
      (snap.bitInfluence ?? []).map((value, bit) => ({
        source: run.recorded ? 'recorded' : 'live',
        run: run.label,
        step: snap.step,
        bit,
        influence: value,
        secret: run.secret ? (secret.has(bit) ? 1 : 0) : null,
        teacher_influence: run.teacherInfluence?.[bit] ?? null,
      })),
    );
  });
  return { columns, rows };
}

export function tableToCsv(t: Table): string {
  return `${csvFormat(t.rows, t.columns)}\n`;
}
