/**
 * The whole experiment's result, in exactly the CLI's `--json` format
 * (core/result.ts), from what the store holds: the live runs as far as they
 * have trained, or, when there are none, the recording the store holds.
 * The same fields the CLI fills, filled the same way (train/run.ts): the
 * curve as evaluated, `final` from the last evaluation or the divergence.
 */
import type { Experiment } from '../core/config';
import { expandRuns } from '../core/experiment';
import { buildResult, type HistogramRecord, type ResultFile, type ResultRun } from '../core/result';
import type { RunState } from '../state/runsSlice';
import type { Store } from '../state/store';
import type { HistogramData } from '../worker/protocol';
import { recordingOf, type RecordingLike } from './shown';

export type ResultFromStore =
  { ok: true; result: ResultFile; source: 'live' | 'recorded' } | { ok: false; reason: string };

/** A worker histogram as the result format stores it (equal bins over [lo, hi]). */
export function histogramRecord(h: HistogramData): HistogramRecord {
  return {
    lo: h.edges[0]!,
    hi: h.edges[h.edges.length - 1]!,
    counts: Array.from(h.counts),
    below: h.below,
    above: h.above,
    total: h.total,
  };
}

function runResult(r: RunState, label: string, values: ResultRun['values']): ResultRun {
  const curve = r.curve.map((p) => ({ step: p.step, testNmse: p.testNmse, trainLoss: p.trainLoss }));
  const last = r.curve[r.curve.length - 1];
  const final: ResultRun['final'] =
    r.divergedAt !== null
      ? { step: r.divergedAt, testNmse: null, accuracy: null, diverged: true }
      : { step: last!.step, testNmse: last!.testNmse, accuracy: last!.accuracy, diverged: false };
  if (r.weights && r.divergedAt === null) final.student = { firstLayer: histogramRecord(r.weights) };
  return { label, values, curve, final };
}

type ResultState = Pick<Store, 'runs' | 'backend' | 'experiment'> & { recording?: RecordingLike | null };

export function resultFromStore(s: ResultState, runsExperiment: Experiment | null): ResultFromStore {
  if (s.runs.length === 0) {
    const rec = recordingOf(s);
    if (rec) return { ok: true, result: rec.result, source: 'recorded' };
    return { ok: false, reason: 'there is no result yet: press Start to train the runs of this experiment' };
  }
  const experiment = runsExperiment ?? s.experiment;
  const plans = expandRuns(experiment);
  if (plans.length !== s.runs.length) {
    return { ok: false, reason: 'the runs on screen do not belong to one experiment; press Start again' };
  }
  const waiting = s.runs.filter((r) => r.curve.length === 0 && r.divergedAt === null);
  if (waiting.length > 0) {
    return { ok: false, reason: 'the runs have no evaluation yet; wait a moment for the first one' };
  }
  const runs = s.runs.map((r, i) => runResult(r, plans[i]!.label, plans[i]!.values));
  return {
    ok: true,
    source: 'live',
    // The permalink written is canonical and opens as it is: no notices belong to it.
    result: buildResult({ experiment, notices: [], backend: s.backend?.name ?? 'unknown', runs }),
  };
}
