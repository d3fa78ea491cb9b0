/**
 * What the charts show at this moment, in one shape for every exporter: the
 * live runs the store holds and, beside or instead of them, the runs of the
 * recording that belongs to the experiment on screen (the lecture's slice),
 * and the teacher pictures the panels draw (the preview's before training).
 */
import type { Experiment } from '../core/config';
import { expandRuns } from '../core/experiment';
import { LEARNED_NMSE } from '../core/metrics';
import { parsePermalink } from '../core/permalink';
import type { HistogramRecord } from '../core/result';
import { recordingDrawn, type Recording } from '../state/recordingSlice';
import type { RunState } from '../state/runsSlice';
import type { Store } from '../state/store';
import { selectTeacherPictures, type TeacherPictures } from '../state/teacherPictures';
import type { HistogramData } from '../worker/protocol';

/** The store's recording when it is drawn: only while it belongs to the experiment on screen. */
export function recordingOf(
  s: Pick<Store, 'recording' | 'recordingKey' | 'experiment'> & { recordingHidden?: boolean },
): Recording | null {
  return recordingDrawn(s) ? s.recording : null;
}

export type Source = 'live' | 'recorded';

export interface ShownPoint {
  step: number;
  testNmse: number;
  trainLoss: number | null;
  accuracy: number | null;
}

/** A histogram with explicit edges, whether it came from the worker or from a result file. */
export interface ShownHistogram {
  edges: ArrayLike<number>;
  counts: ArrayLike<number>;
  total: number;
  below: number;
  above: number;
}

export interface ShownRun {
  source: Source;
  index: number;
  label: string;
  values: Record<string, unknown>;
  /** The run's step budget. */
  budget: number;
  curve: ShownPoint[];
  divergedAt: number | null;
  stepsToLearn: number | null;
  weights: ShownHistogram | null;
}

export function histogramFromRecord(h: HistogramRecord): ShownHistogram {
  const bins = h.counts.length;
  const edges = Array.from({ length: bins + 1 }, (_, i) => h.lo + ((h.hi - h.lo) * i) / bins);
  return { edges, counts: h.counts, total: h.total, below: h.below, above: h.above };
}

function fromLive(r: RunState): ShownRun {
  return {
    source: 'live',
    index: r.info.index,
    label: r.info.label,
    values: r.info.values,
    budget: r.info.steps,
    curve: r.curve.map((p) => ({ step: p.step, testNmse: p.testNmse, trainLoss: p.trainLoss, accuracy: p.accuracy })),
    divergedAt: r.divergedAt,
    stepsToLearn: r.stepsToLearn,
    weights: r.weights as HistogramData | null,
  };
}

function fromRecording(rec: Recording): ShownRun[] {
  const plans = expandRuns(parsePermalink(rec.result.permalink).experiment);
  return rec.result.runs.map((run, i) => ({
    source: 'recorded',
    index: i,
    label: run.label,
    values: run.values,
    budget: plans[i]?.config.steps ?? run.final.step,
    // A result's curve carries no accuracy per point, only at the end.
    curve: run.curve.map((p) => ({ step: p.step, testNmse: p.testNmse, trainLoss: p.trainLoss, accuracy: null })),
    divergedAt: run.final.diverged ? run.final.step : null,
    stepsToLearn: run.curve.find((p) => p.testNmse < LEARNED_NMSE)?.step ?? null,
    weights: run.final.student ? histogramFromRecord(run.final.student.firstLayer) : null,
  }));
}

export type ShownState = Store;

/** Live runs first, then the recorded ones, as the charts draw them. */
export function shownRuns(s: ShownState): ShownRun[] {
  const rec = recordingOf(s);
  return [...s.runs.map(fromLive), ...(rec ? fromRecording(rec) : [])];
}

/** The teacher weights and pre-activations the histogram panels draw (the preview's before training). */
export function shownPictures(s: ShownState): TeacherPictures {
  return selectTeacherPictures(s);
}

/** The experiment whose numbers are shown: the live runs', else the recording's, else the one being edited. */
export function shownExperiment(s: ShownState, runsExperiment: Experiment | null): Experiment {
  if (s.runs.length > 0 && runsExperiment) return runsExperiment;
  const rec = recordingOf(s);
  if (s.runs.length === 0 && rec) return parsePermalink(rec.result.permalink).experiment;
  return s.experiment;
}
