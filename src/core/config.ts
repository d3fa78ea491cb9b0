/**
 * The experiment model's one table: every field of the permalink contract
 * (docs/architecture.md, "Fields") with its group, limits, default, words
 * for the controls and the rule for when it matters. The Config type, the
 * defaults, the axis fields and the controls' relevance all come from FIELDS;
 * how each kind of field is read, written, checked and described lives in
 * core/fieldKinds.ts; validation in core/validate.ts; the memory model in
 * core/memory.ts.
 */
import {
  boolField,
  derivedSeedField,
  enumField,
  intField,
  numberField,
  regimeField,
  scaleField,
  seedField,
  type FieldSpec,
  type FieldValues,
} from './fieldSpec';
import { FIELD_KINDS } from './fieldKinds';
import { INPUT_KIND_LIST, INPUT_KINDS, inputKind, type InputKind } from './inputs/registry';

export type { FieldGroup, FieldSpec } from './fieldSpec';
export { MAX_SEED } from './fieldSpec';
export type { InputKind } from './inputs/registry';
export { INPUT_KINDS } from './inputs/registry';

export const WEIGHT_SHAPES = ['normal', 'uniform', 'rademacher', 'laplace', 'student-t', 'sparse'] as const;
export type WeightShape = (typeof WEIGHT_SHAPES)[number];

export const SCALE_PRESETS = ['xavier', 'he', 'unit'] as const;
export type ScalePreset = (typeof SCALE_PRESETS)[number];
/** A preset, or an explicit standard deviation. */
export type WeightScale = ScalePreset | number;

export const ACTIVATIONS = ['relu', 'tanh'] as const;
export type Activation = (typeof ACTIVATIONS)[number];

