/**
 * The one result format (docs/architecture.md, "The one result format"):
 * what `npm run -s experiment -- '<query>' --json` prints, what the record
 * script stores under public/recorded/, what the page exports and what a
 * user may open. Typed, versioned, and parsed like a permalink: whatever the
 * input, parseResult never throws, and it either returns a result that is
 * valid in every number or says, in plain words, why not.
 *
 * A result holds no timings, so the same permalink on the same backend gives
 * the same file, byte for byte.
 */
import * as v from 'valibot';
import { FIELDS, type Axis, type Config, type Experiment } from './config';
import { expandRuns, type AxisValues } from './experiment';
import { parsePermalink, serialisePermalink, type Notice } from './permalink';

export const RESULT_FORMAT = 'natural-weights-lab/result';
export const RESULT_VERSION = 1;
/** Files above this size are refused before they are read (the whole recorded set is under 1 MB). */
export const MAX_RESULT_BYTES = 20 * 1024 * 1024;
/**
 * Largest normalised loss a result may hold. A run is declared diverged once
 * its loss passes 1e8 times the label variance (train/session.ts), so a
 * finite value above this cannot come from the engine.
 */
export const MAX_NMSE = 1e9;

/** Fixed-bin histogram as stored: `counts.length` equal bins over [lo, hi]. */
export interface HistogramRecord {
  lo: number;
  hi: number;
  counts: number[];
  /** Values below lo and above hi, in no bin. */
  below: number;
  above: number;
  /** Every value counted, in a bin or not (non-finite ones included). */
  total: number;
}

export interface ResultPoint {
  step: number;
  testNmse: number;
  /** Mean raw batch MSE since the previous evaluation; null at step 0. */
  trainLoss: number | null;
  /** At weight-snapshot steps of construction runs: the influence of each hidden bit on the student (docs/science.md 2.6). */
  bitInfluence?: number[];
}

/** The student's weights at the end of the run, as the page draws them. */
export interface StudentRecord {
  /** All first-layer weights. */
  firstLayer: HistogramRecord;
  /** First-layer weights projected on the input directions of the secret bits, and of all other bits (docs/science.md 2.6). */
  secretProjection?: HistogramRecord;
  otherProjection?: HistogramRecord;
}

export interface ResultFinal {
  step: number;
  /** null once diverged. */
  testNmse: number | null;
  accuracy: number | null;
  diverged: boolean;
  bitInfluence?: number[];
  student?: StudentRecord;
}

export interface ResultRun {
  label: string;
  values: AxisValues;
  /** The secret bits S of the construction (parity and random labels), increasing. */
  secret?: number[];
  /** Var(y_test), the denominator of the normalised loss: it puts the raw train loss on the NMSE scale. */
  labelVariance?: number;
  curve: ResultPoint[];
  final: ResultFinal;
}

export interface ResultFile {
  format: typeof RESULT_FORMAT;
  version: typeof RESULT_VERSION;
  /** The canonical permalink query of the experiment (serialisePermalink). */
  permalink: string;
  config: Config;
  axes: Axis[];
  /** What the permalink parser changed to open the link (empty for a link the CLI ran as given). */
  notices: Notice[];
  /** The tfjs backend the runs trained on ('pytorch' for a sweep's file). */
  backend: string;
  /** The engine, when not the lab's own: 'pytorch' for `npm run sweep` (absent: the lab's tfjs engine). */
  engine?: string;
  /** Where that engine ran: 'cpu' or 'cuda'. */
  device?: string;
  /** Versions of what trained the runs, e.g. { torch, distributed, python }. */
  versions?: Record<string, string>;
  runs: ResultRun[];
}

// ---------------------------------------------------------------------------
// Schema

const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const finite = v.pipe(v.number(), v.finite());
const nonNegative = v.pipe(v.number(), v.finite(), v.minValue(0));
const nmse = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(MAX_NMSE));
const influence = v.pipe(
  v.array(v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(MAX_NMSE))),
  v.maxLength(256),
);

const histogramSchema = v.pipe(
  v.object({
    lo: finite,
    hi: finite,
    counts: v.pipe(v.array(count), v.maxLength(10_000)),
    below: count,
    above: count,
    total: count,
  }),
  v.check((h) => h.hi > h.lo, 'a histogram needs hi above lo'),
  v.check((h) => h.counts.length > 0, 'a histogram needs at least one bin'),
  v.check(
    (h) => h.counts.reduce((s, c) => s + c, 0) + h.below + h.above <= h.total,
    'a histogram counts more values than its total',
  ),
);

