/**
 * The experiment model: types, defaults, limits and validation.
 *
 * This file is the one source of truth for every field of the permalink
 * contract (DESIGN.md). The permalink codec, the CLI and the controls all
 * read FIELDS rather than restating names, ranges or defaults.
 */

import { expandRuns } from './experiment';

export const WEIGHT_SHAPES = ['normal', 'uniform', 'rademacher', 'laplace', 'student-t', 'sparse'] as const;
export type WeightShape = (typeof WEIGHT_SHAPES)[number];

export const SCALE_PRESETS = ['xavier', 'he', 'unit'] as const;
export type ScalePreset = (typeof SCALE_PRESETS)[number];
/** A preset, or an explicit standard deviation. */
export type WeightScale = ScalePreset | number;

export const INPUT_KINDS = ['gaussian', 'parity', 'ksat', 'random'] as const;
export type InputKind = (typeof INPUT_KINDS)[number];

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

/** One run's complete configuration (the "base" of an experiment). */
export interface Config {
  // teacher
  n: number;
  m: number;
  w: WeightShape;
  wscale: WeightScale;
  wnu: number;
  wp: number;
  clip: boolean;
  // inputs
  inputs: InputKind;
  sigma: number;
  d: number;
  k: number;
  c: number;
  clause: number;
  // student
  h: number;
  depth: number;
  act: Activation;
  // training
  opt: OptimizerName;
  lr: number;
  bs: number;
  steps: number;
  train: TrainRegime;
  test: number;
  // seeds
  seed: number;
  tseed: number | null;
  dseed: number | null;
  sseed: number | null;
  // runtime
  backend: BackendName;
  workers: WorkersSetting;
}

export type FieldKey = keyof Config;

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
export const MAX_RUNS = 64;
export const MAX_AXIS_VALUES = 16;
export const MAX_SEED = 0xffffffff;
/** Axes over settings (not the seed) an experiment may have: two give a phase map. */
export const MAX_SETTING_AXES = 2;
/** The field of the seed axis, the one axis the views aggregate over instead of comparing. */
export const SEED_AXIS_FIELD = 'seed';

// ---------------------------------------------------------------------------
// Field specifications

export type FieldGroup = 'teacher' | 'inputs' | 'student' | 'training' | 'seeds' | 'runtime';

interface SpecBase {
  key: FieldKey;
  group: FieldGroup;
  label: string;
  help: string;
}

export interface IntSpec extends SpecBase {
  kind: 'int';
  min: number;
  max: number;
}
export interface NumberSpec extends SpecBase {
  kind: 'number';
  min: number;
  max: number;
  /** Exclusive lower bound (student-t needs nu > 2). */
  minExclusive?: boolean;
  /** Shown and stepped on a log scale in the UI. */
  log?: boolean;
}
export interface EnumSpec extends SpecBase {
  kind: 'enum';
  options: readonly string[];
}
export interface BoolSpec extends SpecBase {
  kind: 'bool';
}
export interface ScaleSpec extends SpecBase {
  kind: 'scale';
  presets: readonly ScalePreset[];
  min: number;
  max: number;
}
export interface RegimeSpec extends SpecBase {
  kind: 'regime';
  min: number;
  max: number;
}
export interface SeedSpec extends SpecBase {
  kind: 'seed';
  /** Derived from the master seed when null. */
  optional: boolean;
}

export type FieldSpec = IntSpec | NumberSpec | EnumSpec | BoolSpec | ScaleSpec | RegimeSpec | SeedSpec;

