/**
 * The permalink codec: an experiment <-> a readable URL query string
 * (DESIGN.md, "Permalinks" and "The permalink contract"). The page and the
 * CLI share it.
 *
 *   ?v=1&n=128&m=96&w=normal&inputs=parity&k=7&vs=inputs:gaussian,parity,random&vs2=k:2,3,4
 *
 * Keys, value kinds, ranges and defaults all come from FIELDS in ./config;
 * nothing here restates a field name or a range.
 *
 * Value forms: int and number as the shortest decimal that reads back to the
 * same number (String(x)); bool as 0 or 1; enum as its string; scale as a
 * preset or a number (the standard deviation); regime as `online` or an
 * integer; seeds as integers, an optional seed that is derived from the
 * master seed as `auto` (only ever needed inside a compare axis, since the
 * base omits fields at their default). Compare axes are `vs`, `vs2` and
 * `vs3`, each `field:value,value,...`, or `none`: at most two over settings
 * and at most one over the master seed, which may sit in any of the three
 * (`vs=k:2,3,4&vs2=h:32,128&vs3=seed:1,2,3` is a phase map over three seeds).
 *
 * Parsing follows the restore pattern (excalidraw's restore.ts): walk the
 * defaults field by field, take the URL's value where it is valid, keep the
 * default where it is not, and say so in a notice. Parsing never throws, and
 * its result ALWAYS passes validateExperiment: after the field-level pass,
 * the fields the URL set and a validation error names are reverted to their
 * defaults one at a time (a 'reverted' notice quotes the error), then compare
 * axis values that still cause errors are dropped, and as a last resort any
 * remaining URL setting is reverted. The tests check this on generated input.
 */
import {
  AXIS_FIELDS,
  DEFAULT_AXES,
  DEFAULT_CONFIG,
  FIELDS,
  FIELD_BY_KEY,
  MAX_AXIS_VALUES,
  MAX_RUNS,
  MAX_SEED,
  MAX_SETTING_AXES,
  PERMALINK_VERSION,
  axisProblems,
  configProblems,
  defaultExperiment,
  fieldProblem,
  isAxisField,
  isSeedAxis,
  validateExperiment,
  type Axis,
  type AxisField,
  type Config,
  type Experiment,
  type FieldKey,
  type FieldSpec,
  type Problem,
  type Validation,
} from './config';
import { expandRuns } from './experiment';

export interface Notice {
  /** The key of the query string the notice is about (a field, `v`, `vs`, `vs2`, `vs3`, or an unknown key). */
  key: string;
  kind: 'rejected' | 'clamped' | 'unknown' | 'repeated' | 'reverted' | 'migrated';
  /** Plain words for a lecturer: what was wrong and what would be valid. */
  message: string;
}

type Value = Config[FieldKey];
type AxisValue = Config[AxisField];

const VERSION_KEY = 'v';
const AXIS_KEYS = ['vs', 'vs2', 'vs3'] as const;
/** The value of `vs` (or `vs2`, `vs3`) for no compare axis. */
const NO_AXIS = 'none';
/** The value form of an optional seed that is derived from the master seed (null). */
const DERIVED_SEED = 'auto';
/** Longest piece of user text quoted back in a notice. */
const MAX_QUOTED = 40;

// ---------------------------------------------------------------------------
// Migrations

/**
 * Upgrades the raw key/value pairs of a link written at version `from` to
 * version `from + 1`, returning 'migrated' notices for what it changed.
 * Empty while there is only version 1; add an entry when a key or a value
 * form changes, and bump PERMALINK_VERSION.
 */
type Migration = (params: Map<string, string>) => Notice[];
const MIGRATIONS: Readonly<Record<number, Migration>> = {};

function migrate(params: Map<string, string>, from: number): Notice[] {
  const notices: Notice[] = [];
  for (let version = from; version < PERMALINK_VERSION; version++) {
    const step = MIGRATIONS[version];
    if (step) notices.push(...step(params));
  }
  return notices;
}

// ---------------------------------------------------------------------------
// Value forms

