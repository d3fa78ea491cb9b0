/**
 * The permalink codec (docs/architecture.md, "Permalinks"):
 * documented examples, rejection of bad values, round trips of every valid
 * experiment, and robustness on generated and mutated query strings.
 *
 * Expectations come from FIELDS, DEFAULT_CONFIG and validateExperiment, not
 * from copies of them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AXIS_FIELDS,
  DEFAULT_AXES,
  DEFAULT_CONFIG,
  FIELDS,
  FIELD_BY_KEY,
  MAX_AXIS_VALUES,
  MAX_RUNS,
  MAX_SEED,
  PERMALINK_VERSION,
  defaultExperiment,
  type Axis,
  type AxisField,
  type Config,
  type Experiment,
  type FieldKey,
  type FieldSpec,
} from '../../src/core/config';
import { parsePermalink, readFieldText, serialisePermalink, type Notice } from '../../src/core/permalink';
import { configProblems, validateExperiment } from '../../src/core/validate';
import { runCount } from '../../src/core/axes';
import { formatFieldValue } from '../../src/core/fieldKinds';

type Value = Config[FieldKey];

const AXIS_KEYS = ['vs', 'vs2', 'vs3'];
const ALLOWED_KEYS = new Set<string>(['v', ...FIELDS.map((f) => f.key), ...AXIS_KEYS]);
const SCRIPT = '<script>alert(1)</script>';

/** The key/value pairs of a query string as the platform reads them. */
function pairsOf(query: string): [string, string][] {
  let text = query;
  const hash = text.indexOf('#');
  if (hash >= 0) text = text.slice(0, hash);
  return Array.from(new URLSearchParams(text.replace(/^\?/, '')));
}

function kinds(notices: Notice[], key: string): Notice['kind'][] {
  return notices.filter((n) => n.key === key).map((n) => n.kind);
}

function expectValid(e: Experiment): void {
  const v = validateExperiment(e);
  expect(v.errors).toEqual([]);
  expect(v.ok).toBe(true);
}

/** Does the URL text `raw` ask for `value`? The value forms of the contract, read independently of the codec. */
function asksFor(raw: string, value: Value | undefined): boolean {
  const t = raw.trim();
  if (value === undefined) return false;
  if (value === null) return t === 'auto';
  if (typeof value === 'boolean') return t === (value ? '1' : '0');
  if (typeof value === 'string') return t === value;
  return t !== '' && Number(t) === value;
}

/**
 * Checks that the experiment is exactly what the query asked for: each given
 * field has the given value, every other field its default, and the axes are
 * the given ones (or the default ones where `vs`/`vs2` is absent).
 */
function expectAsked(query: string, e: Experiment): void {
  const pairs = pairsOf(query);
  const asked = new Map(pairs);
  expect(asked.size, 'a repeated key without a notice').toBe(pairs.length);
  for (const key of asked.keys()) expect(ALLOWED_KEYS, 'an unknown key without a notice').toContain(key);
  const version = asked.get('v');
  if (version !== undefined) expect(asksFor(version, PERMALINK_VERSION)).toBe(true);
  for (const spec of FIELDS) {
    const raw = asked.get(spec.key);
    if (raw === undefined) expect(e.base[spec.key], spec.key).toBe(DEFAULT_CONFIG[spec.key]);
    else expect(asksFor(raw, e.base[spec.key]), `${spec.key}=${raw} read as ${String(e.base[spec.key])}`).toBe(true);
  }
  const expected: ({ field: string; texts: string[] } | Axis)[] = [];
  AXIS_KEYS.forEach((key, i) => {
    const raw = asked.get(key);
    if (raw === undefined) {
      if (DEFAULT_AXES[i]) expected.push(DEFAULT_AXES[i]);
    } else if (raw.trim() !== 'none') {
      const colon = raw.indexOf(':');
      expected.push({ field: raw.slice(0, colon).trim(), texts: raw.slice(colon + 1).split(',') });
    }
  });
  expect(e.axes.length).toBe(expected.length);
  expected.forEach((want, i) => {
    const got = e.axes[i]!;
    expect(got.field).toBe(want.field);
    if ('values' in want) {
      expect(got.values).toEqual(want.values);
    } else {
      expect(got.values.length).toBe(want.texts.length);
      want.texts.forEach((t, j) => expect(asksFor(t, got.values[j]), `${want.field}: ${t}`).toBe(true));
    }
  });
}

