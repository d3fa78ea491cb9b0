import { afterEach, describe, expect, it } from 'vitest';
import { bindQuestion, questionOf, reveal } from '../../src/app/question';
import { PRESETS } from '../../src/components/presets';
import { GENERIC_QUESTION } from '../../src/components/question';
import { STORY } from '../../src/components/storySteps';
import { parsePermalink } from '../../src/core/permalink';
import { useStore } from '../../src/state/store';
import { NO_VIEW_PARAMS } from '../../src/state/viewParams';

const initial = useStore.getState();
afterEach(() => useStore.setState(initial, true));

function open(query: string, view: Partial<typeof NO_VIEW_PARAMS>) {
  useStore.setState({ experiment: parsePermalink(query).experiment, viewParams: { ...NO_VIEW_PARAMS, ...view } });
}

describe('predict, then reveal', () => {
  it('every question has two to four answers and its answer among them', () => {
    const questions = [...STORY.map((s) => s.ask), ...PRESETS.map((p) => p.ask)].filter((q) => q !== undefined);
    expect(questions.length).toBeGreaterThanOrEqual(8);
    for (const q of questions) {
      expect(q.choices.length).toBeGreaterThanOrEqual(2);
      expect(q.choices.length).toBeLessThanOrEqual(4);
      expect(q.answer).not.toBeNull();
      expect(q.choices[q.answer!]).toBeDefined();
    }
  });

  it('asks the story step’s question, the preset’s with ask=1, a generic one for other experiments, none without', () => {
    open('', { story: '2' });
    expect(questionOf(useStore.getState())).toBe(STORY[1]!.ask);
    open('', { story: '7' });
    expect(questionOf(useStore.getState())).toBeNull();
    open(PRESETS.find((p) => p.id === 'phase')!.query, { ask: '1' });
    expect(questionOf(useStore.getState())).toBe(PRESETS.find((p) => p.id === 'phase')!.ask);
    open('k=3&vs=none', { ask: '1' });
    expect(questionOf(useStore.getState())).toBe(GENERIC_QUESTION);
    open('', { ask: '0' });
    expect(questionOf(useStore.getState())).toBeNull();
    open('', {});
    expect(questionOf(useStore.getState())).toBeNull();
  });

  it('hides the recording until revealed, and asks again when another experiment is picked', () => {
    open('', { ask: '1' });
    const unbind = bindQuestion();
    expect(useStore.getState().recordingHidden).toBe(true);
    reveal();
    expect(useStore.getState().viewParams.revealed).toBe('1');
    expect(useStore.getState().recordingHidden).toBe(false);
    useStore.getState().loadExperiment(parsePermalink('k=3&vs=none').experiment, 'preset');
    expect(useStore.getState().viewParams.revealed).toBeNull();
    expect(useStore.getState().recordingHidden).toBe(true);
    useStore.getState().setViewParams({ ask: null });
    expect(useStore.getState().recordingHidden).toBe(false);
    unbind();
  });
});
