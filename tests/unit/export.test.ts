/**
 * The pure parts of the exporters: file names, the tables behind the charts
 * (as CSV through d3-dsv), the JSON result built from the store (it must be
 * the CLI's result, byte for byte, for the same runs), and the embed snippet.
 */
import { csvParse } from 'd3';
import { beforeAll, describe, expect, it } from 'vitest';
import { runPermalink } from '../../cli/run-permalink';
import { parsePermalink } from '../../src/core/permalink';
import { parseResult, serialiseResult, type ResultFile } from '../../src/core/result';
import { embedSnippet, embedUrl } from '../../src/export/embedCode';
import { axisPart, exportFileName } from '../../src/export/fileNames';
import { resultFromStore } from '../../src/export/resultFromStore';
import { shownExperiment } from '../../src/export/shown';
import { influenceTable, lossTable, perRunTable, tableToCsv, weightsTable } from '../../src/export/tables';
import { keyOfExperiment, type Recording } from '../../src/state/recordingSlice';
import type { RunState } from '../../src/state/runsSlice';
import type { Store } from '../../src/state/store';
import { splitViewParams } from '../../src/state/viewParams';
import type { HistogramData, TeacherView } from '../../src/worker/protocol';

const QUERY = 'n=16&m=8&d=6&k=2&h=8&steps=40&test=64&bs=16&vs=inputs:gaussian,parity';
let cli: ResultFile;

beforeAll(async () => {
  const outcome = await runPermalink(QUERY, { backend: 'cpu', strategy: 'auto' });
  if (!outcome.ok) throw new Error('the fixture experiment must run');
  cli = outcome.output;
});

const experimentOf = (q: string) => parsePermalink(q).experiment;

function histogram(edges: number[], counts: number[], below = 0, above = 0): HistogramData {
  return {
    edges: Float64Array.from(edges),
    counts: Float64Array.from(counts),
    total: counts.reduce((a, b) => a + b, 0) + below + above,
    below,
    above,
  };
}

/** The store as the worker would have left it after training the CLI's runs (accuracy only at the end, as the CLI keeps it). */
function storeFrom(result: ResultFile, opts: { upTo?: number; weights?: boolean } = {}) {
  const experiment = experimentOf(result.permalink);
  const runs: RunState[] = result.runs.map((r, i) => {
    const curve = r.curve.slice(0, opts.upTo ?? r.curve.length).map((p, j, all) => ({
      run: i,
      step: p.step,
      testNmse: p.testNmse,
      trainLoss: p.trainLoss,
      accuracy: j === all.length - 1 && all.length === r.curve.length ? r.final.accuracy : null,
    }));
    return {
      info: {
        index: i,
        label: r.label,
        values: r.values,
        steps: experiment.base.steps,
        inputs: 'parity',
        binaryLabels: true,
        labelVariance: r.labelVariance ?? 1,
        chance: null,
      },
      curve,
      status: 'done',
      divergedAt: null,
      stepsToLearn: curve.find((p) => p.testNmse < 0.1)?.step ?? null,
      weights: opts.weights ? histogram([-1, 0, 1], [3, 5], 1, 0) : null,
      preactivations: null,
      ...(r.secret ? { secret: r.secret } : {}),
      // The worker's weight snapshots, as far as the result file tells them: influence where the curve has it,
      // the student histogram at the end.
      snapshots: curve.flatMap((p, j) => {
        const influence = r.curve[j]!.bitInfluence ?? null;
        const last = j === r.curve.length - 1 && r.final.student !== undefined;
        if (!influence && !last) return [];
        const student = last
          ? r.final.student!
          : { firstLayer: { lo: 0, hi: 1, counts: [0], below: 0, above: 0, total: 0 } };
        return [{ run: i, step: p.step, bitInfluence: influence, student }];
      }),
    };
  });
  const teachers: TeacherView[] = [
    { runs: [0, 1], weights: histogram([-0.5, 0, 0.5], [10, 12], 0, 2), shape: 'normal', std: 0.2, nu: 3, p: 0.1 },
  ];
  // The parts of the store the exporters read; no preview, no recording, the runs current.
  const state = {
    runs,
    teachers,
    experiment,
    backend: { name: 'cpu' as const, reason: '', fallbackFrom: null },
    preview: null,
    previewError: null,
    runsRevision: 0,
    revision: 0,
    recording: null as Recording | null,
    recordingKey: null as string | null,
  };
  return state as typeof state & Store;
}

/** The store with `result` as the recording on screen (it belongs to the store's experiment). */
function withRecording(s: Store, result: ResultFile, origin: Recording['origin'] = 'bundled'): Store {
  return { ...s, recording: { result, origin, name: 'fixture' }, recordingKey: keyOfExperiment(s.experiment) };
}

