/**
 * Predict, then reveal (issue 13, item 3): which question is open, hiding the
 * recording until it is revealed, and the reveal itself. In the story the
 * step's question is asked; elsewhere `ask=1` asks the preset's question (or
 * a generic one). `revealed=1` in the URL says the answer is on screen, so a
 * link or Back shows the step as the hall last saw it.
 */
import { PRESETS } from '../components/presets';
import { GENERIC_QUESTION, type Question } from '../components/question';
import { STORY } from '../components/storySteps';
import { parsePermalink } from '../core/permalink';
import { keyOfExperiment } from '../state/recordingSlice';
import { useStore, type Store } from '../state/store';
import type { ViewParams } from '../state/viewParams';
import { readStoryStep } from './story';

const PRESET_QUESTIONS = new Map<string, Question>(
  PRESETS.filter((p) => p.ask).map((p) => [keyOfExperiment(parsePermalink(p.query).experiment), p.ask!]),
);

/** The question the page asks now, or null: the story step's, or with `ask=1` the preset's or a generic one. */
export function questionOf(s: Pick<Store, 'viewParams' | 'experiment'>): Question | null {
  const { story, ask } = s.viewParams;
  if (story !== null) return STORY[readStoryStep(story).step]!.ask ?? null;
  if (ask !== '1') return null;
  return PRESET_QUESTIONS.get(keyOfExperiment(s.experiment)) ?? GENERIC_QUESTION;
}

export function isRevealed(view: ViewParams): boolean {
  return view.revealed === '1';
}

/** Shows the answer and the recording; the URL gains `revealed=1`. */
export function reveal(): void {
  useStore.getState().setViewParams({ revealed: '1' });
}

/** The keys that reveal: R, and B or "." that a presenter clicker's black-screen button sends. */
export const REVEAL_KEYS: readonly string[] = ['r', 'R', 'b', 'B', '.'];

/**
 * Keeps `recordingHidden` true while a question is open and not revealed, and
 * asks again (drops `revealed`) when the user picks another experiment
 * outside the story. Returns the unsubscriber.
 */
export function bindQuestion(): () => void {
  const follow = () => {
    const s = useStore.getState();
    const hidden = questionOf(s) !== null && !isRevealed(s.viewParams);
    if (hidden !== s.recordingHidden) useStore.setState({ recordingHidden: hidden });
  };
  follow();
  return useStore.subscribe((s, prev) => {
    const picked =
      s.viewParams.story === null &&
      s.viewParams.revealed !== null &&
      s.viewParams.revealed === prev.viewParams.revealed &&
      s.source !== 'url' &&
      s.source !== 'history' &&
      keyOfExperiment(s.experiment) !== keyOfExperiment(prev.experiment);
    if (picked) s.setViewParams({ revealed: null });
    if (s.viewParams !== prev.viewParams || s.experiment !== prev.experiment) follow();
  });
}
