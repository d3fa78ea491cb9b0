/**
 * Compare axes in a permalink: `vs`, `vs2` and `vs3`, each
 * `field:value,value,...` or `none`. Reading keeps what is valid and says
 * what it dropped; at most two axes over settings and one over the seed, and
 * at most MAX_RUNS runs (the last axis is trimmed first).
 */
import { runCount, isSeedAxis } from './axes';
import {
  AXIS_FIELDS,
  DEFAULT_AXES,
  FIELD_BY_KEY,
  MAX_AXIS_VALUES,
  MAX_RUNS,
  MAX_SETTING_AXES,
  isAxisField,
  type Axis,
  type AxisField,
  type Config,
} from './config';
import { describeValid, formatFieldValue, readValue } from './fieldKinds';
import { listQuoted, name, quote, type Notice } from './notices';

type AxisValue = Config[AxisField];

export const AXIS_KEYS = ['vs', 'vs2', 'vs3'] as const;
/** The value of `vs` (or `vs2`, `vs3`) for no compare axis. */
export const NO_AXIS = 'none';

export function encodeAxis(axis: Axis): string {
  // Each value is encoded on its own so that the ':' and ',' between them stay readable.
  return `${encodeURIComponent(axis.field)}:${axis.values.map((v) => encodeURIComponent(formatFieldValue(v))).join(',')}`;
}

export function sameAxes(a: readonly Axis[], b: readonly Axis[]): boolean {
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

export function cloneAxis(axis: Axis): Axis {
  return { field: axis.field, values: [...axis.values] };
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
export function readAxes(given: Map<string, string>, notices: Notice[]): { axes: Axis[]; keys: string[] } {
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
    const runs = runCount(axes);
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