describe('file names say what they hold', () => {
  it('writes a numeric axis as its range and a categorical one as its values', () => {
    expect(exportFileName('loss', experimentOf('vs=k:2,3,4,5,6,7'), 'svg')).toBe('nwl-loss-k2-7-seed1.svg');
    expect(exportFileName('loss', experimentOf(''), 'csv')).toBe('nwl-loss-inputs-gaussian-parity-random-seed1.csv');
    expect(exportFileName('phase', experimentOf('seed=3&vs=k:2,3,4&vs2=h:32,128,512'), 'png')).toBe(
      'nwl-phase-k2-4-h32-512-seed3.png',
    );
    expect(exportFileName('weights', experimentOf('vs=none'), 'svg')).toBe('nwl-weights-seed1.svg');
    expect(exportFileName('wall', experimentOf('vs=lr:0.0001,0.001'), 'csv')).toBe('nwl-wall-lr0.0001-0.001-seed1.csv');
  });

  it('keeps long value lists short and every name to safe characters', () => {
    const e = experimentOf('vs=w:normal,uniform,rademacher,laplace,student-t,sparse');
    expect(axisPart(e.axes[0]!)).toBe('w-6values');
    expect(exportFileName('loss', e, 'svg')).toMatch(/^[a-z0-9.-]+$/);
  });
});

describe('the tables behind the charts', () => {
  it('loss chart: one row per (run, step) with the run, its axis values and the numbers', () => {
    const s = storeFrom(cli);
    const t = lossTable(s, s.experiment);
    expect(t.columns).toEqual(['source', 'run', 'inputs', 'step', 'test_nmse', 'train_loss', 'accuracy']);
    expect(t.rows).toHaveLength(cli.runs.reduce((n, r) => n + r.curve.length, 0));
    const rows = csvParse(tableToCsv(t));
    cli.runs.forEach((run) => {
      const mine = rows.filter((r) => r.run === run.label);
      expect(mine.map((r) => Number(r.step))).toEqual(run.curve.map((p) => p.step));
      expect(mine.map((r) => Number(r.test_nmse))).toEqual(run.curve.map((p) => p.testNmse));
      expect(mine.map((r) => (r.train_loss === '' ? null : Number(r.train_loss)))).toEqual(
        run.curve.map((p) => p.trainLoss),
      );
      expect(new Set(mine.map((r) => r.inputs))).toEqual(new Set([String(run.values.inputs)]));
    });
  });

  it('quotes what CSV needs quoted (a label with a comma, a quote)', () => {
    const s = storeFrom(cli);
    s.runs[0]!.info.label = 'k=2, "odd" run';
    const text = tableToCsv(lossTable(s, s.experiment));
    expect(text).toContain('"k=2, ""odd"" run"');
    expect(csvParse(text)[0]!.run).toBe('k=2, "odd" run');
  });

  it('histograms: bin edges and counts, and what lies outside the bins as its own rows', () => {
    const s = storeFrom(cli, { weights: true });
    const rows = weightsTable(s).rows;
    const teacher = rows.filter((r) => r.histogram === 'teacher weights');
    expect(teacher.map((r) => [r.bin, r.bin_lo, r.bin_hi, r.count])).toEqual([
      [0, -0.5, 0, 10],
      [1, 0, 0.5, 12],
      ['above', 0.5, null, 2],
    ]);
    expect(teacher[0]!.run).toBe('inputs=gaussian; inputs=parity');
    const student = rows.filter((r) => r.histogram === 'student layer 1 weights' && r.run === 'inputs=parity');
    expect(student.map((r) => [r.bin, r.count])).toEqual([
      [0, 3],
      [1, 5],
      ['below', 1],
    ]);
    expect(student.every((r) => r.total === 9)).toBe(true);
  });

  it('wall chart and phase map: one row per run with where it ended', () => {
    const s = storeFrom(cli);
    s.runs[1]!.divergedAt = 20;
    const t = perRunTable(s, s.experiment);
    expect(t.rows).toHaveLength(2);
    expect(t.rows[0]).toMatchObject({ run: 'inputs=gaussian', inputs: 'gaussian', budget: 40, last_step: 40 });
    expect(t.rows[1]).toMatchObject({ status: 'diverged', diverged_at: 20, final_test_nmse: null });
    expect(['learned', 'budget ran out']).toContain(t.rows[0]!.status);
  });

  it('bit influence: one row per (run, snapshot, bit), secret bits marked, from live runs or the recording', () => {
    const parity = cli.runs[1]!;
    const snaps = parity.curve.filter((p) => p.bitInfluence);
    const live = influenceTable(storeFrom(cli));
    expect(live.columns).toEqual(['source', 'run', 'step', 'bit', 'influence', 'secret', 'teacher_influence']);
    // The gaussian run has no hidden bits: only the parity run's snapshots, d = 6 bits each.
    expect(live.rows).toHaveLength(snaps.length * 6);
    const rows = csvParse(tableToCsv(live));
    const at = snaps[snaps.length - 1]!;
    const last = rows.filter((r) => Number(r.step) === at.step);
    expect(last.map((r) => Number(r.influence))).toEqual(at.bitInfluence);
    expect(last.filter((r) => r.secret === '1').map((r) => Number(r.bit))).toEqual(parity.secret);
    const empty = { ...storeFrom(cli), runs: [] } as Store;
    const recorded = influenceTable(withRecording(empty, cli));
    expect(recorded.rows.every((r) => r.source === 'recorded')).toBe(true);
    expect(recorded.rows).toHaveLength(live.rows.length);
  });

  it('adds the recording the store holds, marked recorded', () => {
    const s = withRecording(storeFrom(cli), cli);
    const rows = lossTable(s, s.experiment).rows;
    expect(rows.filter((r) => r.source === 'recorded')).toHaveLength(rows.length / 2);
    // A recording of another experiment is not drawn, so not exported.
    const other = { ...s, recordingKey: 'seed=9' };
    expect(lossTable(other, s.experiment).rows.some((r) => r.source === 'recorded')).toBe(false);
    const none = { ...s, runs: [] };
    expect(new Set(lossTable(none, shownExperiment(none, null)).rows.map((r) => r.source))).toEqual(
      new Set(['recorded']),
    );
  });
});