const pointSchema = v.object({
  step: count,
  testNmse: nmse,
  trainLoss: v.nullable(nonNegative),
  bitInfluence: v.optional(influence),
});

const finalSchema = v.object({
  step: count,
  testNmse: v.nullable(nmse),
  accuracy: v.nullable(v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(1))),
  diverged: v.boolean(),
  bitInfluence: v.optional(influence),
  student: v.optional(
    v.object({
      firstLayer: histogramSchema,
      secretProjection: v.optional(histogramSchema),
      otherProjection: v.optional(histogramSchema),
    }),
  ),
});

const runSchema = v.object({
  label: v.pipe(v.string(), v.maxLength(400)),
  values: v.record(v.string(), v.union([v.string(), v.number(), v.boolean(), v.null()])),
  secret: v.optional(v.pipe(v.array(count), v.maxLength(256))),
  labelVariance: v.optional(nonNegative),
  curve: v.pipe(v.array(pointSchema), v.maxLength(100_000)),
  final: finalSchema,
});

const fileSchema = v.object({
  format: v.literal(RESULT_FORMAT),
  version: v.literal(RESULT_VERSION),
  permalink: v.pipe(v.string(), v.maxLength(4000)),
  config: v.record(v.string(), v.unknown()),
  axes: v.array(v.unknown()),
  notices: v.array(v.object({ key: v.string(), kind: v.string(), message: v.string() })),
  backend: v.pipe(v.string(), v.maxLength(40)),
  engine: v.optional(v.pipe(v.string(), v.maxLength(40))),
  device: v.optional(v.pipe(v.string(), v.maxLength(40))),
  versions: v.optional(v.record(v.string(), v.pipe(v.string(), v.maxLength(80)))),
  runs: v.pipe(v.array(runSchema), v.maxLength(1000)),
});

// ---------------------------------------------------------------------------
// Parsing

export type ResultParse = { ok: true; result: ResultFile; experiment: Experiment } | { ok: false; reasons: string[] };

const MAX_REASONS = 5;

function where(path: readonly { key?: unknown }[] | undefined): string {
  if (!path || path.length === 0) return 'the file';
  return path
    .map((p, i) => (typeof p.key === 'number' ? `[${p.key}]` : `${i === 0 ? '' : '.'}${String(p.key)}`))
    .join('');
}

function failed(reasons: string[]): ResultParse {
  const shown = reasons.slice(0, MAX_REASONS);
  if (reasons.length > MAX_REASONS) shown.push(`and ${reasons.length - MAX_REASONS} more problems`);
  return { ok: false, reasons: shown };
}

/** The shape says what a field is not; these say what it is for a reader who has never seen the schema. */
function shapeReasons(input: unknown): string[] | null {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return ['this is not a Natural Weights Lab result: a result is a JSON object'];
  }
  const o = input as Record<string, unknown>;
  if (o.format !== RESULT_FORMAT) {
    return [
      `this is not a Natural Weights Lab result: it has no "format": "${RESULT_FORMAT}" (a result is what \`npm run -s experiment -- '<query>' --json\` prints, or what the lab exports as JSON)`,
    ];
  }
  if (o.version !== RESULT_VERSION) {
    const newer = typeof o.version === 'number' && o.version > RESULT_VERSION;
    return [
      `this result is of format version ${JSON.stringify(o.version)}; this lab reads version ${RESULT_VERSION}${newer ? ' (the file was made by a newer lab)' : ''}`,
    ];
  }
  return null;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The file's config equals the permalink's, field by field. A runtime field
 * (backend, workers) changes no number, so a file written before one existed
 * may lack it; every other field must be there and equal.
 */
function sameConfig(config: Record<string, unknown>, base: Config): boolean {
  const known = new Set<string>(FIELDS.map((f) => f.key));
  if (Object.keys(config).some((k) => !known.has(k))) return false;
  return FIELDS.every((spec) =>
    spec.key in config ? sameJson(config[spec.key], base[spec.key]) : spec.group === 'runtime',
  );
}

