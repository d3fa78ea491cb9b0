/**
 * The recorded result on screen: a bundled recording of a preset (or story
 * step), or a result file the user opened. It is drawn as recorded runs
 * beside the live ones, and only while it belongs to the experiment on
 * screen (experimentKey equality): an edit that changes any number hides it
 * and says so; undoing the edit shows it again.
 */
import type { StateCreator } from 'zustand';
import type { Experiment } from '../core/config';
import { experimentKey, type ResultFile } from '../core/result';
import type { Store } from './store';

export interface Recording {
  result: ResultFile;
  origin: 'bundled' | 'file';
  /** A preset's title, or the opened file's name. */
  name: string;
}

export interface RecordingMessage {
  kind: 'error' | 'info';
  text: string;
  /** The reasons a file was refused, one per line. */
  details?: string[];
}

export interface RecordingSlice {
  recording: Recording | null;
  /** experimentKey of the recording's experiment; null without a recording. */
  recordingKey: string | null;
  /** What happened when a recording or a file was loaded (non-blocking, dismissable). */
  recordingMessage: RecordingMessage | null;
  setRecording: (recording: Recording | null, experiment?: Experiment) => void;
  /** Opens a result: its experiment into the controls and its runs as recorded, in one update. */
  openRecording: (recording: Recording, experiment: Experiment) => void;
  setRecordingMessage: (message: RecordingMessage | null) => void;
  /** True while an audience question is open: the recording is loaded but not drawn until it is revealed. */
  recordingHidden: boolean;
}

const keys = new WeakMap<Experiment, string>();

/** experimentKey, once per experiment object (the store replaces the object on every change). */
export function keyOfExperiment(e: Experiment): string {
  let k = keys.get(e);
  if (k === undefined) {
    k = experimentKey(e);
    keys.set(e, k);
  }
  return k;
}

/** The recording belongs to the experiment on screen. */
export function recordingApplies(s: Pick<Store, 'recording' | 'recordingKey' | 'experiment'>): boolean {
  return s.recording !== null && s.recordingKey === keyOfExperiment(s.experiment);
}

/** Whether the recording is drawn: it applies and no open question hides it. */
export function recordingDrawn(
  s: Pick<Store, 'recording' | 'recordingKey' | 'experiment'> & { recordingHidden?: boolean },
): boolean {
  return !s.recordingHidden && recordingApplies(s);
}

/** The recording's runs when they are drawn (they belong to the experiment on screen, no question hides them), else none. */
export function appliedRecording(
  s: Pick<Store, 'recording' | 'recordingKey' | 'experiment'> & { recordingHidden?: boolean },
): ResultFile | null {
  return recordingDrawn(s) ? s.recording!.result : null;
}

export const createRecordingSlice: StateCreator<Store, [], [], RecordingSlice> = (set) => ({
  recording: null,
  recordingKey: null,
  recordingHidden: false,
  recordingMessage: null,
  setRecording: (recording, experiment) =>
    set({
      recording,
      recordingKey: recording ? experimentKey(experiment ?? resultExperiment(recording.result)) : null,
    }),
  openRecording: (recording, experiment) =>
    set((s) => ({
      recording,
      recordingKey: experimentKey(experiment),
      recordingMessage: null,
      experiment,
      notices: [],
      source: 'preset',
      revision: s.revision + 1,
    })),
  setRecordingMessage: (recordingMessage) => set({ recordingMessage }),
});

/** A result's experiment as its permalink gives it (parseResult has checked that the two agree). */
function resultExperiment(r: ResultFile): Experiment {
  return { base: r.config, axes: r.axes };
}