describe('the JSON result from the store', () => {
  it('is the CLI result byte for byte for the same runs', () => {
    const built = resultFromStore(storeFrom(cli), null);
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(serialiseResult(built.result)).toBe(serialiseResult(cli));
  });

  it('mid-training: what has been evaluated, valid in the CLI schema, with the student histogram', () => {
    const s = storeFrom(cli, { upTo: 3 });
    const firstLayer = { lo: -1, hi: 1, counts: [3, 5], below: 1, above: 0, total: 9 };
    s.runs[0]!.snapshots = [{ run: 0, step: cli.runs[0]!.curve[2]!.step, bitInfluence: null, student: { firstLayer } }];
    s.runs[1]!.snapshots = [];
    const built = resultFromStore(s, null);
    if (!built.ok) throw new Error(built.reason);
    const parsed = parseResult(serialiseResult(built.result));
    if (!parsed.ok) throw new Error(parsed.reasons.join('; '));
    expect(parsed.result.runs[0]!.curve).toHaveLength(3);
    expect(parsed.result.runs[0]!.final.step).toBe(cli.runs[0]!.curve[2]!.step);
    expect(parsed.result.runs[0]!.final.student?.firstLayer).toEqual(firstLayer);
    expect(parsed.result.runs[1]!.final.student).toBeUndefined();
  });

  it('a diverged run ends at its divergence with no loss, as the CLI writes it', () => {
    const s = storeFrom(cli, { upTo: 2 });
    s.runs[1]!.divergedAt = 7;
    const built = resultFromStore(s, null);
    if (!built.ok) throw new Error(built.reason);
    expect(built.result.runs[1]!.final).toEqual({ step: 7, testNmse: null, accuracy: null, diverged: true });
    expect(parseResult(serialiseResult(built.result)).ok).toBe(true);
  });

  it('describes the experiment the runs belong to, not one edited since', () => {
    const s = storeFrom(cli);
    const trained = s.experiment;
    const edited = { ...s, experiment: experimentOf(`${QUERY}&lr=0.01`) };
    const built = resultFromStore(edited, trained);
    if (!built.ok) throw new Error(built.reason);
    expect(built.result.permalink).toBe(cli.permalink);
  });

  it('says why when there is nothing to export, and falls back to the recording', () => {
    const empty = { ...storeFrom(cli), runs: [] };
    const none = resultFromStore(empty, null);
    expect(none.ok).toBe(false);
    if (!none.ok) expect(none.reason).toMatch(/press Start/);
    const waiting = storeFrom(cli, { upTo: 0 });
    const w = resultFromStore(waiting, null);
    expect(!w.ok && w.reason).toMatch(/no evaluation yet/);
    const rec = resultFromStore(withRecording(empty, cli, 'file'), null);
    expect(rec.ok && rec.source).toBe('recorded');
    expect(rec.ok && rec.result).toBe(cli);
  });
});

describe('the embed snippet', () => {
  it('is an iframe of the permalink with embed=<view>, its attribute escaped', () => {
    const e = experimentOf('steps=40000&vs=k:2,3,4,5,6,7');
    const url = embedUrl('https://lab.example/', e, 'wall');
    const { query, view } = splitViewParams(new URL(url).search);
    expect(view.embed).toBe('wall');
    expect(parsePermalink(query)).toEqual({ experiment: e, notices: [] });
    const snippet = embedSnippet('https://lab.example/', e, 'wall');
    expect(snippet).toMatch(/^<iframe src="https:\/\/lab\.example\/\?[^"<>]*embed=wall" title="Natural Weights Lab: /);
    expect(snippet).toContain('&amp;');
    expect(snippet).not.toMatch(/src="[^"]*&(?!amp;)/);
  });
});
