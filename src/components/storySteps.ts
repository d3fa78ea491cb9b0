/**
 * The guided lecture: seven steps, each an experiment (a permalink query
 * with its recorded result) and a few sentences that say what to point at.
 * The last states what the theorem says and does not say, with the
 * quantifiers of docs/science.md section 1.
 */
import {
  QUESTION_CONTRAST,
  QUESTION_GAUSSIAN,
  QUESTION_PHASE,
  QUESTION_RANDOMNESS,
  QUESTION_WALL_100K,
  type Question,
} from './question';

/** The chart a step puts first and largest: a view of the registry (src/app/viewRegistry.tsx). */
export type StoryFocus = 'loss' | 'weights' | 'preact' | 'wall' | 'phase';

export interface StoryStep {
  title: string;
  query: string;
  focus: StoryFocus;
  /** Two or three sentences, each its own paragraph on the slide. */
  say: readonly string[];
  /** Asked before the step's recording is shown; none where the picture is drawn before any training. */
  ask?: Question;
}

export const STORY: readonly StoryStep[] = [
  {
    title: 'A random teacher is learned',
    query: 'inputs=gaussian&vs=none',
    ask: QUESTION_GAUSSIAN,
    focus: 'loss',
    say: [
      'The teacher is a depth-2 network whose 96 hidden units have weights drawn at random from a normal distribution: the histogram on the right, with the exact density drawn over it.',
      'A student of 128 units trains on it with Adam under Gaussian inputs, and its normalised test loss falls far below 1, the level of a student that only predicts the mean.',
    ],
  },
  {
    title: 'The same teacher, inputs built from its weights',
    query: '',
    ask: QUESTION_CONTRAST,
    focus: 'loss',
    say: [
      'Same teacher, same student, same optimiser; only the inputs change. The adversary builds them from the teacher’s own weights, so that the very same network computes the parity of 7 hidden bits.',
      'Under Gaussian inputs the loss falls; under the built inputs it stays at 1, exactly like the control whose labels are coin flips.',
    ],
  },
  {
    title: 'The weight distribution does not matter',
    query: 'vs=w:normal,uniform,rademacher&vs2=seed:1,2,3',
    ask: QUESTION_RANDOMNESS,
    focus: 'loss',
    say: [
      'Normal, uniform or ±1 weights: the adversary builds the same kind of inputs from whatever was drawn, and every run stays at the trivial level.',
      'Random, natural weights do not protect the learner: the weights are never changed, only the inputs are chosen.',
    ],
  },
  {
    title: 'The pre-activations show why',
    query: '',
    focus: 'preact',
    say: [
      'Under Gaussian inputs every hidden unit of the teacher sees a bell curve. Under the built inputs it sees only a few forced values: a pattern unit is exactly 1 when the secret bits match its pattern, every other unit stays at or below 0.',
      'The units’ sum is then the parity of the secret bits, and no function of fewer bits correlates with it: the gradient has nothing to follow.',
    ],
  },
  {
    title: 'The wall',
    query: 'steps=100000&vs=k:2,3,4,5,6,7&vs2=seed:1,2,3',
    ask: QUESTION_WALL_100K,
    focus: 'wall',
    say: [
      'Steps until the loss first falls below 0.1, for parities of k = 2 to 7 bits, with 100,000 steps each: recorded, because nobody waits for it live.',
      'Every extra bit lengthens the plateau many times over; a triangle on the dashed line is a run whose budget ran out first.',
    ],
  },
  {
    title: 'A wider student moves the wall',
    query: 'steps=12000&vs=k:2,3,4&vs2=h:32,128,512&vs3=seed:1,2,3',
    ask: QUESTION_PHASE,
    focus: 'phase',
    say: [
      'Final normalised loss after 12,000 steps, parity size against student width, over three seeds: light cells learned, dark cells are still near the trivial level.',
      'k = 2 is learned at every width; a wider student brings k = 3 closer, while k = 4 hardly moves. Width moves the wall; it does not remove it.',
    ],
  },
  {
    title: 'What the theorem says, and what it does not',
    query: '',
    focus: 'loss',
    say: [
      'Daniely and Vardi prove that for most draws of natural weights no efficient algorithm learns the network under every input distribution; the input distribution that defeats the learner may depend on the weights, as it does here.',
      'The result is conditional on the hardness of refuting random K-SAT formulas (the RSAT assumption) and is asymptotic in the size of the network.',
      'This lab is a finite demo: gradient training failing within a step budget, on a sparse parity standing in for the paper’s K-SAT construction. It shows the mechanism; it is not a proof of hardness.',
    ],
  },
];
