/**
 * Bundled recordings: when an experiment opens (the default page, a link, a
 * preset, a story step, Back), the page looks its experimentKey up in
 * recorded/index.json and, when there is a recording, fetches and shows it
 * at once. Nothing here blocks the page: a recording that cannot be loaded
 * leaves a message and the page trains live as before.
 */
import { parseRecordedIndex, RECORDED_FILE, type RecordedIndex } from '../core/recordedIndex';
import { experimentKey, parseResult, type ResultFile } from '../core/result';
import type { Experiment } from '../core/config';
import { keyOfExperiment } from './recordingSlice';
import { useStore } from './store';

const BASE = `${import.meta.env.BASE_URL}recorded/`;

type Loaded<T> = { ok: true; value: T } | { ok: false; reason: string };

let index: Promise<Loaded<RecordedIndex>> | null = null;
/** Parsed recordings by file, so stepping back and forth fetches each once. */
const files = new Map<string, Promise<Loaded<{ result: ResultFile; experiment: Experiment }>>>();

async function fetchText(url: string): Promise<Loaded<string>> {
  try {
    const res = await fetch(url);
    if (!res.ok) return { ok: false, reason: `the server answered ${res.status}` };
    return { ok: true, value: await res.text() };
  } catch {
    return { ok: false, reason: 'the network is not reachable' };
  }
}

function loadIndex(): Promise<Loaded<RecordedIndex>> {
  index ??= fetchText(`${BASE}index.json`).then((t) => {
    if (!t.ok) return t;
    const read = parseRecordedIndex(t.value);
    return read.ok ? { ok: true, value: read.index } : { ok: false, reason: read.reason };
  });
  return index;
}

function loadFile(file: string): Promise<Loaded<{ result: ResultFile; experiment: Experiment }>> {
  let p = files.get(file);
  if (!p) {
    p = fetchText(`${BASE}${file}`).then((t) => {
      if (!t.ok) return t;
      const read = parseResult(t.value);
      return read.ok
        ? { ok: true, value: { result: read.result, experiment: read.experiment } }
        : { ok: false, reason: read.reasons[0] ?? 'it is not a result' };
    });
    files.set(file, p);
  }
  return p;
}

/** Forget failures, so the next experiment tries the network again. */
function forgetFailures(): void {
  void index?.then((r) => {
    if (!r.ok) index = null;
  });
  for (const [file, p] of files) {
    void p.then((r) => {
      if (!r.ok) files.delete(file);
    });
  }
}

let inFlight: string | null = null;

/** Shows the bundled recording of the experiment on screen, if there is one and it is not shown already. */
export async function followRecording(): Promise<void> {
  const s = useStore.getState();
  const key = keyOfExperiment(s.experiment);
  if ((s.recording && s.recordingKey === key) || inFlight === key) return;
  inFlight = key;
  try {
    const idx = await loadIndex();
    const stillWanted = () => keyOfExperiment(useStore.getState().experiment) === key;
    if (!idx.ok) {
      if (stillWanted()) {
        useStore.getState().setRecordingMessage({
          kind: 'info',
          text: `Recorded results are not available (${idx.reason}); press Start to train the runs live.`,
        });
      }
      return;
    }
    const file = idx.value.recordings[key];
    if (file === undefined || !RECORDED_FILE.test(file)) return;
    const loaded = await loadFile(file);
    if (!stillWanted()) return;
    const store = useStore.getState();
    if (!loaded.ok) {
      store.setRecordingMessage({
        kind: 'info',
        text: `The recorded result of this experiment could not be loaded (${loaded.reason}); press Start to train it live.`,
      });
      return;
    }
    if (experimentKey(loaded.value.experiment) !== key) return; // an index that points at the wrong file shows nothing
    // An opened file of this very experiment stays: the user chose it.
    if (store.recording?.origin === 'file' && store.recordingKey === key) return;
    store.setRecording({ result: loaded.value.result, origin: 'bundled', name: file }, loaded.value.experiment);
    if (store.recordingMessage?.kind === 'info') store.setRecordingMessage(null);
  } finally {
    if (inFlight === key) inFlight = null;
  }
}

let lookup: Promise<void> = Promise.resolve();

/** Resolves once the latest lookup of the experiment's recording has finished, whether it found one or not. */
export function recordingLookupSettled(): Promise<void> {
  return lookup;
}

/** Follows the store's experiment from now on. Returns the unsubscriber. */
export function bindRecordings(): () => void {
  lookup = followRecording();
  return useStore.subscribe((s, prev) => {
    if (s.experiment === prev.experiment) return;
    // A message about the previous experiment's recording is no longer news.
    if (s.recordingMessage?.kind === 'info') s.setRecordingMessage(null);
    forgetFailures();
    lookup = followRecording();
  });
}