/** Every field, in the order of the permalink contract. */
export const FIELDS: readonly FieldSpec[] = [
  {
    key: 'n',
    group: 'teacher',
    kind: 'int',
    min: 2,
    max: 1024,
    label: 'input dimension',
    help: 'n, the dimension of the inputs x',
  },
  {
    key: 'm',
    group: 'teacher',
    kind: 'int',
    min: 1,
    max: 1024,
    label: 'teacher width',
    help: 'm, the number of hidden units of the teacher',
  },
  {
    key: 'w',
    group: 'teacher',
    kind: 'enum',
    options: WEIGHT_SHAPES,
    label: 'weight distribution',
    help: 'shape of the i.i.d. entries of the teacher weights W',
  },
  {
    key: 'wscale',
    group: 'teacher',
    kind: 'scale',
    presets: SCALE_PRESETS,
    min: 1e-6,
    max: 100,
    label: 'weight scale',
    help: 'xavier (variance 1/n), he (2/n), unit (1), or a standard deviation',
  },
  {
    key: 'wnu',
    group: 'teacher',
    kind: 'number',
    min: 2,
    max: 100,
    minExclusive: true,
    label: 'degrees of freedom',
    help: 'nu of the student-t weights (nu > 2 so the variance exists)',
  },
  {
    key: 'wp',
    group: 'teacher',
    kind: 'number',
    min: 0.001,
    max: 1,
    label: 'density',
    help: 'probability that a sparse weight is non-zero',
  },
  {
    key: 'clip',
    group: 'teacher',
    kind: 'bool',
    label: 'clip output to [0, 1]',
    help: "the paper's clip01 on the teacher's output",
  },
  {
    key: 'inputs',
    group: 'inputs',
    kind: 'enum',
    options: INPUT_KINDS,
    label: 'input distribution',
    help: 'gaussian (benign), parity or ksat (adversarial, built from W), random labels (control)',
  },
  {
    key: 'sigma',
    group: 'inputs',
    kind: 'number',
    min: 1e-3,
    max: 100,
    log: true,
    label: 'gaussian scale',
    help: 'sigma of x ~ N(0, sigma^2 I)',
  },
  {
    key: 'd',
    group: 'inputs',
    kind: 'int',
    min: 1,
    max: 256,
    label: 'hidden bits',
    help: 'd, the number of hidden bits z of the construction',
  },
  {
    key: 'k',
    group: 'inputs',
    kind: 'int',
    min: 1,
    max: 10,
    label: 'parity size',
    help: 'k, the number of relevant bits',
  },
  {
    key: 'c',
    group: 'inputs',
    kind: 'number',
    min: 0,
    max: 10,
    label: 'dead-unit spread',
    help: 'c, dead units get weights U[-c, c] on every bit',
  },
  {
    key: 'clause',
    group: 'inputs',
    kind: 'int',
    min: 1,
    max: 10,
    label: 'clause size',
    help: 'K, the number of literals of each ksat clause',
  },
  {
    key: 'h',
    group: 'student',
    kind: 'int',
    min: 1,
    max: 2048,
    label: 'student width',
    help: 'h, hidden units per layer of the student',
  },
  {
    key: 'depth',
    group: 'student',
    kind: 'int',
    min: 1,
    max: 3,
    label: 'hidden layers',
    help: 'number of hidden layers of the student',
  },
  {
    key: 'act',
    group: 'student',
    kind: 'enum',
    options: ACTIVATIONS,
    label: 'activation',
    help: 'activation of the student',
  },
  {
    key: 'opt',
    group: 'training',
    kind: 'enum',
    options: OPTIMIZERS,
    label: 'optimiser',
    help: 'Adam, or SGD with momentum 0.9',
  },
  {
    key: 'lr',
    group: 'training',
    kind: 'number',
    min: 1e-6,
    max: 10,
    log: true,
    label: 'learning rate',
    help: 'step size of the optimiser',
  },
  { key: 'bs', group: 'training', kind: 'int', min: 1, max: 4096, label: 'batch size', help: 'samples per step' },
  {
    key: 'steps',
    group: 'training',
    kind: 'int',
    min: 1,
    max: 1_000_000,
    label: 'steps',
    help: 'training steps per run',
  },
  {
    key: 'train',
    group: 'training',
    kind: 'regime',
    min: 1,
    max: 100_000,
    label: 'training data',
    help: 'online (fresh samples every step) or a fixed training set of N samples',
  },
  {
    key: 'test',
    group: 'training',
    kind: 'int',
    min: 16,
    max: 65_536,
    label: 'test-set size',
    help: 'samples in the fixed test set',
  },
  {
    key: 'seed',
    group: 'seeds',
    kind: 'seed',
    optional: false,
    label: 'master seed',
    help: 'every other seed is derived from it unless set',
  },
  {
    key: 'tseed',
    group: 'seeds',
    kind: 'seed',
    optional: true,
    label: 'teacher seed',
    help: 'draws the teacher weights',
  },
  {
    key: 'dseed',
    group: 'seeds',
    kind: 'seed',
    optional: true,
    label: 'data seed',
    help: 'draws the construction and the samples',
  },
  {
    key: 'sseed',
    group: 'seeds',
    kind: 'seed',
    optional: true,
    label: 'student seed',
    help: 'draws the initialisation and the batch order',
  },
  {
    key: 'backend',
    group: 'runtime',
    kind: 'enum',
    options: BACKENDS,
    label: 'backend',
    help: 'auto measures WebGPU, WebGL and wasm on this experiment and picks the fastest; cpu is the last fallback',
  },
  {
    key: 'workers',
    group: 'runtime',
    kind: 'enum',
    options: WORKER_SETTINGS,
    label: 'workers',
    help: 'training workers; auto spreads the runs over the cores (changes no number, only the speed)',
  },
];

