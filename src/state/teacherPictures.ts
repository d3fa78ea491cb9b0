/**
 * Where the teacher pictures (weight histograms, pre-activations) come from
 * at this moment: the preview worker's, drawn from the seeds before any
 * training, or the training worker's, which are the same pictures for the
 * runs it trains. The histogram panels read these hooks, not the runs.
 */
import { useShallow } from 'zustand/react/shallow';
import type { Experiment } from '../core/config';
import type { HistogramData, TeacherView } from '../worker/protocol';
import type { ScienceSetup } from '../worker/views';
import { previewKey } from '../worker/previewKey';
import { resultsAreStale, useStore, type Store } from './store';

const keys = new WeakMap<Experiment, string>();

/** previewKey, computed once per experiment object (the store replaces it on every change). */
function keyOf(e: Experiment): string {
  let k = keys.get(e);
  if (k === undefined) {
    k = previewKey(e);
    keys.set(e, k);
  }
  return k;
}

export interface TeacherPictures {
  teachers: readonly TeacherView[];
  labels: readonly string[];
  preactivations: readonly (HistogramData | null)[];
  /** The construction's pictures, per run in run order (views.ts scienceSetup). */
  science: ScienceSetup;
  /** Pictures of an earlier version of the experiment, shown until the new ones arrive. */
  updating: boolean;
}

const NO_SCIENCE: ScienceSetup = { secrets: [], teacherInfluence: [], unitPreactivations: [], patternWeights: [] };
const NONE: TeacherPictures = { teachers: [], labels: [], preactivations: [], science: NO_SCIENCE, updating: false };

function live(s: Store): TeacherPictures {
  return {
    teachers: s.teachers,
    labels: s.runs.map((r) => r.info.label),
    preactivations: s.runs.map((r) => r.preactivations),
    science: {
      secrets: s.runs.map((r) => r.secret ?? null),
      teacherInfluence: s.runs.map((r) => r.teacherInfluence ?? null),
      unitPreactivations: s.runs.map((r) => r.unitPreactivations ?? null),
      patternWeights: s.patternWeights ?? [],
    },
    updating: false,
  };
}

/**
 * The preview when it belongs to the experiment on screen and is complete;
 * else the live runs' pictures when they are current; else whatever preview
 * there is (partial or of the previous settings), marked as updating.
 */
export function selectTeacherPictures(s: Store): TeacherPictures {
  const p = s.preview;
  const current = p !== null && p.key === keyOf(s.experiment);
  if (p && current && p.complete) return { ...p, updating: false };
  if (s.runs.length > 0 && s.teachers.length > 0 && !resultsAreStale(s)) return live(s);
  if (p) return { ...p, updating: !current || !p.complete };
  return NONE;
}

/** The teachers' weight histograms and the labels of the runs they belong to. */
export function useTeacherWeights(): {
  teachers: readonly TeacherView[];
  labels: readonly string[];
  updating: boolean;
} {
  const teachers = useStore((s) => selectTeacherPictures(s).teachers);
  const labels = useStore(useShallow((s) => selectTeacherPictures(s).labels));
  const updating = useStore((s) => selectTeacherPictures(s).updating);
  return { teachers, labels, updating };
}

/** Per run, the teacher's pre-activations under its inputs (null while not built), with the run labels. */
export function usePreactivationPictures(): {
  labels: readonly string[];
  pictures: readonly (HistogramData | null)[];
  updating: boolean;
} {
  const labels = useStore(useShallow((s) => selectTeacherPictures(s).labels));
  const pictures = useStore(useShallow((s) => selectTeacherPictures(s).preactivations));
  const updating = useStore((s) => selectTeacherPictures(s).updating);
  return { labels, pictures, updating };
}

/**
 * The construction's pictures from the same source as the teacher pictures
 * (the preview before training): per run, its secret bits, the teacher's bit
 * influence and its pattern and dead units' pre-activations; and the pattern
 * units' weights against the others.
 */
export function useSciencePictures(): ScienceSetup & { labels: readonly string[] } {
  const labels = useStore(useShallow((s) => selectTeacherPictures(s).labels));
  const secrets = useStore(useShallow((s) => selectTeacherPictures(s).science.secrets));
  const teacherInfluence = useStore(useShallow((s) => selectTeacherPictures(s).science.teacherInfluence));
  const unitPreactivations = useStore(useShallow((s) => selectTeacherPictures(s).science.unitPreactivations));
  const patternWeights = useStore(useShallow((s) => selectTeacherPictures(s).science.patternWeights));
  return { labels, secrets, teacherInfluence, unitPreactivations, patternWeights };
}

/** Whether any teacher picture is on its way (the panels say "drawing…" instead of nothing). */
export function usePicturesPending(): boolean {
  return useStore((s) => s.previewError === null && selectTeacherPictures(s).teachers.length === 0);
}
