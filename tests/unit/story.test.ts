import { describe, expect, it } from 'vitest';
import { nextStep, previousStep, readStoryStep, showStep, STORY_LENGTH } from '../../src/app/story';
import { STORY } from '../../src/components/storySteps';
import { parsePermalink } from '../../src/core/permalink';
import { experimentKey } from '../../src/core/result';
import { useStore } from '../../src/state/store';
import { validateExperiment } from '../../src/core/validate';

describe('the story', () => {
  it('has 6 or 7 steps, each a valid experiment that opens without notices, with two or three sentences', () => {
    expect(STORY.length).toBeGreaterThanOrEqual(6);
    expect(STORY.length).toBeLessThanOrEqual(7);
    for (const step of STORY) {
      const { experiment, notices } = parsePermalink(step.query);
      expect(notices, step.title).toEqual([]);
      expect(validateExperiment(experiment).ok).toBe(true);
      expect(step.say.length).toBeGreaterThanOrEqual(2);
      expect(step.say.length).toBeLessThanOrEqual(3);
    }
  });

  it('ends with what the theorem says and does not say, with its quantifiers (docs/science.md 1)', () => {
    const last = STORY[STORY.length - 1]!.say.join(' ');
    expect(last).toMatch(/for most draws of natural weights/);
    expect(last).toMatch(/every input distribution/);
    expect(last).toMatch(/may depend on the weights/);
    expect(last).toMatch(/RSAT/);
    expect(last).toMatch(/asymptotic/);
    expect(last).toMatch(/not a proof/);
  });

  it('reads the step from the URL and clamps what is not a step, with a notice', () => {
    expect(readStoryStep('3')).toEqual({ step: 2, notice: null });
    expect(readStoryStep('')).toEqual({ step: 0, notice: null });
    expect(readStoryStep('99').step).toBe(STORY_LENGTH - 1);
    expect(readStoryStep('99').notice?.message).toMatch(/story=99 is not a step of the story \(1 to 7\)/);
    expect(readStoryStep('0').step).toBe(0);
    expect(readStoryStep('abc').notice?.message).toMatch(/step 1 is shown/);
    expect(readStoryStep('\u202Ex').notice?.message).not.toMatch(/\u202E/);
  });

  it('moves between steps with the step and its experiment in one store update', () => {
    showStep(0, { push: true });
    const seen: (string | null)[] = [];
    const unsubscribe = useStore.subscribe((now, before) => {
      if (now.experiment !== before.experiment || now.viewParams !== before.viewParams) seen.push(now.viewParams.story);
    });
    nextStep();
    unsubscribe();
    const s = useStore.getState();
    expect(s.viewParams.story).toBe('2');
    expect(experimentKey(s.experiment)).toBe(experimentKey(parsePermalink(STORY[1]!.query).experiment));
    // The experiment and the story key change together, so the URL binding writes one history entry.
    expect(seen).toEqual(['2']);
    previousStep();
    previousStep(); // at the first step: stays
    expect(useStore.getState().viewParams.story).toBe('1');
    showStep(STORY_LENGTH + 5, { push: true });
    expect(useStore.getState().viewParams.story).toBe(String(STORY_LENGTH));
  });
});