export const FIELD_BY_KEY: Readonly<Record<FieldKey, FieldSpec>> = Object.fromEntries(
  FIELDS.map((f) => [f.key, f]),
) as Record<FieldKey, FieldSpec>;

/** Fields a compare axis may vary: everything but the runtime. The master seed gives the seed axis. */
export const AXIS_FIELDS = [
  'n',
  'm',
  'w',
  'wscale',
  'wnu',
  'wp',
  'clip',
  'inputs',
  'sigma',
  'd',
  'k',
  'c',
  'clause',
  'h',
  'depth',
  'act',
  'opt',
  'lr',
  'bs',
  'steps',
  'train',
  'test',
  'tseed',
  'dseed',
  'sseed',
  'seed',
] as const satisfies readonly FieldKey[];
export type AxisField = (typeof AXIS_FIELDS)[number];

export function isAxisField(key: string): key is AxisField {
  return (AXIS_FIELDS as readonly string[]).includes(key);
}

/** The axis over the master seed: its runs are repetitions, aggregated rather than compared. */
export function isSeedAxis(axis: Pick<Axis, 'field'>): boolean {
  return axis.field === SEED_AXIS_FIELD;
}

/** The axes over settings, in order (the seed axis left out). */
export function settingAxes(axes: readonly Axis[]): Axis[] {
  return axes.filter((a) => !isSeedAxis(a));
}

/** The axis over the master seed, if any. */
export function seedAxis(axes: readonly Axis[]): Axis | undefined {
  return axes.find(isSeedAxis);
}

/** Axis fields whose values are numbers, so a wall chart can use them as an x axis. */
export function isNumericField(key: FieldKey): boolean {
  const kind = FIELD_BY_KEY[key].kind;
  return kind === 'int' || kind === 'number' || kind === 'seed';
}

// ---------------------------------------------------------------------------
// Defaults: the lecture's central contrast (DESIGN.md, "The permalink contract").

export const DEFAULT_CONFIG: Readonly<Config> = Object.freeze({
  n: 128,
  m: 96,
  w: 'normal',
  wscale: 'xavier',
  wnu: 5,
  wp: 0.1,
  clip: false,
  inputs: 'parity',
  sigma: 1,
  d: 50,
  k: 7,
  c: 1,
  clause: 3,
  h: 128,
  depth: 1,
  act: 'relu',
  opt: 'adam',
  lr: 1e-3,
  bs: 128,
  steps: 8000,
  train: 'online',
  test: 4096,
  seed: 1,
  tseed: null,
  dseed: null,
  sseed: null,
  backend: 'auto',
  workers: 'auto',
} satisfies Config);

