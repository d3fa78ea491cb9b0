/**
 * The permalink codec: an experiment <-> a readable URL query string
 * (docs/architecture.md, "Permalinks"). The page and the
 * CLI share it.
 *
 *   ?v=1&n=128&m=96&w=normal&inputs=parity&k=7&vs=inputs:gaussian,parity,random&vs2=k:2,3,4
 *
 * Keys, value kinds, ranges and defaults all come from FIELDS in ./config
 * and the field kinds in ./fieldKinds; nothing here restates a field name or
 * a range. The pieces live beside it by idea: query strings (queryString.ts),
 * compare axes (permalinkAxes.ts), making a link valid (repair.ts) and the
 * notices (notices.ts).
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
  DEFAULT_AXES,
  DEFAULT_CONFIG,
  FIELDS,
  PERMALINK_VERSION,
  type Config,
  type Experiment,
  type FieldKey,
  type FieldSpec,
} from './config';
import { describeValid, formatFieldValue, readDecimal, readValue } from './fieldKinds';
import { listQuoted, name, quote, type Notice } from './notices';
import { AXIS_KEYS, NO_AXIS, encodeAxis, readAxes, sameAxes } from './permalinkAxes';
import { readPairs } from './queryString';
import { repair } from './repair';

export type { Notice } from './notices';

type Value = Config[FieldKey];

const VERSION_KEY = 'v';

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

/**
 * Reads a value typed into a control, in the same forms as a permalink but
 * strictly: a value out of range is an error, never silently clamped.
 */
export function readFieldText(spec: FieldSpec, text: string): { value: Config[FieldKey] } | { error: string } {
  const read = readValue(spec, text);
  if (read.status === 'ok') return { value: read.value as Config[FieldKey] };
  const valid = `${spec.key} takes ${describeValid(spec)}`;
  return { error: read.status === 'clamped' ? `${quote(text.trim())} ${read.why}; ${valid}` : valid };
}

// ---------------------------------------------------------------------------
// Writing

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
// Reading

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
    (base as Record<FieldKey, Value>)[spec.key] = read.value as Value;
    fromUrl.add(spec.key);
  }

  const { axes, keys } = readAxes(given, notices);
  const experiment = repair({ base, axes }, keys, fromUrl, notices);
  return { experiment, notices };
}