/** What every parse result must satisfy, whatever the input. */
function expectSound(query: string | URLSearchParams): { experiment: Experiment; notices: Notice[] } {
  const result = parsePermalink(query);
  expectValid(result.experiment);
  // Every notice is a non-empty message naming its key (checked in one expect: this runs 10,000 times).
  const unnamed = result.notices.filter(
    (n) => typeof n.message !== 'string' || !n.message || !n.message.includes(n.key),
  );
  expect(unnamed).toEqual([]);
  const canonical = serialisePermalink(result.experiment);
  expectCanonical(canonical);
  // The canonical form reads back to the same experiment, silently.
  const again = parsePermalink(canonical);
  expect(again.notices).toEqual([]);
  expect(again.experiment).toEqual(result.experiment);
  return result;
}

/** Serialised output: `v` first, then only keys of the contract, each once. */
function expectCanonical(query: string): void {
  if (query === '') return;
  const keys = pairsOf(query).map(([k]) => k);
  expect(keys[0]).toBe('v');
  expect(keys.length).toBeGreaterThan(1);
  expect(new Set(keys).size).toBe(keys.length);
  for (const k of keys) expect(ALLOWED_KEYS).toContain(k);
}

// ---------------------------------------------------------------------------
// Arbitraries built from FIELDS

function valueArb(spec: FieldSpec): fc.Arbitrary<Value> {
  const real = (min: number, max: number, minExcluded = false) =>
    fc.double({ min, max, minExcluded, noNaN: true, noDefaultInfinity: true }).map((x) => x + 0); // -0 is 0
  switch (spec.kind) {
    case 'int':
      return fc.integer({ min: spec.min, max: spec.max });
    case 'number':
      return fc.oneof(real(spec.min, spec.max, spec.minExclusive), fc.constantFrom(spec.max));
    case 'enum':
      return fc.constantFrom(...spec.options) as fc.Arbitrary<Value>;
    case 'bool':
      return fc.boolean();
    case 'scale':
      return fc.oneof(fc.constantFrom(...spec.presets) as fc.Arbitrary<Value>, real(spec.min, spec.max));
    case 'regime':
      return fc.oneof(fc.constant('online' as const), fc.integer({ min: spec.min, max: spec.max }));
    case 'seed': {
      const seed = fc.integer({ min: 0, max: MAX_SEED });
      return spec.optional ? fc.option(seed, { nil: null }) : seed;
    }
  }
}

/** A base in which each field keeps its default or takes any valid value. */
const baseArb: fc.Arbitrary<Config> = fc.record(
  Object.fromEntries(
    FIELDS.map((spec) => [
      spec.key,
      fc.oneof(
        { arbitrary: fc.constant(DEFAULT_CONFIG[spec.key]), weight: 2 },
        { arbitrary: valueArb(spec), weight: 1 },
      ),
    ]),
  ) as { [K in FieldKey]: fc.Arbitrary<Config[K]> },
);

const SETTING_FIELDS = AXIS_FIELDS.filter((f) => f !== 'seed');

/** Axis fields: the default ones, or up to two over settings and, half the time, the seed axis at any place. */
const axisFieldsArb: fc.Arbitrary<AxisField[]> = fc.oneof(
  fc.constant(DEFAULT_AXES.map((a) => a.field) as AxisField[]),
  fc
    .tuple(
      fc.uniqueArray(fc.constantFrom(...SETTING_FIELDS), { minLength: 0, maxLength: 2 }),
      fc.boolean(),
      fc.nat({ max: 2 }),
    )
    .map(([fields, withSeed, at]) =>
      withSeed ? [...fields.slice(0, at), 'seed' as const, ...fields.slice(at)] : fields,
    ),
);

/** Most values per axis so that the cross product can stay within MAX_RUNS. */
const maxValues = (axes: number): number =>
  axes <= 1 ? MAX_AXIS_VALUES : Math.max(1, Math.floor(MAX_RUNS ** (1 / axes)));

const validExperimentArb: fc.Arbitrary<Experiment> = baseArb
  .filter((base) => configProblems(base).errors.length === 0)
  .chain((base) =>
    axisFieldsArb.chain((fields) =>
      fc.tuple(
        fc.constant(base),
        fc.tuple(
          ...fields.map((field) =>
            fc
              .uniqueArray(
                valueArb(FIELD_BY_KEY[field]).filter(
                  (v) => configProblems({ ...base, [field]: v }).errors.length === 0,
                ),
                {
                  minLength: 1,
                  maxLength: maxValues(fields.length),
                  selector: (v) => String(v),
                },
              )
              .map((values): Axis => ({ field, values: values as Axis['values'] })),
          ),
        ),
      ),
    ),
  )
  .map(([base, axes]): Experiment => ({ base, axes }))
  .filter((e) => validateExperiment(e).ok);

// ---------------------------------------------------------------------------

