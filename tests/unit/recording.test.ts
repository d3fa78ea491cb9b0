import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runPermalink } from '../../cli/run-permalink';
import {
  recordedLossSeries,
  recordedPhaseCell,
  recordedWallPoints,
  RECORDED_ID_PREFIX,
} from '../../src/components/recordedRuns';
import { decimateResult, roundTo, spreadIndices } from '../../src/core/decimateResult';
import { defaultExperiment } from '../../src/core/config';
import { parsePermalink } from '../../src/core/permalink';
import { parseRecordedIndex, RECORDED_INDEX_FORMAT } from '../../src/core/recordedIndex';
import { MAX_RESULT_BYTES, parseResult, serialiseResult, type ResultFile } from '../../src/core/result';
import { openResultFile } from '../../src/state/openResult';
import { appliedRecording, recordingApplies } from '../../src/state/recordingSlice';
import { useStore } from '../../src/state/store';

const QUERY = 'v=1&n=16&m=8&d=6&k=2&h=8&steps=40&test=64&bs=16&vs=inputs:gaussian,parity';
let result: ResultFile;
let text: string;

beforeAll(async () => {
  const outcome = await runPermalink(QUERY, { backend: 'cpu', strategy: 'auto' });
  if (!outcome.ok) throw new Error('the fixture experiment must run');
  result = outcome.output;
  text = serialiseResult(result);
});

function file(name: string, body: string, size = body.length) {
  return { name, size, text: () => Promise.resolve(body) };
}

beforeEach(() => {
  useStore.setState({
    experiment: defaultExperiment(),
    recording: null,
    recordingKey: null,
    recordingMessage: null,
    notices: [],
    runs: [],
  });
});

describe('opening a result file', () => {
  it('loads its experiment into the controls and its runs as recorded, in one store update', async () => {
    let updates = 0;
    const unsubscribe = useStore.subscribe((s, prev) => {
      if (s.experiment !== prev.experiment || s.recording !== prev.recording) updates++;
    });
    expect(await openResultFile(file('k2.json', text))).toBe(true);
    unsubscribe();
    expect(updates).toBe(1);
    const s = useStore.getState();
    expect(s.experiment).toEqual(parsePermalink(QUERY).experiment);
    expect(s.recording?.origin).toBe('file');
    expect(s.recording?.name).toBe('k2.json');
    expect(recordingApplies(s)).toBe(true);
    expect(appliedRecording(s)?.runs.map((r) => r.label)).toEqual(['inputs=gaussian', 'inputs=parity']);
    expect(s.recordingMessage?.kind).toBe('info');
  });

  it('stops applying when a field that changes numbers is edited, and applies again when it is undone', async () => {
    await openResultFile(file('k2.json', text));
    const s = useStore.getState();
    s.setField('lr', 0.01);
    expect(recordingApplies(useStore.getState())).toBe(false);
    expect(appliedRecording(useStore.getState())).toBeNull();
    // The backend changes no number: a recording made on wasm applies to a run on WebGL.
    useStore.getState().setField('lr', 0.001);
    useStore.getState().setField('backend', 'cpu');
    expect(recordingApplies(useStore.getState())).toBe(true);
  });

  const bad: [string, () => { name: string; size: number; text: () => Promise<string> }, RegExp][] = [
    ['not JSON', () => file('notes.json', 'hello, world'), /not JSON/],
    [
      'a JSON value that is not a result',
      () => file('package.json', '{"name": "x"}'),
      /not a Natural Weights Lab result/,
    ],
    ['truncated', () => file('cut.json', text.slice(0, Math.floor(text.length / 2))), /truncated/],
    ['of another format version', () => file('v2.json', text.replace('"version":1', '"version":2')), /version 2/],
    ['with NaN', () => file('nan.json', text.replace(/"testNmse":[0-9.e-]+/, '"testNmse":NaN')), /not JSON/],
    [
      'with an out-of-range number',
      () => file('neg.json', text.replace(/"testNmse":[0-9.e-]+/, '"testNmse":-3')),
      /testNmse/,
    ],
    [
      'with a loss no engine can produce',
      () => file('huge.json', text.replace(/"testNmse":[0-9.e-]+/, '"testNmse":1e12')),
      /testNmse/,
    ],
    ['empty', () => file('empty.json', ''), /empty/],
  ];
  it.each(bad)('refuses a file %s with a reason and changes nothing', async (_what, make, reason) => {
    const before = useStore.getState();
    expect(await openResultFile(make())).toBe(false);
    const after = useStore.getState();
    expect(after.experiment).toBe(before.experiment);
    expect(after.recording).toBe(before.recording);
    expect(after.revision).toBe(before.revision);
    expect(after.recordingMessage?.kind).toBe('error');
    expect([after.recordingMessage!.text, ...(after.recordingMessage!.details ?? [])].join('\n')).toMatch(reason);
  });

  it('refuses a file over 20 MB before reading a byte of it', async () => {
    let read = false;
    const huge = {
      name: 'huge.json',
      size: MAX_RESULT_BYTES + 1,
      text: () => {
        read = true;
        return Promise.resolve(text);
      },
    };
    expect(await openResultFile(huge)).toBe(false);
    expect(read).toBe(false);
    expect(useStore.getState().recordingMessage?.details?.join(' ')).toMatch(/at most 20 MB/);
  });

  it('keeps the recording it has when a later file is refused', async () => {
    await openResultFile(file('k2.json', text));
    const shown = useStore.getState().recording;
    await openResultFile(file('bad.json', '{'));
    expect(useStore.getState().recording).toBe(shown);
    expect(recordingApplies(useStore.getState())).toBe(true);
  });
});