export const DEFAULT_AXES: readonly Axis[] = Object.freeze([
  { field: 'inputs', values: ['gaussian', 'parity', 'random'] },
] satisfies Axis[]);

export function defaultExperiment(): Experiment {
  return {
    base: { ...DEFAULT_CONFIG },
    axes: DEFAULT_AXES.map((a) => ({ field: a.field, values: [...a.values] })),
  };
}

// ---------------------------------------------------------------------------
// Single-field checks (used by the permalink parser and the controls)

/** Why `value` is not valid for `spec`, or null when it is. */
export function fieldProblem(spec: FieldSpec, value: unknown): string | null {
  switch (spec.kind) {
    case 'int':
      if (typeof value !== 'number' || !Number.isInteger(value)) return `${spec.key} must be a whole number`;
      return value < spec.min || value > spec.max ? `${spec.key} must be between ${spec.min} and ${spec.max}` : null;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return `${spec.key} must be a number`;
      if (spec.minExclusive ? value <= spec.min : value < spec.min)
        return `${spec.key} must be ${spec.minExclusive ? 'above' : 'at least'} ${spec.min}`;
      return value > spec.max ? `${spec.key} must be at most ${spec.max}` : null;
    case 'enum':
      return typeof value === 'string' && spec.options.includes(value)
        ? null
        : `${spec.key} must be one of ${spec.options.join(', ')}`;
    case 'bool':
      return typeof value === 'boolean' ? null : `${spec.key} must be 0 or 1`;
    case 'scale':
      if (typeof value === 'string') {
        return (spec.presets as readonly string[]).includes(value)
          ? null
          : `${spec.key} must be ${spec.presets.join(', ')} or a standard deviation`;
      }
      if (typeof value !== 'number' || !Number.isFinite(value)) return `${spec.key} must be a preset or a number`;
      return value < spec.min || value > spec.max ? `${spec.key} must be between ${spec.min} and ${spec.max}` : null;
    case 'regime':
      if (value === 'online') return null;
      if (typeof value !== 'number' || !Number.isInteger(value)) return `${spec.key} must be online or a whole number`;
      return value < spec.min || value > spec.max
        ? `a training set must hold between ${spec.min} and ${spec.max} samples`
        : null;
    case 'seed':
      if (value === null) return spec.optional ? null : `${spec.key} is required`;
      if (typeof value !== 'number' || !Number.isInteger(value)) return `${spec.key} must be a whole number`;
      return value < 0 || value > MAX_SEED ? `${spec.key} must be between 0 and ${MAX_SEED}` : null;
  }
}

// ---------------------------------------------------------------------------
// Whole-experiment validation

export interface Problem {
  /** The fields the problem concerns, so the UI can show it beside them. */
  fields: FieldKey[];
  message: string;
  /** Label of the run it concerns, when it depends on the axes. */
  run?: string;
}

export interface Validation {
  ok: boolean;
  errors: Problem[];
  warnings: Problem[];
}

/** Inputs built from the teacher's weights by the construction of SCIENCE.md 2. */
export function usesConstruction(inputs: InputKind): boolean {
  return inputs !== 'gaussian';
}

/** Rough bytes a run needs on the device, for refusing what would not fit. */
export function estimateRunBytes(c: Config): number {
  const f32 = 4;
  const studentParams = c.n * c.h + (c.depth - 1) * c.h * c.h + c.h * c.depth + c.h + 1;
  // parameters, gradients and two Adam moments
  const params = 4 * studentParams;
  const activations = 3 * c.bs * (c.n + c.depth * c.h);
  const testSet = c.test * (c.n + 1) + c.test * c.h * c.depth;
  const trainSet = c.train === 'online' ? 0 : c.train * (c.n + 1);
  return f32 * (params + activations + testSet + trainSet);
}