describe('the default experiment', () => {
  it('is the empty query, with no notices', () => {
    for (const q of ['', '?', '#top', '?#', new URLSearchParams()]) {
      const { experiment, notices } = parsePermalink(q);
      expect(experiment).toEqual(defaultExperiment());
      expect(notices).toEqual([]);
    }
    expectValid(defaultExperiment());
  });

  it('serialises to the empty string', () => {
    expect(serialisePermalink(defaultExperiment())).toBe('');
  });

  it('writes only the fields that differ from the defaults, with v first', () => {
    for (const spec of FIELDS) {
      const e = defaultExperiment();
      // A bool flips; anything else takes the first valid value that differs from the default.
      const other = fc
        .sample(valueArb(spec), { numRuns: 200, seed: 7 })
        .find((v) => v !== DEFAULT_CONFIG[spec.key] && v !== null);
      expect(other, spec.key).toBeDefined();
      (e.base as unknown as Record<string, Value>)[spec.key] = other!;
      const q = serialisePermalink(e);
      expect(pairsOf(q).map(([k]) => k)).toEqual(['v', spec.key]);
      expect(pairsOf(q)[0]![1]).toBe(String(PERMALINK_VERSION));
    }
  });
});

describe('the documented examples', () => {
  it(`reads ?v=1&n=128&m=96&w=normal&inputs=parity&k=7`, () => {
    const q = '?v=1&n=128&m=96&w=normal&inputs=parity&k=7';
    const { experiment, notices } = parsePermalink(q);
    expect(notices).toEqual([]);
    expectAsked(q, experiment);
    expect(parsePermalink(q.slice(1))).toEqual(parsePermalink(q));
  });

  it('reads vs=inputs:gaussian,parity,random and vs2=k:2,3,4,5,6,7', () => {
    const vs = 'inputs:gaussian,parity,random';
    const vs2 = 'k:2,3,4,5,6,7';
    for (const q of [`vs=${vs}`, `vs2=${vs2}`, `vs=${vs}&vs2=${vs2}`, `?v=1&vs=none&vs2=${vs2}`]) {
      const { experiment, notices } = parsePermalink(q);
      expect(notices, q).toEqual([]);
      expectAsked(q, experiment);
    }
    const both = parsePermalink(`vs=${vs}&vs2=${vs2}`).experiment;
    expect(runCount(both.axes)).toBe(vs.split(',').length * vs2.split(',').length);
    // Written back readably: ':' and ',' are not percent-encoded.
    expect(serialisePermalink(both)).toBe(`v=${PERMALINK_VERSION}&vs=${vs}&vs2=${vs2}`);
  });

  it('writes vs=none for an experiment with no axes, and reads it back', () => {
    const e: Experiment = { base: { ...DEFAULT_CONFIG }, axes: [] };
    const q = serialisePermalink(e);
    expect(q).toBe(`v=${PERMALINK_VERSION}&vs=none`);
    expect(parsePermalink(q)).toEqual({ experiment: e, notices: [] });
  });

  it('accepts URLSearchParams as well as a string', () => {
    const q = 'n=200&m=150&inputs=ksat&clause=4&vs=w:normal,uniform,rademacher';
    expect(parsePermalink(new URLSearchParams(q))).toEqual(parsePermalink(q));
  });
});