describe('recorded runs in the charts', () => {
  it('are loss series marked recorded, coloured as the live run of the same index', () => {
    const series = recordedLossSeries(result);
    expect(series.map((s) => s.id)).toEqual([`${RECORDED_ID_PREFIX}0`, `${RECORDED_ID_PREFIX}1`]);
    expect(series.every((s) => s.recorded)).toBe(true);
    expect(series[1]!.points).toHaveLength(result.runs[1]!.curve.length);
    expect(series[0]!.accuracy).toBe(result.runs[0]!.final.accuracy);
  });

  it('give the wall chart a marker per run at its first step below 0.1, or on the budget', () => {
    const e = parsePermalink('steps=40&vs=k:1,2&n=16&m=8&d=6&h=8&test=64&bs=16').experiment;
    const fake: ResultFile = {
      ...result,
      axes: e.axes,
      config: e.base,
      runs: [
        {
          ...result.runs[0]!,
          label: 'k=1',
          values: { k: 1 },
          curve: [
            { step: 0, testNmse: 1, trainLoss: null },
            { step: 20, testNmse: 0.05, trainLoss: 0.1 },
          ],
        },
        {
          ...result.runs[1]!,
          label: 'k=2',
          values: { k: 2 },
          curve: [
            { step: 0, testNmse: 1, trainLoss: null },
            { step: 40, testNmse: 0.9, trainLoss: 0.2 },
          ],
        },
      ],
    };
    const points = recordedWallPoints(e.axes[0]!, fake);
    expect(points.map((p) => [p.x, p.status, p.stepsToLearn, p.budget, p.recorded])).toEqual([
      [1, 'learned', 20, 40, true],
      [2, 'budget-ran-out', null, 40, true],
    ]);
    const cell = recordedPhaseCell(fake, 1, 2);
    expect(cell).toMatchObject({ xi: 1, yi: 0, value: 0.9, budgetRanOut: true, recorded: true });
  });
});

describe('decimated recordings', () => {
  it('keep losses to float32 precision (7 significant digits) and still read back', () => {
    expect(roundTo(0.123456789, 7)).toBe(0.1234568);
    expect(roundTo(1234567.89, 7)).toBe(1234568);
    expect(roundTo(0, 7)).toBe(0);
    const small = decimateResult(result);
    const read = parseResult(serialiseResult(small));
    expect(read.ok).toBe(true);
    small.runs.forEach((r, i) =>
      r.curve.forEach((p, j) => {
        const q = result.runs[i]!.curve[j]!;
        expect(Math.abs(p.testNmse - q.testNmse)).toBeLessThanOrEqual(Math.abs(q.testNmse) * 5e-7);
        expect(String(p.testNmse).replace(/^0\.0*|\.|e.*$/g, '').length).toBeLessThanOrEqual(7);
      }),
    );
  });
});

describe('the index of recordings', () => {
  it('reads a well-formed index and refuses file names that are not plain', () => {
    const ok = parseRecordedIndex({
      format: RECORDED_INDEX_FORMAT,
      version: 1,
      recordings: { '': 'contrast.json' },
      sources: {},
    });
    expect(ok.ok).toBe(true);
    const sneaky = parseRecordedIndex({
      format: RECORDED_INDEX_FORMAT,
      version: 1,
      recordings: { '': '../secret.json' },
      sources: {},
    });
    expect(sneaky.ok).toBe(false);
    expect(parseRecordedIndex('{').ok).toBe(false);
  });
});

describe('decimated bit influences', () => {
  it('keep 2 decimals at no more than 12 snapshots a run, evenly spread, first and last kept', () => {
    expect([...spreadIndices(24, 12)].sort((a, b) => a - b)).toEqual([0, 2, 4, 6, 8, 10, 13, 15, 17, 19, 21, 23]);
    expect([...spreadIndices(5, 12)]).toEqual([0, 1, 2, 3, 4]);
    const withInfluence: ResultFile = {
      ...result,
      runs: result.runs.map((r) => ({
        ...r,
        curve: r.curve.map((p) => ({ ...p, bitInfluence: Array.from({ length: 6 }, (_, j) => 0.123456 * j) })),
        final: { ...r.final, bitInfluence: [0.98765, 0, 0.004, 1, 0.5, 0.25] },
      })),
    };
    const small = decimateResult(withInfluence);
    for (const r of small.runs) {
      const kept = r.curve.filter((p) => p.bitInfluence);
      expect(kept.length).toBe(Math.min(12, r.curve.length));
      expect(r.curve[0]!.bitInfluence).toBeDefined();
      expect(r.curve[r.curve.length - 1]!.bitInfluence).toBeDefined();
      expect(kept[0]!.bitInfluence).toEqual([0, 0.12, 0.25, 0.37, 0.49, 0.62]);
      expect(r.final.bitInfluence).toEqual([0.99, 0, 0, 1, 0.5, 0.25]);
      expect(r.curve).toHaveLength(withInfluence.runs[0]!.curve.length); // no loss point dropped
    }
    expect(parseResult(serialiseResult(small)).ok).toBe(true);
  });
});