export const MEMORY_BUDGET_BYTES = 1.5 * 2 ** 30;
/**
 * What one training worker costs before any run (tfjs and its wasm heap, a
 * worker's JS heap, compiled shaders): a round figure on the safe side. The
 * split planner (core/split.ts) starts fewer workers when memory is short.
 */
export const WORKER_FIXED_BYTES = 96 * 2 ** 20;

/**
 * E[sum_i relu(<w_i, x>)] under gaussian inputs: each pre-activation is about
 * N(0, sigma^2 s^2 n), whose relu has mean sigma s sqrt(n) / sqrt(2 pi).
 * Well above 1 the clipped label is 1 almost always.
 */
export function expectedTeacherSum(c: Config): number {
  const s =
    c.wscale === 'xavier'
      ? Math.sqrt(1 / c.n)
      : c.wscale === 'he'
        ? Math.sqrt(2 / c.n)
        : c.wscale === 'unit'
          ? 1
          : c.wscale;
  return (c.m * c.sigma * s * Math.sqrt(c.n)) / Math.sqrt(2 * Math.PI);
}

/** Problems of one run's configuration in isolation. */
export function configProblems(c: Config): { errors: Problem[]; warnings: Problem[] } {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  for (const spec of FIELDS) {
    const p = fieldProblem(spec, c[spec.key]);
    if (p) errors.push({ fields: [spec.key], message: p });
  }
  if (errors.length) return { errors, warnings };

  if (usesConstruction(c.inputs)) {
    const what = c.inputs === 'random' ? 'random labels (inputs as in parity)' : c.inputs;
    if (c.m >= c.n) {
      errors.push({
        // inputs too: when a compare axis varies the inputs, the message names the run it is about.
        fields: ['m', 'n', 'inputs'],
        message: `${what} needs a teacher width m below the input dimension n, so that W has a null space; m is ${c.m} and n is ${c.n}`,
      });
    }
    if (c.inputs !== 'ksat') {
      const patterns = 2 ** (c.k - 1);
      if (c.m <= patterns) {
        errors.push({
          fields: ['k', 'm'],
          message: `${c.inputs === 'random' ? what : 'parity'} with k=${c.k} needs a teacher width m above ${patterns} (2^(k-1) pattern units); m is ${c.m}`,
        });
      }
      if (c.k > c.d) {
        errors.push({
          fields: ['k', 'd'],
          message: `parity size k=${c.k} cannot exceed the number of hidden bits d=${c.d}`,
        });
      }
    } else if (c.clause > c.d) {
      errors.push({
        fields: ['clause', 'd'],
        message: `clause size ${c.clause} cannot exceed the number of hidden bits d=${c.d}`,
      });
    }
    if (c.c === 0) {
      warnings.push({
        fields: ['c'],
        message:
          'with dead-unit spread c=0 the dead units no longer depend on the bits, which weakens what hides the secret bits',
      });
    }
  } else if (c.clip && expectedTeacherSum(c) > 2) {
    warnings.push({
      fields: ['clip', 'sigma', 'wscale'],
      message:
        'with the clip on, gaussian inputs of this scale saturate the label at 1 for most samples; the normalised loss is then meaningless (lower sigma or the weight scale)',
    });
  }
  if (c.train !== 'online' && c.train < c.bs) {
    warnings.push({
      fields: ['train', 'bs'],
      message: `the training set (${c.train}) is smaller than a batch (${c.bs}); every step sees the whole set`,
    });
  }
  const bytes = estimateRunBytes(c);
  if (bytes > MEMORY_BUDGET_BYTES) {
    errors.push({
      fields: ['n', 'h', 'depth', 'bs', 'test', 'train'],
      message: `this run would need about ${formatBytes(bytes)}, above the ${formatBytes(MEMORY_BUDGET_BYTES)} a browser tab can count on`,
    });
  }
  return { errors, warnings };
}

export function formatBytes(b: number): string {
  if (b >= 2 ** 30) return `${(b / 2 ** 30).toFixed(1)} GiB`;
  if (b >= 2 ** 20) return `${(b / 2 ** 20).toFixed(0)} MiB`;
  return `${(b / 2 ** 10).toFixed(0)} KiB`;
}