describe('bad values', () => {
  it('?n=abc&k=99&inputs=nope&zz=1: notices for each, and a valid experiment', () => {
    const { experiment, notices } = expectSound('?n=abc&k=99&inputs=nope&zz=1');
    expect(kinds(notices, 'n')).toEqual(['rejected']);
    expect(kinds(notices, 'inputs')).toEqual(['rejected']);
    expect(kinds(notices, 'zz')).toEqual(['unknown']);
    // k=99 is clamped to the top of its range, which parity cannot use with m=96, so it is reverted.
    const kmax = (FIELD_BY_KEY.k as { max: number }).max;
    expect(kinds(notices, 'k')).toEqual(['clamped', 'reverted']);
    const clamped = notices.find((n) => n.key === 'k' && n.kind === 'clamped')!;
    expect(clamped.message).toContain('99');
    expect(clamped.message).toContain(String(kmax));
    const reverted = notices.find((n) => n.key === 'k' && n.kind === 'reverted')!;
    const why = validateExperiment({ base: { ...DEFAULT_CONFIG, k: kmax }, axes: [] }).errors[0]!;
    expect(reverted.message).toContain(`k=${kmax} was reverted to ${DEFAULT_CONFIG.k}`);
    expect(reverted.message).toContain(why.message);
    expect(experiment.base.n).toBe(DEFAULT_CONFIG.n);
    expect(experiment.base.k).toBe(DEFAULT_CONFIG.k);
    expect(experiment.base.inputs).toBe(DEFAULT_CONFIG.inputs);
    // Each message names its key and says what would be valid.
    expect(notices.find((n) => n.key === 'n')!.message).toMatch(/n=abc.*whole number from 2 to 1024/);
    for (const option of (FIELD_BY_KEY.inputs as { options: readonly string[] }).options) {
      expect(notices.find((n) => n.key === 'inputs')!.message).toContain(option);
    }
  });

  it('reverts a value that validation refuses, quoting the reason', () => {
    const base = { ...DEFAULT_CONFIG, k: 10 };
    const errors = validateExperiment({ base, axes: [] }).errors;
    expect(errors.length).toBeGreaterThan(0);
    const { experiment, notices } = expectSound('k=10&vs=none');
    expect(experiment).toEqual({ base: { ...DEFAULT_CONFIG }, axes: [] });
    expect(notices).toEqual([
      { key: 'k', kind: 'reverted', message: `k=10 was reverted to ${DEFAULT_CONFIG.k}: ${errors[0]!.message}` },
    ]);
  });

  it('reverts only what the URL set: m too large for n keeps the URL m when n is what was set', () => {
    // n=64 is below the default m, so n (the field the URL set) goes back.
    const { experiment, notices } = expectSound('n=64');
    expect(experiment.base.n).toBe(DEFAULT_CONFIG.n);
    expect(kinds(notices, 'n')).toEqual(['reverted']);
    // With gaussian inputs and no axes the same n is fine.
    const g = expectSound('n=64&inputs=gaussian&vs=none');
    expect(g.notices).toEqual([]);
    expect(g.experiment.base.n).toBe(64);
  });

  it('keeps the first of repeated keys', () => {
    const { experiment, notices } = expectSound('n=200&m=100&n=300&vs=k:2,3&vs=k:4');
    expect(experiment.base.n).toBe(200);
    expect(experiment.axes).toEqual([{ field: 'k', values: [2, 3] }]);
    expect(kinds(notices, 'n')).toEqual(['repeated']);
    expect(kinds(notices, 'vs')).toEqual(['repeated']);
    expect(notices.find((n) => n.key === 'n')!.message).toContain('300');
  });

  it('reads -0 as 0', () => {
    const { experiment, notices } = expectSound('c=-0');
    expect(Object.is(experiment.base.c, 0)).toBe(true);
    expect(notices).toEqual([]);
    const seeds = expectSound('seed=-0&vs=tseed:-0,1');
    expect(Object.is(seeds.experiment.base.seed, 0)).toBe(true);
    expect(Object.is(seeds.experiment.axes[0]!.values[0], 0)).toBe(true);
  });

  it('rejects NaN, Infinity, empty values and other non-numbers for every numeric field', () => {
    const numeric = FIELDS.filter((f) => f.kind !== 'enum' && f.kind !== 'bool');
    for (const bad of ['NaN', 'Infinity', '-Infinity', '', '0x10', '1,5', 'abc', '1e', '.']) {
      for (const spec of numeric) {
        const { experiment, notices } = expectSound(`${spec.key}=${encodeURIComponent(bad)}`);
        expect(experiment.base[spec.key], `${spec.key}=${bad}`).toBe(DEFAULT_CONFIG[spec.key]);
        expect(kinds(notices, spec.key), `${spec.key}=${bad}`).toEqual(['rejected']);
      }
    }
  });

  it('clamps huge numbers into range, saying the old and the new value', () => {
    // Gaussian inputs and no axes, so that the top of each range passes validation on its own.
    const ranged = FIELDS.filter((f) => 'max' in f || f.kind === 'seed');
    for (const huge of ['1e999', '9'.repeat(400), '1e308']) {
      for (const spec of ranged) {
        const top = 'max' in spec ? spec.max : MAX_SEED;
        const { experiment, notices } = expectSound(`inputs=gaussian&vs=none&${spec.key}=${huge}`);
        expect(experiment.base[spec.key], `${spec.key}=${huge}`).toBe(top);
        const notice = notices.find((n) => n.key === spec.key)!;
        expect(notice.kind).toBe('clamped');
        expect(notice.message).toContain(huge.slice(0, 20));
        expect(notice.message).toContain(String(top));
      }
    }
  });

  it('clamps small numbers and rounds whole numbers', () => {
    const n = FIELD_BY_KEY.n as { min: number };
    const low = expectSound(`n=${n.min - 5}&inputs=gaussian&vs=none`);
    expect(low.experiment.base.n).toBe(n.min);
    expect(kinds(low.notices, 'n')).toEqual(['clamped']);
    const round = expectSound('h=100.6');
    expect(round.experiment.base.h).toBe(101);
    expect(kinds(round.notices, 'h')).toEqual(['clamped']);
    expect(round.notices[0]!.message).toMatch(/100\.6.*101/);
  });

  it('survives malformed percent-encoding in keys and values', () => {
    for (const q of ['n=%E0%A4%A', '%E0%A4%A=1', '%', 'vs=k:%ZZ', 'w=%', '%%%=%%%&k=3', 'inputs=gauss%69an']) {
      const { notices, experiment } = expectSound(q);
      if (q === 'inputs=gauss%69an') {
        expect(notices).toEqual([]);
        expect(experiment.base.inputs).toBe('gaussian');
      } else {
        expect(notices.length, q).toBeGreaterThan(0);
      }
    }
  });

  it('treats script fragments as text in notices, never as part of the experiment', () => {
    const q = [
      `w=${encodeURIComponent(SCRIPT)}`,
      `${encodeURIComponent(SCRIPT)}=1`,
      `vs=${encodeURIComponent(`k:2,${SCRIPT}`)}`,
      `inputs=${SCRIPT}`,
    ].join('&');
    const { experiment, notices } = expectSound(q);
    expect(JSON.stringify(experiment)).not.toContain('script');
    expect(serialisePermalink(experiment)).not.toContain('script');
    expect(notices.map((n) => n.kind).sort()).toEqual(['rejected', 'rejected', 'rejected', 'unknown']);
    expect(notices.filter((n) => n.message.includes(SCRIPT)).length).toBe(notices.length);
    expect(notices.find((n) => n.kind === 'unknown')!.key).toBe(SCRIPT);
  });

  it('shortens long bad values in notices', () => {
    const long = 'x'.repeat(5000);
    const { notices } = expectSound(`w=${long}&${long}=1`);
    expect(notices.length).toBe(2);
    for (const n of notices) expect(n.message.length).toBeLessThan(600);
  });
});

