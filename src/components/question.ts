/**
 * A question put to the audience before a recorded result is shown (issue 13,
 * item 3): the story's steps and the presets carry one each where it makes
 * sense, with the answer the recording shows and why, in numbers that agree
 * with docs/science.md section 3.
 */
export interface Question {
  prompt: string;
  /** Two to four answers to choose from. */
  choices: readonly string[];
  /** Index into `choices` of the answer the recording shows; null when only the recording can say. */
  answer: number | null;
  /** What the recording shows, said after the reveal. */
  why: string;
}

/** Asked (with `ask=1`) about an experiment that is no preset: the one thing every recording shows. */
export const GENERIC_QUESTION: Question = {
  prompt: 'Will the test loss of these runs fall below 0.1 within their step budget?',
  choices: ['Yes, every run', 'Some runs, not all', 'No run'],
  answer: null,
  why: 'The recording is now shown: read each run’s end against the dashed level of 0.1.',
};

export const QUESTION_CONTRAST: Question = {
  prompt:
    'Same teacher, but the inputs are built from its weights so that it computes the parity of 7 hidden bits. Will the student learn it within 8,000 steps?',
  choices: [
    'Yes, as fast as under Gaussian inputs',
    'Yes, but more slowly',
    'No: the loss stays at 1, like the random-label control',
  ],
  answer: 2,
  why: 'Under Gaussian inputs the loss is below 0.1 by about 4,000 steps; under the built inputs it stays at 1.00, as with coin-flip labels. At k = 7 no reference run leaves 1 even within 100,000 steps.',
};

export const QUESTION_RANDOMNESS: Question = {
  prompt:
    'The teacher’s weights are drawn normal, uniform or ±1. Does any of them let the student learn within 8,000 steps?',
  choices: ['Yes, the ±1 weights', 'Yes, the uniform weights', 'No: every run stays at the trivial level'],
  answer: 2,
  why: 'All nine runs end at a normalised loss of 1.00: the adversary builds the same kind of inputs from whatever was drawn.',
};

export const QUESTION_WALL_100K: Question = {
  prompt: 'With 100,000 steps each, which parity sizes k (of 2 to 7) bring the loss below 0.1?',
  choices: [
    'All of them, given enough steps',
    'k = 2 to 4 in every run, k = 5 and 6 in some runs at best, k = 7 in none',
    'Only k = 2',
  ],
  answer: 1,
  why: 'k = 2, 3 and 4 are learned after about 5,000, 16,000-23,000 and 26,000-37,000 steps; k = 5 and 6 vary from seed to seed; k = 7 stays at 1 throughout (docs/science.md: none of 4 reference runs by 100,000).',
};

export const QUESTION_PHASE: Question = {
  prompt:
    'After 12,000 steps, a parity of 4 bits: does a student 4 times wider (512 hidden units instead of 128) learn it?',
  choices: [
    'Yes, the wider student learns it',
    'It hardly moves: still far from learned',
    'The wider student does worse',
  ],
  answer: 1,
  why: 'At k = 4 every width ends between about 0.35 and 0.70; only k = 2 is learned at every width. Width moves the wall; it does not remove it.',
};

export const QUESTION_GAUSSIAN: Question = {
  prompt:
    'A student of 128 units trains for 8,000 steps on a random teacher under Gaussian inputs. Where does its test loss end?',
  choices: ['Near 1: it learns nothing', 'About halfway, near 0.5', 'Below 0.1'],
  answer: 2,
  why: 'It falls below 0.1 after about 3,500 steps and ends near 0.05 (docs/science.md: 0.05-0.06 at 10,000 steps).',
};

export const QUESTION_PARITY_WALL: Question = {
  prompt: 'With 40,000 steps each, which parity sizes k (of 2 to 7) bring the loss below 0.1?',
  choices: ['All of them', 'k = 2 to 4, and k = 5 in some runs', 'Only k = 2'],
  answer: 1,
  why: 'k = 2 to 4 are learned in every run, k = 5 by one seed in three (at 36,000 steps), k = 6 and 7 not at all.',
};

export const QUESTION_MEMORISATION: Question = {
  prompt: 'The student trains on a fixed set of 5,000 samples for 20,000 steps. What does its test loss do?',
  choices: ['Falls with the training loss', 'Stays at or above the trivial level of 1', 'Falls below 0.1 near the end'],
  answer: 1,
  why: 'The training loss falls as the set is memorised; the test loss ends above 1 (about 2.5): nothing about the parity was learned.',
};
