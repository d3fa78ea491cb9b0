/**
 * Named experiments for the preset menu and the lecture, each a permalink
 * query so that a preset is exactly what its link reproduces. Every preset
 * ships with its recorded result (`npm run -s record`, public/recorded/).
 */
import {
  QUESTION_CONTRAST,
  QUESTION_MEMORISATION,
  QUESTION_PARITY_WALL,
  QUESTION_PHASE,
  QUESTION_RANDOMNESS,
  QUESTION_WALL_100K,
  type Question,
} from './question';

export interface Preset {
  id: string;
  title: string;
  query: string;
  /** What to point at while it runs. */
  say: string;
  showTrain?: boolean;
  /** Asked before the recording is shown when the page has `ask=1`. */
  ask?: Question;
  /** Recorded by the PyTorch sweep (too long for the lab's engine here), shipped with `record --from`. */
  recordedBy?: 'sweep';
}

const SIXTEEN_SEEDS = Array.from({ length: 16 }, (_, i) => i + 1).join(',');

export const PRESETS: readonly Preset[] = [
  {
    id: 'contrast',
    ask: QUESTION_CONTRAST,
    title: 'The central contrast',
    query: '',
    say: 'One random teacher, three input distributions: learned at once under Gaussian inputs, stuck at the trivial level under the adversarial parity inputs, exactly like the random-label control.',
  },
  {
    id: 'randomness',
    ask: QUESTION_RANDOMNESS,
    title: 'Randomness does not help',
    query: 'vs=w:normal,uniform,rademacher&vs2=seed:1,2,3',
    say: 'Normal, uniform or ±1 weights: the adversary builds the same hard inputs from whatever was drawn, and every run stalls alike.',
  },
  {
    id: 'parity-wall',
    ask: QUESTION_PARITY_WALL,
    title: 'How hard is parity',
    query: 'steps=40000&vs=k:2,3,4,5,6,7&vs2=seed:1,2,3',
    say: 'The plateau at normalised loss 1 grows with every extra parity bit: k = 2 to 4 are learned within the budget, k = 5 by one seed in three, 6 and 7 not at all. The wall chart shows steps-until-learned against k.',
  },
  {
    id: 'wall-100k',
    ask: QUESTION_WALL_100K,
    title: 'The wall at 100,000 steps (recorded)',
    query: 'steps=100000&vs=k:2,3,4,5,6,7&vs2=seed:1,2,3',
    say: 'Parity of k = 2 to 7 bits with a budget of 100,000 steps each, far longer than anyone waits live: every extra bit lengthens the plateau, the largest parities break through late or not at all, and k = 7 stays at the trivial level throughout.',
  },
  {
    id: 'wall-16',
    ask: QUESTION_WALL_100K,
    title: 'The wall over sixteen seeds (recorded with PyTorch)',
    query: `steps=100000&vs=k:2,3,4,5,6,7&vs2=seed:${SIXTEEN_SEEDS}`,
    say: 'The same wall with sixteen seeds per k, trained by the PyTorch sweep on the lab’s own constructions: the medians show the plateau lengthening with every bit, and the spread at k = 5 and 6 shows why three seeds could not settle when those break through.',
    recordedBy: 'sweep',
  },
  {
    id: 'memorisation',
    ask: QUESTION_MEMORISATION,
    title: 'Memorisation',
    query: 'train=5000&steps=20000&vs=none',
    say: 'A fixed training set of 5000 samples: the training loss falls as the student memorises it, while the test loss stays at or above the trivial level.',
    showTrain: true,
  },
  {
    id: 'phase',
    ask: QUESTION_PHASE,
    title: 'Phase map: k against student width',
    query: 'steps=12000&vs=k:2,3,4&vs2=h:32,128,512&vs3=seed:1,2,3',
    say: 'After 12,000 steps k = 2 is learned at every width, wider students bring k = 3 closer, and k = 4 hardly moves: a wider student moves the wall but does not remove it.',
  },
];