describe('the version', () => {
  it('treats a missing v as version 1', () => {
    expect(parsePermalink('n=200&m=100')).toEqual(parsePermalink(`v=1&n=200&m=100`));
  });

  it('reads a newer version as well as it can, with a notice', () => {
    const { experiment, notices } = expectSound(`v=${PERMALINK_VERSION + 1}&n=200&m=100&future=3`);
    expect(experiment.base.n).toBe(200);
    expect(kinds(notices, 'v')).toEqual(['unknown']);
    expect(kinds(notices, 'future')).toEqual(['unknown']);
  });

  it('rejects a v that is not a version', () => {
    for (const v of ['abc', '0', '-1', '1.5', '']) {
      const { notices } = expectSound(`v=${v}&n=200&m=100`);
      expect(kinds(notices, 'v'), v).toEqual(['rejected']);
    }
  });
});

describe('compare axes', () => {
  it('drops invalid and repeated values with notices, keeping the rest in order', () => {
    const { experiment, notices } = expectSound('vs=k:3,abc,2,3,,99,2.0,4');
    expect(experiment.axes).toEqual([{ field: 'k', values: [3, 2, 4] }]);
    expect(kinds(notices, 'vs').sort()).toEqual(['rejected', 'repeated']);
  });

  it('drops an axis over a field that cannot be compared, or with nothing valid left', () => {
    for (const vs of ['zzz:1,2', 'backend:cpu,wasm', 'k', 'k:', 'k:abc,-5', ':1,2', 'seed:abc,-1']) {
      const { experiment, notices } = expectSound(`vs=${vs}`);
      expect(experiment.axes, vs).toEqual([]);
      expect(kinds(notices, 'vs').length, vs).toBeGreaterThan(0);
    }
  });

  it(`keeps at most ${MAX_AXIS_VALUES} values`, () => {
    const seeds = Array.from({ length: MAX_AXIS_VALUES + 4 }, (_, i) => i);
    const { experiment, notices } = expectSound(`vs=sseed:${seeds.join(',')}`);
    expect(experiment.axes[0]!.values).toEqual(seeds.slice(0, MAX_AXIS_VALUES));
    expect(kinds(notices, 'vs')).toEqual(['clamped']);
  });

  it('drops the second axis when both vary the same field', () => {
    const { experiment, notices } = expectSound('vs2=inputs:gaussian,ksat');
    expect(experiment.axes).toEqual(DEFAULT_AXES);
    expect(kinds(notices, 'vs2')).toEqual(['rejected']);
  });

  it(`drops values from the end of the last axis until the runs fit in ${MAX_RUNS}`, () => {
    const a = Array.from({ length: 10 }, (_, i) => i);
    const b = Array.from({ length: MAX_AXIS_VALUES }, (_, i) => 100 + i);
    const seeds = Array.from({ length: MAX_AXIS_VALUES }, (_, i) => i + 1);
    const { experiment, notices } = expectSound(
      `vs=tseed:${a.join(',')}&vs2=sseed:${b.join(',')}&vs3=seed:${seeds.join(',')}`,
    );
    const keep = Math.floor(MAX_RUNS / (a.length * b.length));
    expect(experiment.axes).toEqual([
      { field: 'tseed', values: a },
      { field: 'sseed', values: b },
      { field: 'seed', values: seeds.slice(0, keep) },
    ]);
    expect(runCount(experiment.axes)).toBeLessThanOrEqual(MAX_RUNS);
    expect(kinds(notices, 'vs3')).toEqual(['clamped']);
    expect(kinds(notices, 'vs2')).toEqual([]);
  });

  it('drops the axis values that validation refuses, naming the run', () => {
    const ks = Array.from({ length: 10 }, (_, i) => i + 1);
    const impossible = ks.filter((k) => configProblems({ ...DEFAULT_CONFIG, k }).errors.length > 0);
    expect(impossible.length).toBeGreaterThan(0);
    const { experiment, notices } = expectSound(`vs=k:${ks.join(',')}`);
    expect(experiment.axes).toEqual([{ field: 'k', values: ks.filter((k) => !impossible.includes(k)) }]);
    const dropped = notices.filter((n) => n.key === 'vs');
    expect(dropped.length).toBe(impossible.length);
    for (const k of impossible) expect(dropped.some((n) => n.message.includes(`k=${k}`))).toBe(true);
  });

  it('reverts a base field before touching an axis', () => {
    // m=60 breaks parity at k=7 (the default) for every run of the inputs axis but gaussian.
    const { experiment, notices } = expectSound('m=60');
    expect(experiment.base.m).toBe(DEFAULT_CONFIG.m);
    expect(experiment.axes).toEqual(DEFAULT_AXES);
    expect(kinds(notices, 'm')).toEqual(['reverted']);
  });
});