/** The text form of a field value, as a permalink writes it: 0/1 for a bool, `auto` for a derived seed. */
export function formatFieldValue(value: Config[FieldKey]): string {
  if (value === null) return DERIVED_SEED;
  if (typeof value === 'boolean') return value ? '1' : '0';
  return String(value);
}

/** A plain decimal: digits, an optional fraction and exponent. No hex, no `Infinity`, no empty string. */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

function readDecimal(text: string): number | null {
  return DECIMAL.test(text) ? Number(text) + 0 : null; // + 0 turns -0 into 0
}

/**
 * Bidirectional formatting characters (embeddings, overrides, isolates, marks):
 * echoed raw into a notice they would reorder the text after them.
 */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

/**
 * User text quoted back as plain text: no control characters, bidirectional
 * controls shown as their escape (\u202E), at most MAX_QUOTED characters.
 */
export function quote(text: string): string {
  const chars = Array.from(text, (ch) => {
    const code = ch.codePointAt(0) ?? 0;
    if (BIDI_CONTROLS.test(ch)) return `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
    return code < 0x20 || (code >= 0x7f && code < 0xa0) ? '\uFFFD' : ch;
  });
  return chars.length > MAX_QUOTED ? `${chars.slice(0, MAX_QUOTED - 1).join('')}…` : chars.join('');
}

function name(spec: FieldSpec): string {
  return `${spec.key} (${spec.label})`;
}

/** What a valid value of the field looks like, in words. */
function describeValid(spec: FieldSpec): string {
  switch (spec.kind) {
    case 'int':
      return `a whole number from ${spec.min} to ${spec.max}`;
    case 'number':
      return spec.minExclusive
        ? `a number above ${spec.min} and at most ${spec.max}`
        : `a number from ${spec.min} to ${spec.max}`;
    case 'enum':
      return `one of ${spec.options.join(', ')}`;
    case 'bool':
      return '0 (off) or 1 (on)';
    case 'scale':
      return `${spec.presets.join(', ')}, or a standard deviation from ${spec.min} to ${spec.max}`;
    case 'regime':
      return `online, or a training-set size from ${spec.min} to ${spec.max}`;
    case 'seed':
      return `a whole number from 0 to ${MAX_SEED}${spec.optional ? ` or ${DERIVED_SEED} (derived from the master seed)` : ''}`;
  }
}

type Read =
  | { status: 'ok'; value: Value }
  /** Moved into range or rounded; `why` says what was wrong with the text ("is not a whole number"). */
  | { status: 'clamped'; value: Value; why: string }
  | { status: 'bad' };

function readWhole(text: string, min: number, max: number): Read {
  const x = readDecimal(text);
  if (x === null) return { status: 'bad' };
  if (!Number.isFinite(x)) {
    const value = x > 0 ? max : min;
    return { status: 'clamped', value, why: `is too ${x > 0 ? 'large' : 'small'}` };
  }
  const rounded = Math.round(x) + 0;
  const value = Math.min(max, Math.max(min, rounded));
  if (value !== rounded) {
    const side = rounded > max ? `above ${max}, the largest` : `below ${min}, the smallest`;
    return { status: 'clamped', value, why: `is ${side} allowed value` };
  }
  if (rounded !== x) return { status: 'clamped', value, why: 'is not a whole number' };
  return { status: 'ok', value };
}

function readReal(text: string, min: number, max: number, minExclusive: boolean): Read {
  const x = readDecimal(text);
  if (x === null) return { status: 'bad' };
  // Nothing is closest to an exclusive bound, so a value at or below it is rejected, not clamped.
  if (minExclusive && x <= min) return { status: 'bad' };
  const value = Math.min(max, Math.max(min, x));
  if (value === x) return { status: 'ok', value };
  if (!Number.isFinite(x)) return { status: 'clamped', value, why: `is too ${x > 0 ? 'large' : 'small'}` };
  const side = x > max ? `above ${max}, the largest` : `below ${min}, the smallest`;
  return { status: 'clamped', value, why: `is ${side} allowed value` };
}

/** Reads one value of a field from the URL's text, clamping numbers into range. */
function readValue(spec: FieldSpec, raw: string): Read {
  const text = raw.trim();
  let read: Read;
  switch (spec.kind) {
    case 'int':
      read = readWhole(text, spec.min, spec.max);
      break;
    case 'number':
      read = readReal(text, spec.min, spec.max, spec.minExclusive ?? false);
      break;
    case 'enum':
      read = spec.options.includes(text) ? { status: 'ok', value: text as Value } : { status: 'bad' };
      break;
    case 'bool':
      read = text === '0' || text === '1' ? { status: 'ok', value: text === '1' } : { status: 'bad' };
      break;
    case 'scale':
      read = (spec.presets as readonly string[]).includes(text)
        ? { status: 'ok', value: text as Value }
        : readReal(text, spec.min, spec.max, false);
      break;
    case 'regime':
      read = text === 'online' ? { status: 'ok', value: text } : readWhole(text, spec.min, spec.max);
      break;
    case 'seed':
      read = spec.optional && text === DERIVED_SEED ? { status: 'ok', value: null } : readWhole(text, 0, MAX_SEED);
      break;
  }
  // config's own check has the last word, so the codec can never let through what validation refuses.
  if (read.status !== 'bad' && fieldProblem(spec, read.value) !== null) return { status: 'bad' };
  return read;
}

/**
 * Reads a value typed into a control, in the same forms as a permalink but
 * strictly: a value out of range is an error, never silently clamped.
 */
export function readFieldText(spec: FieldSpec, text: string): { value: Config[FieldKey] } | { error: string } {
  const read = readValue(spec, text);
  if (read.status === 'ok') return { value: read.value };
  const valid = `${spec.key} takes ${describeValid(spec)}`;
  return { error: read.status === 'clamped' ? `${quote(text.trim())} ${read.why}; ${valid}` : valid };
}

// ---------------------------------------------------------------------------
// Query strings

function decode(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    // Malformed percent-encoding: keep the text as it is; it will be reported, not trusted.
    return spaced;
  }
}

/** The decoded key/value pairs of a query string, in order; a leading `?` and a `#` fragment are ignored. */
function readPairs(query: string | URLSearchParams): [string, string][] {
  if (typeof query !== 'string') return Array.from(query);
  let text = query;
  const hash = text.indexOf('#');
  if (hash >= 0) text = text.slice(0, hash);
  if (text.startsWith('?')) text = text.slice(1);
  const pairs: [string, string][] = [];
  for (const part of text.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    pairs.push(eq < 0 ? [decode(part), ''] : [decode(part.slice(0, eq)), decode(part.slice(eq + 1))]);
  }
  return pairs;
}

function encodeAxis(axis: Axis): string {
  // Each value is encoded on its own so that the ':' and ',' between them stay readable.
  return `${encodeURIComponent(axis.field)}:${axis.values.map((v) => encodeURIComponent(formatFieldValue(v))).join(',')}`;
}

function sameAxes(a: readonly Axis[], b: readonly Axis[]): boolean {
  return (
    a.length === b.length &&
    a.every(
      (axis, i) =>
        axis.field === b[i]!.field &&
        axis.values.length === b[i]!.values.length &&
        axis.values.every((v, j) => v === b[i]!.values[j]),
    )
  );
}

/**
 * The query string of an experiment, without the leading '?'. Only fields
 * that differ from DEFAULT_CONFIG are written, and the axes only when they
 * differ from DEFAULT_AXES; the default experiment is the empty string.
 */
export function serialisePermalink(e: Experiment): string {
  const parts: string[] = [];
  for (const spec of FIELDS) {
    const value = e.base[spec.key];
    if (value !== DEFAULT_CONFIG[spec.key]) parts.push(`${spec.key}=${encodeURIComponent(formatFieldValue(value))}`);
  }
  if (!sameAxes(e.axes, DEFAULT_AXES)) {
    AXIS_KEYS.forEach((key, i) => {
      const axis = e.axes[i];
      if (axis) parts.push(`${key}=${encodeAxis(axis)}`);
      // `none` only where leaving the key out would bring back a default axis (and always for `vs`, so "no axes" is explicit).
      else if (i === 0 || DEFAULT_AXES[i]) parts.push(`${key}=${NO_AXIS}`);
    });
  }
  return parts.length ? [`${VERSION_KEY}=${PERMALINK_VERSION}`, ...parts].join('&') : '';
}

// ---------------------------------------------------------------------------
// Parsing

function cloneAxis(axis: Axis): Axis {
  return { field: axis.field, values: [...axis.values] };
}

function listQuoted(texts: string[]): string {
  const shown = texts.slice(0, 5).map((t) => (t === '' ? '(empty)' : quote(t)));
  return texts.length > 5 ? `${shown.join(', ')} and ${texts.length - 5} more` : shown.join(', ');
}

/** One compare axis from `field:value,value,...`; null for `none` or when nothing valid is left. */
function readAxis(key: string, raw: string, notices: Notice[]): Axis | null {
  const text = raw.trim();
  if (text === NO_AXIS) return null;
  const example = DEFAULT_AXES[0] ? `, for example ${key}=${encodeAxis(DEFAULT_AXES[0])}` : '';
  const colon = text.indexOf(':');
  if (colon < 0) {
    notices.push({
      key,
      kind: 'rejected',
      message: `${key}=${quote(text)} is not a compare axis, so it was dropped: write ${key}=field:value,value,...${example}, or ${key}=${NO_AXIS}`,
    });
    return null;
  }
  const field = text.slice(0, colon).trim();
  if (!isAxisField(field)) {
    notices.push({
      key,
      kind: 'rejected',
      message: `${key}: ${quote(field)} cannot be a compare axis, so the axis was dropped; the fields that can are ${AXIS_FIELDS.join(', ')}`,
    });
    return null;
  }
  const spec = FIELD_BY_KEY[field];
  const values: AxisValue[] = [];
  const seen = new Set<string>();
  const invalid: string[] = [];
  const repeated: string[] = [];
  for (const piece of text.slice(colon + 1).split(',')) {
    const read = readValue(spec, piece);
    if (read.status !== 'ok') {
      invalid.push(piece.trim());
      continue;
    }
    const form = formatFieldValue(read.value);
    if (seen.has(form)) {
      repeated.push(piece.trim());
      continue;
    }
    seen.add(form);
    values.push(read.value as AxisValue);
  }
  if (invalid.length) {
    notices.push({
      key,
      kind: 'rejected',
      message: `${key}: dropped ${listQuoted(invalid)} from the ${field} axis; ${name(spec)} takes ${describeValid(spec)}`,
    });
  }
  if (repeated.length) {
    notices.push({
      key,
      kind: 'repeated',
      message: `${key}: the ${field} axis lists ${listQuoted(repeated)} more than once; each value is run once`,
    });
  }
  if (values.length > MAX_AXIS_VALUES) {
    const dropped = values.splice(MAX_AXIS_VALUES);
    notices.push({
      key,
      kind: 'clamped',
      message: `${key}: a compare axis holds at most ${MAX_AXIS_VALUES} values, so the last ${dropped.length} of the ${field} axis were dropped (${listQuoted(dropped.map(formatFieldValue))})`,
    });
  }
  if (values.length === 0) {
    notices.push({
      key,
      kind: 'rejected',
      message: `${key}: the ${field} axis has no valid value left, so it was dropped`,
    });
    return null;
  }
  return { field, values };
}

/** Reads the compare axes; an absent key keeps the default axis in its place. */
function readAxes(given: Map<string, string>, notices: Notice[]): { axes: Axis[]; keys: string[] } {
  const slots = AXIS_KEYS.map((key, i) => {
    const raw = given.get(key);
    if (raw !== undefined) return readAxis(key, raw, notices);
    const fallback = DEFAULT_AXES[i];
    return fallback ? cloneAxis(fallback) : null;
  });
  // A field varied twice: the later axis goes.
  slots.forEach((axis, i) => {
    if (!axis) return;
    const earlier = slots.findIndex((other, j) => j < i && other?.field === axis.field);
    if (earlier < 0) return;
    notices.push({
      key: AXIS_KEYS[i]!,
      kind: 'rejected',
      message: `${AXIS_KEYS[earlier]!} and ${AXIS_KEYS[i]!} both vary ${axis.field}, so ${AXIS_KEYS[i]!} was dropped; pick different fields`,
    });
    slots[i] = null;
  });
  // At most MAX_SETTING_AXES over settings: the later ones go.
  let settings = 0;
  slots.forEach((axis, i) => {
    if (!axis || isSeedAxis(axis)) return;
    if (++settings <= MAX_SETTING_AXES) return;
    notices.push({
      key: AXIS_KEYS[i]!,
      kind: 'rejected',
      message: `${AXIS_KEYS[i]!}: an experiment compares at most ${MAX_SETTING_AXES} settings, plus the seed; the ${axis.field} axis was dropped (a third axis can only be seed:1,2,3,...)`,
    });
    slots[i] = null;
  });
  const axes: Axis[] = [];
  const keys: string[] = [];
  slots.forEach((axis, i) => {
    if (axis) {
      axes.push(axis);
      keys.push(AXIS_KEYS[i]!);
    }
  });
  // Too many runs: trim the last axis first, then the one before it, as far as needed.
  for (let i = axes.length - 1; i >= 0; i--) {
    const runs = axes.reduce((n, a) => n * a.values.length, 1);
    if (runs <= MAX_RUNS) break;
    const axis = axes[i]!;
    const others = runs / axis.values.length;
    const keep = Math.max(1, Math.floor(MAX_RUNS / others));
    if (keep >= axis.values.length) continue;
    const dropped = axis.values.splice(keep);
    notices.push({
      key: keys[i]!,
      kind: 'clamped',
      message: `${keys[i]!}: ${runs} runs is more than the ${MAX_RUNS} an experiment holds, so the last ${dropped.length} values of the ${axis.field} axis were dropped (${listQuoted(dropped.map(formatFieldValue))}), leaving ${others * axis.values.length} runs`,
    });
  }
  return { axes, keys };
}

function withBase(e: Experiment, key: FieldKey, value: Value): Experiment {
  return { base: { ...e.base, [key]: value }, axes: e.axes };
}

function errorCount(e: Experiment): number {
  return validateExperiment(e).errors.length;
}

function inRun(problem: Problem): string {
  return problem.run ? ` (in the run ${problem.run})` : '';
}

/** Reverts one field to its default: of `candidates`, the one that leaves the fewest errors. */
function revertOne(e: Experiment, candidates: FieldKey[], problem: Problem, notices: Notice[]): void {
  let best = candidates[0]!;
  let fewest = Infinity;
  for (const key of candidates) {
    const n = errorCount(withBase(e, key, DEFAULT_CONFIG[key]));
    if (n < fewest) {
      fewest = n;
      best = key;
    }
  }
  notices.push({
    key: best,
    kind: 'reverted',
    message: `${best}=${formatFieldValue(e.base[best])} was reverted to ${formatFieldValue(DEFAULT_CONFIG[best])}: ${problem.message}${inRun(problem)}`,
  });
  (e.base as Record<FieldKey, Value>)[best] = DEFAULT_CONFIG[best];
}

/** Fields the URL set to something other than the default; the base value of an axis field does not matter. */
function revertible(e: Experiment, fromUrl: ReadonlySet<FieldKey>): FieldKey[] {
  const varied = new Set<FieldKey>(e.axes.map((a) => a.field));
  return FIELDS.map((f) => f.key).filter(
    (key) => fromUrl.has(key) && !varied.has(key) && e.base[key] !== DEFAULT_CONFIG[key],
  );
}

/** Step 1: revert a field that the URL set and that an error names. */
function revertNamedField(e: Experiment, v: Validation, fromUrl: ReadonlySet<FieldKey>, notices: Notice[]): boolean {
  const open = revertible(e, fromUrl);
  for (const problem of v.errors) {
    const candidates = open.filter((key) => problem.fields.includes(key));
    if (candidates.length) {
      revertOne(e, candidates, problem, notices);
      return true;
    }
  }
  return false;
}

/** Step 2: drop the axis value that the most failing runs blame. */
function dropAxisValue(e: Experiment, keys: string[], notices: Notice[]): boolean {
  if (e.axes.length === 0 || axisProblems(e.axes).length > 0) return false;
  const blame = e.axes.map((a) => a.values.map(() => ({ count: 0, problem: null as Problem | null })));
  for (const run of expandRuns(e)) {
    for (const problem of configProblems(run.config).errors) {
      e.axes.forEach((axis, i) => {
        if (!problem.fields.includes(axis.field)) return;
        const entry = blame[i]![axis.values.indexOf(run.values[axis.field] as AxisValue)];
        if (!entry) return;
        entry.count++;
        entry.problem ??= { ...problem, run: run.label };
      });
    }
  }
  let worst: { i: number; j: number; count: number; problem: Problem } | null = null;
  for (let i = 0; i < blame.length; i++) {
    const entries = blame[i]!;
    for (let j = 0; j < entries.length; j++) {
      const { count, problem } = entries[j]!;
      // Ties go to the later axis and the later value, as when trimming to MAX_RUNS.
      if (problem && count > 0 && (!worst || count >= worst.count)) worst = { i, j, count, problem };
    }
  }
  if (!worst) return false;
  const { i, j, problem } = worst;
  const axis = e.axes[i]!;
  const key = keys[i]!;
  const [value] = axis.values.splice(j, 1);
  notices.push({
    key,
    kind: 'rejected',
    message: `${key}: dropped ${axis.field}=${formatFieldValue(value as Value)} from the compare axis: ${problem.message}${inRun(problem)}`,
  });
  if (axis.values.length === 0) {
    e.axes.splice(i, 1);
    keys.splice(i, 1);
    notices.push({
      key,
      kind: 'rejected',
      message: `${key}: the ${axis.field} axis has no value left, so it was dropped`,
    });
  }
  return true;
}

/** Step 3: revert any remaining URL setting (the one that leaves the fewest errors). */
function revertAnyField(e: Experiment, v: Validation, fromUrl: ReadonlySet<FieldKey>, notices: Notice[]): boolean {
  const open = revertible(e, fromUrl);
  if (open.length === 0 || !v.errors[0]) return false;
  revertOne(e, open, v.errors[0], notices);
  return true;
}

/** Step 4: drop the last axis as a whole. */
function dropAxis(e: Experiment, keys: string[], v: Validation, notices: Notice[]): boolean {
  const axis = e.axes.pop();
  const key = keys.pop();
  if (!axis || key === undefined) return false;
  notices.push({
    key,
    kind: 'rejected',
    message: `${key}: the ${axis.field} axis was dropped: ${v.errors[0]?.message ?? 'its runs are not valid'}`,
  });
  return true;
}

/**
 * Makes the experiment valid. Every step reverts a field or removes an axis
 * value, so the loop ends; when it ends, validateExperiment(e).ok is true
 * (the last resort is the default experiment itself, which is valid).
 */
function repair(e: Experiment, keys: string[], fromUrl: ReadonlySet<FieldKey>, notices: Notice[]): Experiment {
  for (;;) {
    const v = validateExperiment(e);
    if (v.ok) return e;
    if (revertNamedField(e, v, fromUrl, notices)) continue;
    if (dropAxisValue(e, keys, notices)) continue;
    if (revertAnyField(e, v, fromUrl, notices)) continue;
    if (dropAxis(e, keys, v, notices)) continue;
    break;
  }
  notices.push({
    key: VERSION_KEY,
    kind: 'reverted',
    message: 'this link does not describe a valid experiment, so the default experiment is shown',
  });
  return defaultExperiment();
}

/**
 * Reads an experiment from a query string (with or without the leading '?';
 * a '#' fragment is ignored) or from URLSearchParams.
 *
 * Never throws, whatever the input. The experiment returned ALWAYS passes
 * validateExperiment: anything in the link that cannot be used is left at its
 * default, clamped into range, reverted or dropped, and every such change is
 * listed in `notices` in plain words. An empty query gives the default
 * experiment and no notices.
 */
export function parsePermalink(query: string | URLSearchParams): { experiment: Experiment; notices: Notice[] } {
  const notices: Notice[] = [];

  // Repeated keys: the first wins; one notice per key lists what was ignored.
  const given = new Map<string, string>();
  const ignored = new Map<string, string[]>();
  for (const [key, value] of readPairs(query)) {
    const extra = ignored.get(key);
    if (!given.has(key)) given.set(key, value);
    else if (extra) extra.push(value);
    else ignored.set(key, [value]);
  }
  for (const [key, values] of ignored) {
    notices.push({
      key: quote(key),
      kind: 'repeated',
      message: `${quote(key)} appears ${values.length + 1} times; the first value (${quote(given.get(key) ?? '')}) is used and ${listQuoted(values)} ${values.length > 1 ? 'are' : 'is'} ignored`,
    });
  }

  // Version: absent means 1; newer links are read as well as possible; older ones are migrated.
  let version = 1;
  const rawVersion = given.get(VERSION_KEY);
  if (rawVersion !== undefined) {
    const x = readDecimal(rawVersion.trim());
    if (x !== null && Number.isInteger(x) && x >= 1) {
      version = x;
    } else {
      version = PERMALINK_VERSION;
      notices.push({
        key: VERSION_KEY,
        kind: 'rejected',
        message: `${VERSION_KEY}=${quote(rawVersion)} is not a link version (a whole number from 1 to ${PERMALINK_VERSION}); the link is read as version ${PERMALINK_VERSION}`,
      });
    }
  }
  if (version > PERMALINK_VERSION) {
    notices.push({
      key: VERSION_KEY,
      kind: 'unknown',
      message: `this link was made by a newer version of the app (${VERSION_KEY}=${version}; this one writes ${VERSION_KEY}=${PERMALINK_VERSION}); it is read as well as possible, and settings this version does not know are listed`,
    });
  } else {
    notices.push(...migrate(given, version));
  }

  // Unknown keys.
  const known = new Set<string>([VERSION_KEY, ...FIELDS.map((f) => f.key), ...AXIS_KEYS]);
  for (const key of given.keys()) {
    if (known.has(key)) continue;
    notices.push({
      key: quote(key),
      kind: 'unknown',
      message: `${key === '' ? 'a value without a key' : quote(key)} is not a setting of this app, so it was ignored; the settings are ${[...known].join(', ')}`,
    });
  }

  // The restore walk: every field starts at its default and takes the URL's value where valid.
  const base: Config = { ...DEFAULT_CONFIG };
  const fromUrl = new Set<FieldKey>();
  for (const spec of FIELDS) {
    const raw = given.get(spec.key);
    if (raw === undefined) continue;
    const read = readValue(spec, raw);
    const kept = formatFieldValue(DEFAULT_CONFIG[spec.key]);
    if (read.status === 'bad') {
      notices.push({
        key: spec.key,
        kind: 'rejected',
        message:
          raw.trim() === ''
            ? `${spec.key} has no value, so it stays at ${kept}; ${name(spec)} takes ${describeValid(spec)}`
            : `${spec.key}=${quote(raw)} was ignored, so ${spec.key} stays at ${kept}; ${name(spec)} takes ${describeValid(spec)}`,
      });
      continue;
    }
    if (read.status === 'clamped') {
      notices.push({
        key: spec.key,
        kind: 'clamped',
        message: `${spec.key}=${quote(raw.trim())} ${read.why}, so ${name(spec)} was set to ${formatFieldValue(read.value)}; it takes ${describeValid(spec)}`,
      });
    }
    (base as Record<FieldKey, Value>)[spec.key] = read.value;
    fromUrl.add(spec.key);
  }

  const { axes, keys } = readAxes(given, notices);
  const experiment = repair({ base, axes }, keys, fromUrl, notices);
  return { experiment, notices };
}