export const OPTIMIZERS = ['adam', 'sgd'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

export const BACKENDS = ['auto', 'webgl', 'webgpu', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

/** Training workers: `auto` lets the split planner choose (core/split.ts), a number asks for that many. */
export type WorkersSetting = 'auto' | `${number}`;
export const MAX_WORKER_SETTING = 16;
export const WORKER_SETTINGS: readonly WorkersSetting[] = [
  'auto',
  ...Array.from({ length: MAX_WORKER_SETTING }, (_, i): WorkersSetting => `${i + 1}`),
];

/** `online` draws fresh samples every step; a number is a fixed training-set size. */
export type TrainRegime = 'online' | number;

/** A field that only some input kinds read matters when one of the experiment's kinds reads it. */
const readByInputs = (values: FieldValues, key: string): boolean =>
  values('inputs').some((kind) => (inputKind(kind as InputKind).fields as readonly string[]).includes(key));

/** Every field, in the order of the permalink contract. */
export const FIELDS = [
  // teacher
  intField({
    key: 'n',
    group: 'teacher',
    min: 2,
    max: 1024,
    default: 128,
    label: 'input dimension',
    help: 'n, the dimension of the inputs x',
  }),
  intField({
    key: 'm',
    group: 'teacher',
    min: 1,
    max: 1024,
    default: 96,
    label: 'teacher width',
    help: 'm, the number of hidden units of the teacher',
  }),
  enumField({
    key: 'w',
    group: 'teacher',
    options: WEIGHT_SHAPES,
    default: 'normal',
    label: 'weight distribution',
    help: 'shape of the i.i.d. entries of the teacher weights W',
  }),
  scaleField({
    key: 'wscale',
    group: 'teacher',
    presets: SCALE_PRESETS,
    min: 1e-6,
    max: 100,
    default: 'xavier',
    label: 'weight scale',
    help: 'xavier (variance 1/n), he (2/n), unit (1), or a standard deviation',
  }),
  numberField({
    key: 'wnu',
    group: 'teacher',
    min: 2,
    max: 100,
    minExclusive: true,
    default: 5,
    label: 'degrees of freedom',
    help: 'nu of the student-t weights (nu > 2 so the variance exists)',
    relevantWhen: (v) => v('w').includes('student-t'),
  }),
  numberField({
    key: 'wp',
    group: 'teacher',
    min: 0.001,
    max: 1,
    default: 0.1,
    label: 'density',
    help: 'probability that a sparse weight is non-zero',
    relevantWhen: (v) => v('w').includes('sparse'),
  }),
  boolField({
    key: 'clip',
    group: 'teacher',
    default: false,
    label: 'clip output to [0, 1]',
    help: "the paper's clip01 on the teacher's output",
  }),
  // inputs
  enumField({
    key: 'inputs',
    group: 'inputs',
    options: INPUT_KINDS,
    default: 'parity',
    label: 'input distribution',
    help: INPUT_KIND_LIST.map((k) => `${k.name} (${k.summary})`).join('; '),
  }),
  numberField({
    key: 'sigma',
    group: 'inputs',
    min: 1e-3,
    max: 100,
    log: true,
    default: 1,
    label: 'gaussian scale',
    help: 'sigma of x ~ N(0, sigma^2 I)',
    relevantWhen: readByInputs,
  }),
  intField({
    key: 'd',
    group: 'inputs',
    min: 1,
    max: 256,
    default: 50,
    label: 'hidden bits',
    help: 'd, the number of hidden bits z of the construction',
    relevantWhen: readByInputs,
  }),
  intField({
    key: 'k',
    group: 'inputs',
    min: 1,
    max: 10,
    default: 7,
    label: 'parity size',
    help: 'k, the number of relevant bits',
    relevantWhen: readByInputs,
  }),
  numberField({
    key: 'c',
    group: 'inputs',
    min: 0,
    max: 10,
    default: 1,
    label: 'dead-unit spread',
    help: 'c, dead units get weights U[-c, c] on every bit',
    relevantWhen: readByInputs,
  }),
  intField({
    key: 'clause',
    group: 'inputs',
    min: 1,
    max: 10,
    default: 3,
    label: 'clause size',
    help: 'K, the number of literals of each ksat clause',
    relevantWhen: readByInputs,
  }),
  // student
  intField({
    key: 'h',
    group: 'student',
    min: 1,
    max: 2048,
    default: 128,
    label: 'student width',
    help: 'h, hidden units per layer of the student',
  }),
  intField({
    key: 'depth',
    group: 'student',
    min: 1,
    max: 3,
    default: 1,
    label: 'hidden layers',
    help: 'number of hidden layers of the student',
  }),
  enumField({
    key: 'act',
    group: 'student',
    options: ACTIVATIONS,
    default: 'relu',
    label: 'activation',
    help: 'activation of the student',
  }),
  // training
  enumField({
    key: 'opt',
    group: 'training',
    options: OPTIMIZERS,
    default: 'adam',
    label: 'optimiser',
    help: 'Adam, or SGD with momentum 0.9',
  }),
  numberField({
    key: 'lr',
    group: 'training',
    min: 1e-6,
    max: 10,
    log: true,
    default: 1e-3,
    label: 'learning rate',
    help: 'step size of the optimiser',
  }),
  intField({
    key: 'bs',
    group: 'training',
    min: 1,
    max: 4096,
    default: 128,
    label: 'batch size',
    help: 'samples per step',
  }),
  intField({
    key: 'steps',
    group: 'training',
    min: 1,
    max: 1_000_000,
    default: 8000,
    label: 'steps',
    help: 'training steps per run',
  }),
  regimeField({
    key: 'train',
    group: 'training',
    min: 1,
    max: 100_000,
    default: 'online',
    label: 'training data',
    help: 'online (fresh samples every step) or a fixed training set of N samples',
  }),
  intField({
    key: 'test',
    group: 'training',
    min: 16,
    max: 65_536,
    default: 4096,
    label: 'test-set size',
    help: 'samples in the fixed test set',
  }),
  // seeds
  seedField({
    key: 'seed',
    group: 'seeds',
    default: 1,
    label: 'master seed',
    help: 'every other seed is derived from it unless set',
  }),
  derivedSeedField({
    key: 'tseed',
    group: 'seeds',
    default: null,
    label: 'teacher seed',
    help: 'draws the teacher weights',
  }),
  derivedSeedField({
    key: 'dseed',
    group: 'seeds',
    default: null,
    label: 'data seed',
    help: 'draws the construction and the samples',
  }),
  derivedSeedField({
    key: 'sseed',
    group: 'seeds',
    default: null,
    label: 'student seed',
    help: 'draws the initialisation and the batch order',
  }),
  // runtime: how, not what, so never a compare axis
  enumField({
    key: 'backend',
    group: 'runtime',
    axis: false,
    options: BACKENDS,
    default: 'auto',
    label: 'backend',
    help: 'auto measures WebGPU, WebGL and wasm on this experiment and picks the fastest; cpu is the last fallback',
  }),
  enumField({
    key: 'workers',
    group: 'runtime',
    axis: false,
    options: WORKER_SETTINGS,
    default: 'auto',
    label: 'workers',
    help: 'training workers; auto spreads the runs over the cores (changes no number, only the speed)',
  }),
] as const;
// Every entry is a FieldSpec. (Not `satisfies` on the array: as a contextual type it would make the
// builders infer every key as plain `string`, and Config would lose its keys.)
FIELDS satisfies readonly FieldSpec[];

type AnyField = (typeof FIELDS)[number];

/** One run's complete configuration (the "base" of an experiment): a value for every field of FIELDS. */
export type Config = { -readonly [F in AnyField as F['key']]: F['default'] };

export type FieldKey = keyof Config;

/** Fields a compare axis may vary: everything but the runtime. The master seed gives the seed axis. */
export type AxisField = Extract<AnyField, { axis: true }>['key'];

export const FIELD_BY_KEY: Readonly<Record<FieldKey, FieldSpec>> = Object.fromEntries(
  FIELDS.map((f) => [f.key, f]),
) as Record<FieldKey, FieldSpec>;

export const AXIS_FIELDS: readonly AxisField[] = FIELDS.filter((f) => f.axis).map((f) => f.key as AxisField);

export function isAxisField(key: string): key is AxisField {
  return (AXIS_FIELDS as readonly string[]).includes(key);
}

/** The default experiment's base: the lecture's central contrast (docs/science.md). */
export const DEFAULT_CONFIG: Readonly<Config> = Object.freeze(
  Object.fromEntries(FIELDS.map((f) => [f.key, f.default])) as Config,
);

/** A compare axis: one field of the base and the values it takes. */
export interface Axis {
  field: AxisField;
  values: Config[AxisField][];
}

export interface Experiment {
  base: Config;
  /**
   * Up to MAX_SETTING_AXES axes over settings plus at most one over the
   * master seed, in any order; runs are their cross product. Runs that differ
   * only in the seed form a group, which the views aggregate.
   */
  axes: Axis[];
}

export const PERMALINK_VERSION = 1;
/**
 * Runs an experiment may hold: enough for the wall over k = 2..8 on 16 seeds
 * (112) or a 3 x 3 phase map on 16 seeds (144), which the sweep trains and
 * the page opens as recordings; the memory check still refuses what a tab
 * could not train.
 */
export const MAX_RUNS = 256;
export const MAX_AXIS_VALUES = 16;
/** Axes over settings (not the seed) an experiment may have: two give a phase map. */
export const MAX_SETTING_AXES = 2;
/** The field of the seed axis, the one axis the views aggregate over instead of comparing. */
export const SEED_AXIS_FIELD = 'seed';

export const DEFAULT_AXES: readonly Axis[] = Object.freeze([
  { field: 'inputs', values: ['gaussian', 'parity', 'random'] },
] satisfies Axis[]);

export function defaultExperiment(): Experiment {
  return {
    base: { ...DEFAULT_CONFIG },
    axes: DEFAULT_AXES.map((a) => ({ field: a.field, values: [...a.values] })),
  };
}

/** The values a field takes across an experiment: the base value, or every value of an axis over it. */
export function fieldValues(e: Experiment): FieldValues {
  return (key) => {
    const axis = e.axes.find((a) => a.field === key);
    return axis ? axis.values : [e.base[key as FieldKey]];
  };
}

/** Whether a field matters for the experiment (FIELDS' relevantWhen); the controls show only these. */
export function isRelevant(spec: FieldSpec, e: Experiment): boolean {
  return spec.relevantWhen ? spec.relevantWhen(fieldValues(e), spec.key) : true;
}

/** Axis fields whose values are numbers, so a wall chart can use them as an x axis. */
export function isNumericField(key: FieldKey): boolean {
  return FIELD_KINDS[FIELD_BY_KEY[key].kind].numeric;
}