/** Problems of the axes themselves, before any run is expanded. */
export function axisProblems(axes: readonly Axis[]): Problem[] {
  const problems: Problem[] = [];
  const settings = settingAxes(axes);
  if (settings.length > MAX_SETTING_AXES) {
    problems.push({
      fields: settings.map((a) => a.field),
      message: `at most ${MAX_SETTING_AXES} compare axes over settings (plus one over the seed); this experiment has ${settings.length}`,
    });
  }
  if (axes.length - settings.length > 1) {
    problems.push({ fields: [SEED_AXIS_FIELD], message: 'at most one compare axis over the seed' });
  }
  const fields = axes.map((a) => a.field);
  const repeated = fields.filter((f, i) => fields.indexOf(f) !== i);
  for (const field of new Set(repeated)) {
    if (field === SEED_AXIS_FIELD) continue; // said above
    problems.push({
      fields: [field],
      message: `two compare axes vary ${field}; pick different fields`,
    });
  }
  for (const axis of axes) {
    if (!isAxisField(axis.field)) {
      problems.push({ fields: [], message: `${String(axis.field)} cannot be a compare axis` });
      continue;
    }
    if (axis.values.length === 0)
      problems.push({ fields: [axis.field], message: `the ${axis.field} axis has no values` });
    if (axis.values.length > MAX_AXIS_VALUES) {
      problems.push({
        fields: [axis.field],
        message: `the ${axis.field} axis has ${axis.values.length} values; at most ${MAX_AXIS_VALUES}`,
      });
    }
    const seen = new Set(axis.values.map((v) => String(v)));
    if (seen.size !== axis.values.length) {
      problems.push({ fields: [axis.field], message: `the ${axis.field} axis repeats a value` });
    }
    for (const v of axis.values) {
      const p = fieldProblem(FIELD_BY_KEY[axis.field], v);
      if (p) problems.push({ fields: [axis.field], message: `compare axis value ${String(v)}: ${p}` });
    }
  }
  const runs = axes.reduce((acc, a) => acc * Math.max(1, a.values.length), 1);
  if (runs > MAX_RUNS) {
    problems.push({
      fields: axes.map((a) => a.field),
      message: `${runs} runs; an experiment holds at most ${MAX_RUNS}`,
    });
  }
  return problems;
}

/** Everything wrong with an experiment, in words a user can act on. */
export function validateExperiment(e: Experiment): Validation {
  const errors: Problem[] = axisProblems(e.axes);
  const warnings: Problem[] = [];
  if (errors.length === 0) {
    const runs = expandRuns(e);
    const single = runs.length === 1;
    const seenMessages = new Set<string>();
    for (const run of runs) {
      const p = configProblems(run.config);
      for (const [list, target] of [
        [p.errors, errors],
        [p.warnings, warnings],
      ] as const) {
        for (const problem of list) {
          // One message per distinct problem: a base problem shows once, not once per run.
          const key = problem.message;
          if (seenMessages.has(key)) continue;
          seenMessages.add(key);
          const varied = problem.fields.some((f) => f in run.values);
          target.push(single || !varied ? problem : { ...problem, run: run.label });
        }
      }
    }
    // Runs train side by side in one tab: their memory adds up, plus at least one worker's own
    // (the split planner starts more workers only where memory allows them).
    const total = runs.reduce((sum, r) => sum + estimateRunBytes(r.config), 0) + WORKER_FIXED_BYTES;
    if (errors.length === 0 && total > MEMORY_BUDGET_BYTES) {
      errors.push({
        fields: e.axes.map((a) => a.field),
        message: `these ${runs.length} runs together would need about ${formatBytes(total)} with a training worker's own memory, above the ${formatBytes(MEMORY_BUDGET_BYTES)} a browser tab can count on; use fewer runs or smaller sizes`,
      });
    }
  }
  return { ok: errors.length === 0, errors, warnings };
}