describe('the seed axis', () => {
  it('reads a phase map over three seeds: vs=k:2,3,4&vs2=h:32,128,512&vs3=seed:1,2,3 (27 runs)', () => {
    const q = 'vs=k:2,3,4&vs2=h:32,128,512&vs3=seed:1,2,3';
    const { experiment, notices } = expectSound(q);
    expect(notices).toEqual([]);
    expectAsked(q, experiment);
    expect(runCount(experiment.axes)).toBe(27);
    expect(serialisePermalink(experiment)).toBe(`v=${PERMALINK_VERSION}&${q}`);
  });

  it('reads three groups over three seeds: vs=inputs:gaussian,parity,random&vs2=seed:1,2,3', () => {
    const q = 'vs=inputs:gaussian,parity,random&vs2=seed:1,2,3';
    const { experiment, notices } = expectSound(q);
    expect(notices).toEqual([]);
    expectAsked(q, experiment);
    expect(runCount(experiment.axes)).toBe(9);
  });

  it('lets the seed axis sit first, and reads vs3 without vs2', () => {
    const first = expectSound('vs=seed:4,5&vs2=k:2,3');
    expect(first.notices).toEqual([]);
    expect(first.experiment.axes.map((a) => a.field)).toEqual(['seed', 'k']);
    const gap = expectSound('vs=k:2,3&vs3=seed:1,2');
    expect(gap.notices).toEqual([]);
    expect(gap.experiment.axes).toEqual([
      { field: 'k', values: [2, 3] },
      { field: 'seed', values: [1, 2] },
    ]);
    expect(serialisePermalink(gap.experiment)).toBe(`v=${PERMALINK_VERSION}&vs=k:2,3&vs2=seed:1,2`);
  });

  it('drops a third axis over a setting, saying that only the seed can be a third axis', () => {
    const { experiment, notices } = expectSound('vs=k:2,3&vs2=h:32,128&vs3=d:20,50');
    expect(experiment.axes.map((a) => a.field)).toEqual(['k', 'h']);
    expect(kinds(notices, 'vs3')).toEqual(['rejected']);
    const message = notices.find((n) => n.key === 'vs3')!.message;
    expect(message).toContain('at most 2 settings, plus the seed');
    expect(message).toContain('seed:1,2,3');
  });

  it('keeps one seed axis: a second one is dropped with a notice', () => {
    const { experiment, notices } = expectSound('vs=seed:1,2&vs2=k:2,3&vs3=seed:3,4');
    expect(experiment.axes.map((a) => a.field)).toEqual(['seed', 'k']);
    expect(kinds(notices, 'vs3')).toEqual(['rejected']);
    expect(notices.find((n) => n.key === 'vs3')!.message).toMatch(/vs and vs3 both vary seed/);
  });

  it(`trims the last axis (here the seed) until three axes fit in ${MAX_RUNS} runs`, () => {
    const ks = [1, 2, 3, 4, 5, 6];
    const hs = Array.from({ length: MAX_AXIS_VALUES }, (_, i) => 8 + i);
    const seeds = Array.from({ length: MAX_AXIS_VALUES }, (_, i) => i + 1);
    const { experiment, notices } = expectSound(
      `inputs=gaussian&vs=k:${ks.join(',')}&vs2=h:${hs.join(',')}&vs3=seed:${seeds.join(',')}`,
    );
    expect(runCount(experiment.axes)).toBeLessThanOrEqual(MAX_RUNS);
    // Two setting axes never exceed MAX_RUNS on their own (MAX_AXIS_VALUES^2), so the seed axis takes the cut.
    expect(experiment.axes[2]!.values).toEqual(seeds.slice(0, Math.floor(MAX_RUNS / (ks.length * hs.length))));
    expect(experiment.axes[1]!.values).toEqual(hs);
    expect(kinds(notices, 'vs3')).toEqual(['clamped']);
    expect(kinds(notices, 'vs2')).toEqual([]);
  });

  it('refuses seed values that are not seeds, keeping the rest', () => {
    const { experiment, notices } = expectSound('vs=inputs:gaussian,parity&vs2=seed:1,x,2,auto');
    expect(experiment.axes[1]).toEqual({ field: 'seed', values: [1, 2] });
    expect(kinds(notices, 'vs2')).toEqual(['rejected']);
    expect(notices[0]!.message).toContain('whole number from 0 to');
  });
});

