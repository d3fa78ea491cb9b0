/**
 * The guided story's navigation: which step the URL's `story` key names, and
 * moving between steps. A step is an experiment: going to it loads its
 * experiment (and so its recording) and writes both into the URL in one
 * history entry, so Back walks the story backwards and a link opens the step.
 */
import type { Notice } from '../core/permalink';
import { parsePermalink } from '../core/permalink';
import { STORY } from '../components/storySteps';
import * as engine from '../state/engine';
import { keyOfExperiment } from '../state/recordingSlice';
import { useStore } from '../state/store';

export const STORY_LENGTH = STORY.length;

/** The 0-based step the URL's text names, and a notice when the text had to be read generously. */
export function readStoryStep(raw: string): { step: number; notice: Notice | null } {
  const text = raw.trim();
  if (text === '') return { step: 0, notice: null };
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (Number.isInteger(n) && n >= 1 && n <= STORY_LENGTH) return { step: n - 1, notice: null };
  const step = Number.isInteger(n) && n > STORY_LENGTH ? STORY_LENGTH - 1 : 0;
  // Shown back as the user typed it, but never more than a few characters of it.
  const shown = Array.from(text)
    .slice(0, 12)
    .join('')
    .replace(/[^\x20-\x7e]/gu, '\uFFFD');
  return {
    step,
    notice: {
      key: 'story',
      kind: 'clamped',
      message: `story=${shown} is not a step of the story (1 to ${STORY_LENGTH}), so step ${step + 1} is shown`,
    },
  };
}

/** The step on screen, or null outside the story. */
export function currentStep(): number | null {
  const raw = useStore.getState().viewParams.story;
  return raw === null ? null : readStoryStep(raw).step;
}

/**
 * Shows step `step` (clamped into the story): its experiment, no live runs
 * of the previous step, its recording when there is one. `push` adds a
 * history entry (the buttons and keys); otherwise the URL is rewritten in
 * place (opening a link, repairing its story value).
 */
export function showStep(step: number, opts: { push: boolean; notices?: Notice[] }): void {
  const i = Math.min(STORY_LENGTH - 1, Math.max(0, Math.trunc(step)));
  const { experiment } = parsePermalink(STORY[i]!.query);
  const s = useStore.getState();
  const sameExperiment = keyOfExperiment(experiment) === keyOfExperiment(s.experiment);
  if (!sameExperiment) engine.stopWorker();
  useStore.setState((prev) => ({
    // A new step asks its question afresh; the same step (a link, Back) keeps whether it was revealed.
    viewParams: {
      ...prev.viewParams,
      story: String(i + 1),
      revealed: prev.viewParams.story === String(i + 1) ? prev.viewParams.revealed : null,
    },
    // Steps that share an experiment (the contrast is shown twice) keep its runs and its recording.
    ...(sameExperiment
      ? {}
      : { experiment, source: opts.push ? ('preset' as const) : ('url' as const), revision: prev.revision + 1 }),
    notices: opts.notices ?? (opts.push ? [] : prev.notices),
  }));
  if (!sameExperiment) {
    // The previous step's live runs would only mislead beside this step's recording.
    const now = useStore.getState();
    now.clearRuns(now.revision);
    now.setEngine('idle', null);
  }
}

export function nextStep(): void {
  const step = currentStep();
  if (step !== null && step < STORY_LENGTH - 1) showStep(step + 1, { push: true });
}

export function previousStep(): void {
  const step = currentStep();
  if (step !== null && step > 0) showStep(step - 1, { push: true });
}

export function enterStory(step = 0): void {
  showStep(step, { push: true });
}

/** Back to the full lab, keeping the experiment of the step on screen. */
export function leaveStory(): void {
  useStore.getState().setViewParams({ story: null, revealed: null });
}

/**
 * Keeps the experiment on screen the one of the step the URL names: on
 * opening a `?story=N` link and whenever the story key changes (Back).
 * Returns the unsubscriber.
 */
export function bindStory(): () => void {
  const follow = () => {
    const s = useStore.getState();
    const raw = s.viewParams.story;
    if (raw === null) return;
    const { step, notice } = readStoryStep(raw);
    const wanted = parsePermalink(STORY[step]!.query).experiment;
    const canonical = String(step + 1);
    if (raw !== canonical || keyOfExperiment(wanted) !== keyOfExperiment(s.experiment)) {
      showStep(step, { push: false, notices: notice ? [...s.notices, notice] : s.notices });
    }
  };
  follow();
  return useStore.subscribe((s, prev) => {
    // After the current change has settled: Back sets the view keys and then the experiment, in two updates.
    if (s.viewParams.story !== prev.viewParams.story) queueMicrotask(follow);
  });
}
