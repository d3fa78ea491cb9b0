/**
 * One descriptor per kind of field: how its value is read from text (a
 * permalink, a control, the CLI), written back, checked, described in words
 * and hinted beside its control. The parser, the validation, the controls
 * and the CLI all ask these, so a new kind of field is one entry here, and
 * TypeScript refuses a kind without every operation.
 */
import {
  DERIVED_SEED,
  MAX_SEED,
  type BoolSpec,
  type EnumSpec,
  type FieldKindName,
  type FieldSpec,
  type IntSpec,
  type NumberSpec,
  type RegimeSpec,
  type ScaleSpec,
  type SeedSpec,
} from './fieldSpec';

export type FieldValue = number | string | boolean | null;

export type Read =
  | { status: 'ok'; value: FieldValue }
  /** Moved into range or rounded; `why` says what was wrong with the text ("is not a whole number"). */
  | { status: 'clamped'; value: FieldValue; why: string }
  | { status: 'bad' };

export interface FieldKind<S extends FieldSpec> {
  /** Reads a value from text (already trimmed), clamping numbers into range. */
  read(spec: S, text: string): Read;
  /** The text form a permalink writes; read() reads it back to the same value. */
  format(value: S['default']): string;
  /** Why `value` is not valid for the field, or null when it is. */
  problem(spec: S, value: unknown): string | null;
  /** What a valid value looks like, in words ("a whole number from 2 to 1024"). */
  describe(spec: S): string;
  /** The short range shown beside the field's control ("2 – 1024"). */
  hint(spec: S): string;
  /** The control that edits it. */
  control: 'select' | 'checkbox' | 'text';
  /** Values offered while typing into a text control. */
  suggestions(spec: S): readonly string[];
  /** Whether its values are numbers that can stand on an x axis (the wall chart). */
  numeric: boolean;
}

/** A plain decimal: digits, an optional fraction and exponent. No hex, no `Infinity`, no empty string. */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

export function readDecimal(text: string): number | null {
  return DECIMAL.test(text) ? Number(text) + 0 : null; // + 0 turns -0 into 0
}

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

function wholeProblem(key: string, value: unknown, min: number, max: number): string | null {
  if (typeof value !== 'number' || !Number.isInteger(value)) return `${key} must be a whole number`;
  return value < min || value > max ? `${key} must be between ${min} and ${max}` : null;
}

const range = (min: number, max: number) => `${min} – ${max}`;
const none = (): readonly string[] => [];

const int: FieldKind<IntSpec> = {
  read: (s, text) => readWhole(text, s.min, s.max),
  format: String,
  problem: (s, v) => wholeProblem(s.key, v, s.min, s.max),
  describe: (s) => `a whole number from ${s.min} to ${s.max}`,
  hint: (s) => range(s.min, s.max),
  control: 'text',
  suggestions: none,
  numeric: true,
};

const number: FieldKind<NumberSpec> = {
  read: (s, text) => readReal(text, s.min, s.max, s.minExclusive ?? false),
  format: String,
  problem: (s, v) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) return `${s.key} must be a number`;
    if (s.minExclusive ? v <= s.min : v < s.min)
      return `${s.key} must be ${s.minExclusive ? 'above' : 'at least'} ${s.min}`;
    return v > s.max ? `${s.key} must be at most ${s.max}` : null;
  },
  describe: (s) =>
    s.minExclusive ? `a number above ${s.min} and at most ${s.max}` : `a number from ${s.min} to ${s.max}`,
  hint: (s) => `${s.minExclusive ? '>' : ''}${range(s.min, s.max)}`,
  control: 'text',
  suggestions: none,
  numeric: true,
};

const enumeration: FieldKind<EnumSpec> = {
  read: (s, text) => (s.options.includes(text) ? { status: 'ok', value: text } : { status: 'bad' }),
  format: String,
  problem: (s, v) =>
    typeof v === 'string' && s.options.includes(v) ? null : `${s.key} must be one of ${s.options.join(', ')}`,
  describe: (s) => `one of ${s.options.join(', ')}`,
  hint: () => '',
  control: 'select',
  suggestions: (s) => s.options,
  numeric: false,
};

const bool: FieldKind<BoolSpec> = {
  read: (_, text) => (text === '0' || text === '1' ? { status: 'ok', value: text === '1' } : { status: 'bad' }),
  format: (v) => (v ? '1' : '0'),
  problem: (s, v) => (typeof v === 'boolean' ? null : `${s.key} must be 0 or 1`),
  describe: () => '0 (off) or 1 (on)',
  hint: () => '',
  control: 'checkbox',
  suggestions: none,
  numeric: false,
};