/** What ties a result to its experiment: the permalink opens unchanged, and the runs are that experiment's runs. */
function consistencyReasons(r: v.InferOutput<typeof fileSchema>): { reasons: string[]; experiment: Experiment } {
  const reasons: string[] = [];
  const { experiment, notices } = parsePermalink(r.permalink);
  if (notices.length > 0) {
    reasons.push(`its permalink does not open as it is: ${notices.map((n) => n.message).join('; ')}`);
  } else if (serialisePermalink(experiment) !== r.permalink) {
    reasons.push('its permalink is not in the canonical form this lab writes');
  }
  if (!sameConfig(r.config, experiment.base) || !sameJson(r.axes, experiment.axes)) {
    reasons.push('its config and axes do not match its permalink');
  }
  const plans = expandRuns(experiment);
  if (r.runs.length !== plans.length) {
    reasons.push(`its experiment has ${plans.length} runs but the file holds ${r.runs.length}`);
    return { reasons, experiment };
  }
  r.runs.forEach((run, i) => {
    const plan = plans[i]!;
    const at = `runs[${i}]`;
    if (run.label !== plan.label)
      reasons.push(`${at} is labelled ${JSON.stringify(run.label)}, expected ${plan.label}`);
    let last = -1;
    for (const p of run.curve) {
      if (p.step <= last) {
        reasons.push(`${at}.curve: steps must increase (step ${p.step} after ${last})`);
        break;
      }
      last = p.step;
    }
    if (last > plan.config.steps)
      reasons.push(`${at}.curve goes to step ${last}, past its budget of ${plan.config.steps}`);
    if (run.final.step > plan.config.steps) reasons.push(`${at}.final.step is past its budget of ${plan.config.steps}`);
    if (run.final.diverged !== (run.final.testNmse === null)) {
      reasons.push(`${at}.final: a run has no final loss exactly when it diverged`);
    }
    const d = plan.config.d;
    const influences = [run.final.bitInfluence, ...run.curve.map((p) => p.bitInfluence)];
    if (influences.some((b) => b !== undefined && b.length !== d)) {
      reasons.push(`${at}: a bit influence must hold one number per hidden bit (d=${d})`);
    }
    if (
      run.secret &&
      (run.secret.some((j, k) => j >= d || (k > 0 && j <= run.secret![k - 1]!)) || run.secret.length !== plan.config.k)
    ) {
      reasons.push(`${at}.secret must list k=${plan.config.k} distinct bits below d=${d}, increasing`);
    }
  });
  return { reasons, experiment };
}

/**
 * Reads a result from JSON text (or an already parsed value). Never throws.
 * On success, `experiment` is the experiment the result belongs to.
 */
export function parseResult(input: string | unknown): ResultParse {
  let value: unknown = input;
  if (typeof input === 'string') {
    if (input.length > MAX_RESULT_BYTES) {
      return failed([`the file is larger than ${MAX_RESULT_BYTES / 2 ** 20} MB; a result is far smaller`]);
    }
    try {
      value = JSON.parse(input);
    } catch (e) {
      const trimmed = input.trimEnd();
      const truncated =
        trimmed.length > 0 && (trimmed.startsWith('{') || trimmed.startsWith('[')) && !/[}\]]$/.test(trimmed);
      return failed([
        truncated
          ? 'the file ends in the middle of the JSON: it was cut short (truncated)'
          : `the file is not JSON (${e instanceof Error ? e.message : String(e)})`,
      ]);
    }
  }
  const shape = shapeReasons(value);
  if (shape) return failed(shape);
  const parsed = v.safeParse(fileSchema, value);
  if (!parsed.success) {
    return failed(parsed.issues.map((issue) => `${where(issue.path)}: ${issue.message}`));
  }
  const { reasons, experiment } = consistencyReasons(parsed.output);
  if (reasons.length > 0) return failed(reasons);
  return { ok: true, result: parsed.output as unknown as ResultFile, experiment };
}

// ---------------------------------------------------------------------------
// Building

/**
 * The permalink of an experiment with its runtime fields (backend and the
 * like, which change no number) at their defaults: two experiments with the
 * same key have the same results, so a recording applies to both.
 */
export function experimentKey(e: Experiment): string {
  const base = { ...e.base };
  for (const spec of FIELDS) {
    if (spec.group === 'runtime') (base as Record<string, unknown>)[spec.key] = defaultOf(spec.key);
  }
  return serialisePermalink({ base, axes: e.axes });
}

function defaultOf(key: keyof Config): unknown {
  return parsePermalink('').experiment.base[key];
}

/** A result for an experiment from its runs, in the field order the CLI prints. */
export function buildResult(args: {
  experiment: Experiment;
  notices: Notice[];
  backend: string;
  runs: ResultRun[];
}): ResultFile {
  return {
    format: RESULT_FORMAT,
    version: RESULT_VERSION,
    permalink: serialisePermalink(args.experiment),
    config: args.experiment.base,
    axes: args.experiment.axes,
    notices: args.notices,
    backend: args.backend,
    runs: args.runs,
  };
}

/** JSON text of a result: one line, the same bytes for the same result. */
export function serialiseResult(r: ResultFile): string {
  return JSON.stringify(r);
}
