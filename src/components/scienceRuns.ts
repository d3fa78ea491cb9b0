/**
 * What the influence and weight views draw, per run, from either source:
 * the live runs of the store, or, when there are none, the runs of a
 * recorded result (the `recording` slice: a result file bundled or opened
 * by the user). Also the groups of runs over seeds, from the runs' own
 * values, so that colours and aggregates follow the runs on screen even
 * when the experiment has been edited since.
 */
import type { InputKind } from '../core/config';
import { inputKind } from '../core/inputs/registry';
import { groupIndices, type AxisValues } from '../core/experiment';
import type { StudentRecord } from '../core/result';
import { useShallow } from 'zustand/react/shallow';
import type { RunState } from '../state/runsSlice';
import { recordingDrawn, type Recording } from '../state/recordingSlice';
import { useStore, type Store } from '../state/store';
import { selectTeacherPictures } from '../state/teacherPictures';
import type { HistogramData } from '../worker/protocol';

/** The recorded result on screen, while it belongs to the experiment on screen (recordingSlice.ts). */
export function selectRecording(s: Store): Recording | null {
  return recordingDrawn(s) ? s.recording : null;
}

export interface ScienceSnapshot {
  step: number;
  bitInfluence: number[] | null;
}

export interface ScienceRun {
  index: number;
  label: string;
  /** index of the run's group (its values without the seed) */
  group: number;
  inputs: InputKind;
  recorded: boolean;
  secret: number[] | null;
  /** the teacher's influence; null where there is none (random labels) or it is not known */
  teacherInfluence: number[] | null;
  /** snapshots with a bit influence, in step order */
  influence: ScienceSnapshot[];
  /** the latest student record (histograms of the first layer and its projections) */
  student: StudentRecord | null;
  /** the latest first-layer histogram of a live run (updated more often than the snapshots) */
  liveWeights: HistogramData | null;
}

/** Under parity the teacher's influence is exactly 1 on S and 0 elsewhere (docs/science.md 2.6, tested). */
function parityReference(secret: readonly number[], d: number): number[] {
  const inS = new Set(secret);
  return Array.from({ length: d }, (_, j) => (inS.has(j) ? 1 : 0));
}

/** The fields of a live run these views read. */
export type ScienceSource = Pick<
  RunState,
  'info' | 'weights' | 'snapshots' | 'secret' | 'teacherInfluence' | 'unitPreactivations'
>;

function liveRuns(runs: readonly ScienceSource[]): ScienceRun[] {
  const groups = groupIndices(runs.map((r) => r.info.values));
  return runs.map((r, i) => {
    const snaps = r.snapshots ?? [];
    const latest = snaps[snaps.length - 1];
    return {
      index: i,
      label: r.info.label,
      group: groups[i]!,
      inputs: r.info.inputs,
      recorded: false,
      secret: r.secret ?? null,
      teacherInfluence: r.teacherInfluence ?? null,
      influence: snaps.filter((s) => s.bitInfluence).map((s) => ({ step: s.step, bitInfluence: s.bitInfluence })),
      student: latest?.student ?? null,
      liveWeights: r.weights,
    };
  });
}

function recordedRuns(rec: Recording): ScienceRun[] {
  const { result } = rec;
  const groups = groupIndices(result.runs.map((r) => r.values as Record<string, unknown>));
  return result.runs.map((r, i) => {
    const inputs = ((r.values as AxisValues).inputs as InputKind | undefined) ?? result.config.inputs;
    const d = ((r.values as AxisValues).d as number | undefined) ?? result.config.d;
    const secret = r.secret ?? null;
    return {
      index: i,
      label: r.label,
      group: groups[i]!,
      inputs,
      recorded: true,
      secret,
      teacherInfluence: inputs === 'parity' && secret ? parityReference(secret, d) : null,
      influence: r.curve
        .filter((p) => p.bitInfluence)
        .map((p) => ({ step: p.step, bitInfluence: p.bitInfluence ?? null })),
      student: r.final.student ?? null,
      liveWeights: null,
    };
  });
}

/** The runs to draw: the live ones, else the recording's, else none. */
export function scienceRuns(runs: readonly ScienceSource[], recording: Recording | null): ScienceRun[] {
  if (runs.length > 0) return liveRuns(runs);
  return recording ? recordedRuns(recording) : [];
}

/**
 * The science runs of the store, re-derived only when what they read
 * changes: progress messages replace every run object many times a second,
 * while these fields change with the snapshots and weights only.
 */
export function useScienceRuns(): { runs: ScienceRun[]; recording: Recording | null } {
  const infos = useStore(useShallow((s) => s.runs.map((r) => r.info)));
  const weights = useStore(useShallow((s) => s.runs.map((r) => r.weights)));
  const snapshots = useStore(useShallow((s) => s.runs.map((r) => r.snapshots)));
  const secrets = useStore(useShallow((s) => s.runs.map((r) => r.secret)));
  const references = useStore(useShallow((s) => s.runs.map((r) => r.teacherInfluence)));
  const units = useStore(useShallow((s) => s.runs.map((r) => r.unitPreactivations)));
  const recording = useStore(selectRecording);
  // Before training (and for a recording) the preview worker's teacher influence is the reference.
  const previewReferences = useStore(useShallow((s) => selectTeacherPictures(s).science.teacherInfluence));
  const sources: ScienceSource[] = infos.map((info, i) => ({
    info,
    weights: weights[i] ?? null,
    snapshots: snapshots[i],
    secret: secrets[i],
    teacherInfluence: references[i],
    unitPreactivations: units[i],
  }));
  const runs = scienceRuns(sources, recording).map((r) =>
    r.recorded && previewReferences[r.index] ? { ...r, teacherInfluence: previewReferences[r.index]! } : r,
  );
  return { runs, recording };
}

/** A run's name in a chart title: its axis values, or for a single run (labelled "run") what it trains on. */
export function runTitle(r: Pick<ScienceRun, 'label' | 'inputs' | 'secret'>): string {
  if (r.label !== 'run') return r.label;
  return `${inputKind(r.inputs).title}${r.secret ? `, k=${r.secret.length}` : ''}`;
}