describe('the value forms shared with the controls', () => {
  it('readFieldText reads back what formatFieldValue writes, for any valid value of any field', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FIELDS).chain((spec) => fc.tuple(fc.constant(spec), valueArb(spec))),
        ([spec, value]) => {
          expect(readFieldText(spec, formatFieldValue(value))).toEqual({ value });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('readFieldText refuses, never clamps, and says what is valid', () => {
    for (const spec of FIELDS) {
      for (const text of ['', 'abc', '1e999', '-1e999', 'NaN']) {
        const read = readFieldText(spec, text);
        expect('error' in read, `${spec.key}: ${text}`).toBe(true);
        if ('error' in read) expect(read.error).toContain(spec.key);
      }
    }
  });
});

describe('properties', () => {
  it('parse(serialise(e)) is e, with no notices, for any valid experiment', () => {
    let withSeedAxis = 0;
    let threeAxes = 0;
    fc.assert(
      fc.property(validExperimentArb, (e) => {
        if (e.axes.some((a) => a.field === 'seed')) withSeedAxis++;
        if (e.axes.length === 3) threeAxes++;
        const q = serialisePermalink(e);
        expectCanonical(q);
        const { experiment, notices } = parsePermalink(q);
        expect(notices).toEqual([]);
        expect(experiment).toEqual(e);
        expect(parsePermalink(`?${q}#frag`).experiment).toEqual(e);
        expect(parsePermalink(new URLSearchParams(q)).experiment).toEqual(e);
      }),
      { numRuns: 500 },
    );
    // The seed axis, in any of the three places, is part of what round-trips.
    expect(withSeedAxis).toBeGreaterThan(50);
    expect(threeAxes).toBeGreaterThan(10);
  });

  // Text that tends to break parsers, plus valid value forms to splice into query strings.
  const nasty = [
    '',
    ' ',
    '-0',
    '+0',
    'NaN',
    'Infinity',
    '-Infinity',
    '1e999',
    '-1e999',
    '1e-400',
    '9'.repeat(400),
    '0x10',
    '0b1',
    '1_000',
    '2.5',
    '-1',
    '%E0%A4%A',
    '%',
    '%%41',
    '%00',
    '%ED%A0%80',
    '%F0%9F%98',
    SCRIPT,
    '"><img src=x onerror=alert(1)>',
    'javascript:alert(1)',
    '__proto__',
    'constructor',
    'toString',
    'none',
    'auto',
    'online',
    '日本語',
    '\u202e',
    '😀',
    ':',
    ',',
    '::,,',
  ];
  const keyArb = fc.oneof(
    { arbitrary: fc.constantFrom(...ALLOWED_KEYS), weight: 6 },
    { arbitrary: fc.constantFrom(...nasty), weight: 1 },
    { arbitrary: fc.string({ maxLength: 8 }), weight: 1 },
  );
  const formArb: fc.Arbitrary<string> = fc.oneof(
    ...FIELDS.map((spec) =>
      valueArb(spec).map((v) => (v === null ? 'auto' : typeof v === 'boolean' ? (v ? '1' : '0') : String(v))),
    ),
  );
  const axisTextArb = fc
    .tuple(
      fc.oneof(fc.constantFrom(...AXIS_FIELDS), fc.constantFrom(...nasty)),
      fc.array(fc.oneof(formArb, fc.constantFrom(...nasty)), { maxLength: 24 }),
    )
    .map(([field, values]) => `${field}:${values.join(',')}`);
  const valueTextArb = fc.oneof(
    { arbitrary: formArb, weight: 4 },
    { arbitrary: fc.constantFrom(...nasty), weight: 3 },
    { arbitrary: axisTextArb, weight: 2 },
    { arbitrary: fc.string({ maxLength: 12 }), weight: 1 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 8 }), weight: 1 },
    { arbitrary: fc.double().map(String), weight: 1 },
    { arbitrary: fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map(String), weight: 1 },
  );
  const pairArb = fc
    .tuple(keyArb, valueTextArb, fc.constantFrom('raw', 'encoded', 'bare'))
    .map(([k, v, how]) =>
      how === 'bare' ? k : how === 'encoded' ? `${encodeURIComponent(k)}=${encodeURIComponent(v)}` : `${k}=${v}`,
    );
  const wrap = (arb: fc.Arbitrary<string>) =>
    fc
      .tuple(fc.boolean(), arb, fc.option(fc.string({ maxLength: 6 }), { nil: undefined }))
      .map(([q, body, hash]) => `${q ? '?' : ''}${body}${hash === undefined ? '' : `#${hash}`}`);
  const pairsArb = wrap(fc.array(pairArb, { maxLength: 10 }).map((ps) => ps.join('&')));

  type Mutation =
    | { op: 'repeat' | 'drop'; at: number }
    | { op: 'value' | 'insert'; at: number; text: string }
    | { op: 'key'; at: number; key: string }
    | { op: 'cut'; at: number };
  const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
    fc.record({ op: fc.constantFrom('repeat' as const, 'drop' as const), at: fc.nat() }),
    fc.record({ op: fc.constantFrom('value' as const, 'insert' as const), at: fc.nat(), text: valueTextArb }),
    fc.record({ op: fc.constant('key' as const), at: fc.nat(), key: keyArb }),
    fc.record({ op: fc.constant('cut' as const), at: fc.nat() }),
  );
  function mutate(q: string, mutations: Mutation[]): string {
    let pairs = q === '' ? [] : q.split('&');
    for (const m of mutations) {
      const i = pairs.length ? m.at % pairs.length : 0;
      const [key = '', value = ''] = (pairs[i] ?? '').split(/=(.*)/s);
      if (m.op === 'repeat' && pairs.length) pairs.push(`${key}=${m.at % 2 ? value : '1'}`);
      else if (m.op === 'drop') pairs.splice(i, 1);
      else if (m.op === 'value' && pairs.length) pairs[i] = `${key}=${m.text}`;
      else if (m.op === 'insert') pairs.splice(i, 0, `${Array.from(ALLOWED_KEYS)[m.at % ALLOWED_KEYS.size]}=${m.text}`);
      else if (m.op === 'key' && pairs.length) pairs[i] = `${m.key}=${value}`;
      else if (m.op === 'cut')
        pairs = pairs
          .join('&')
          .slice(0, m.at % (q.length + 1))
          .split('&');
    }
    return pairs.join('&');
  }
  const mutatedArb = wrap(
    fc
      .tuple(validExperimentArb.map(serialisePermalink), fc.array(mutationArb, { maxLength: 3 }))
      .map(([q, ms]) => mutate(q, ms)),
  );

  const ROBUSTNESS_RUNS = 10_000;

  it(`parse never throws, always yields a valid experiment, and never changes a request silently (${ROBUSTNESS_RUNS} strings)`, () => {
    let silent = 0;
    let noisy = 0;
    fc.assert(
      fc.property(
        fc.oneof(
          { arbitrary: fc.string({ maxLength: 40 }), weight: 1 },
          { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 1 },
          { arbitrary: fc.string({ unit: fc.constantFrom(...'&=?#%+:,-.0123456789eknmvs'.split('')) }), weight: 1 },
          { arbitrary: pairsArb, weight: 3 },
          { arbitrary: mutatedArb, weight: 3 },
        ),
        (q) => {
          const { experiment, notices } = expectSound(q);
          if (notices.length === 0) {
            silent++;
            expectAsked(q, experiment);
          } else {
            noisy++;
          }
        },
      ),
      { numRuns: ROBUSTNESS_RUNS },
    );
    expect(silent + noisy).toBeGreaterThanOrEqual(ROBUSTNESS_RUNS);
    // Both branches must actually be exercised for the property to mean something.
    expect(silent).toBeGreaterThan(ROBUSTNESS_RUNS / 50);
    expect(noisy).toBeGreaterThan(ROBUSTNESS_RUNS / 2);
  });
});
