/**
 * Opening a result file (the file picker or a drop): its experiment goes
 * into the controls and its runs are shown as recorded, or, for anything
 * that is not a result this lab reads, a message says why and nothing on
 * screen changes. The size is checked before a byte is read.
 */
import type { Experiment } from '../core/config';
import { MAX_RESULT_BYTES, parseResult } from '../core/result';
import * as engine from './engine';
import type { Recording } from './recordingSlice';
import { useStore } from './store';

function megabytes(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(bytes < 10 * 2 ** 20 ? 1 : 0)} MB`;
}

/** Shows an experiment from scratch: no worker, no live runs of the previous one, optionally its recording. */
export function showExperiment(experiment: Experiment, recording: Recording | null): void {
  engine.stopWorker();
  const s = useStore.getState();
  if (recording) s.openRecording(recording, experiment);
  else s.loadExperiment(experiment, 'preset');
  const now = useStore.getState();
  now.clearRuns(now.revision);
  now.setEngine('idle', null);
}

function refuse(name: string, details: string[]): void {
  useStore.getState().setRecordingMessage({
    kind: 'error',
    text: `${name} was not opened, and nothing on screen was changed:`,
    details,
  });
}

/** Reads a file the user chose; resolves when it is shown or refused (never rejects). */
export async function openResultFile(file: Pick<File, 'name' | 'size' | 'text'>): Promise<boolean> {
  const name = file.name || 'The file';
  if (file.size > MAX_RESULT_BYTES) {
    refuse(name, [
      `it is ${megabytes(file.size)}; a result is at most ${megabytes(MAX_RESULT_BYTES)} (the lab's own are a few kB)`,
    ]);
    return false;
  }
  if (file.size === 0) {
    refuse(name, ['it is empty']);
    return false;
  }
  let text: string;
  try {
    text = await file.text();
  } catch (e) {
    refuse(name, [`it could not be read (${e instanceof Error ? e.message : String(e)})`]);
    return false;
  }
  const parsed = parseResult(text);
  if (!parsed.ok) {
    refuse(name, parsed.reasons);
    return false;
  }
  showExperiment(parsed.experiment, { result: parsed.result, origin: 'file', name });
  useStore.getState().setRecordingMessage({
    kind: 'info',
    text: `Opened ${name}: its ${parsed.result.runs.length === 1 ? 'run is' : `${parsed.result.runs.length} runs are`} shown as recorded, and its experiment is in the controls. Press Start to train it live on top.`,
  });
  return true;
}