const scale: FieldKind<ScaleSpec> = {
  read: (s, text) => (s.presets.includes(text) ? { status: 'ok', value: text } : readReal(text, s.min, s.max, false)),
  format: String,
  problem: (s, v) => {
    if (typeof v === 'string') {
      return s.presets.includes(v) ? null : `${s.key} must be ${s.presets.join(', ')} or a standard deviation`;
    }
    if (typeof v !== 'number' || !Number.isFinite(v)) return `${s.key} must be a preset or a number`;
    return v < s.min || v > s.max ? `${s.key} must be between ${s.min} and ${s.max}` : null;
  },
  describe: (s) => `${s.presets.join(', ')}, or a standard deviation from ${s.min} to ${s.max}`,
  hint: (s) => `preset or ${range(s.min, s.max)}`,
  control: 'text',
  suggestions: (s) => s.presets,
  numeric: false,
};

const regime: FieldKind<RegimeSpec> = {
  read: (s, text) => (text === 'online' ? { status: 'ok', value: text } : readWhole(text, s.min, s.max)),
  format: String,
  problem: (s, v) => {
    if (v === 'online') return null;
    if (typeof v !== 'number' || !Number.isInteger(v)) return `${s.key} must be online or a whole number`;
    return v < s.min || v > s.max ? `a training set must hold between ${s.min} and ${s.max} samples` : null;
  },
  describe: (s) => `online, or a training-set size from ${s.min} to ${s.max}`,
  hint: (s) => `online or ${range(s.min, s.max)}`,
  control: 'text',
  suggestions: () => ['online', '5000'],
  numeric: false,
};

const seed: FieldKind<SeedSpec> = {
  read: (s, text) =>
    s.optional && text === DERIVED_SEED ? { status: 'ok', value: null } : readWhole(text, 0, MAX_SEED),
  format: (v) => (v === null ? DERIVED_SEED : String(v)),
  problem: (s, v) => {
    if (v === null) return s.optional ? null : `${s.key} is required`;
    if (typeof v !== 'number' || !Number.isInteger(v)) return `${s.key} must be a whole number`;
    return v < 0 || v > MAX_SEED ? `${s.key} must be between 0 and ${MAX_SEED}` : null;
  },
  describe: (s) =>
    `a whole number from 0 to ${MAX_SEED}${s.optional ? ` or ${DERIVED_SEED} (derived from the master seed)` : ''}`,
  hint: (s) => (s.optional ? `${DERIVED_SEED} or 0 – 2³²−1` : '0 – 2³²−1'),
  control: 'text',
  suggestions: (s) => (s.optional ? [DERIVED_SEED] : []),
  numeric: true,
};

type KindTable = { [K in FieldKindName]: FieldKind<Extract<FieldSpec, { kind: K }>> };

export const FIELD_KINDS: KindTable = { int, number, enum: enumeration, bool, scale, regime, seed };

/** The descriptor of a field's kind, typed for the field. */
export function kindOf<S extends FieldSpec>(spec: S): FieldKind<S> {
  return FIELD_KINDS[spec.kind] as unknown as FieldKind<S>;
}

/**
 * Reads one value of a field from text. The kind's own check has the last
 * word, so no reader can let through what validation refuses.
 */
export function readValue(spec: FieldSpec, raw: string): Read {
  const read = kindOf(spec).read(spec, raw.trim());
  if (read.status !== 'bad' && kindOf(spec).problem(spec, read.value) !== null) return { status: 'bad' };
  return read;
}

/** Why `value` is not valid for the field, or null when it is. */
export function fieldProblem(spec: FieldSpec, value: unknown): string | null {
  return kindOf(spec).problem(spec, value);
}

/** What a valid value of the field looks like, in words. */
export function describeValid(spec: FieldSpec): string {
  return kindOf(spec).describe(spec);
}

/**
 * The text form of a field value as a permalink writes it. The value forms
 * of all kinds are told apart by the value alone (a bool is 0/1, a derived
 * seed `auto`, everything else its String), so no field is needed; a test
 * checks that this is each kind's own format for every field.
 */
export function formatFieldValue(value: FieldValue): string {
  if (value === null) return DERIVED_SEED;
  if (typeof value === 'boolean') return value ? '1' : '0';
  return String(value);
}
