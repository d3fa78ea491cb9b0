/**
 * The experiment model (core/config and core/experiment): field checks,
 * whole-experiment validation, run expansion and seeds. Expected values are
 * derived from FIELDS and the rules of docs/science.md section 2, not copied.
 */
import { describe, expect, it } from 'vitest';
import {
  AXIS_FIELDS,
  DEFAULT_AXES,
  DEFAULT_CONFIG,
  FIELDS,
  MAX_AXIS_VALUES,
  MAX_RUNS,
  MAX_SEED,
  defaultExperiment,
  type Config,
  type Experiment,
  type FieldSpec,
} from '../../src/core/config';
import { expandRuns, groupLabel, groupOfRuns, runGroups, runSeed } from '../../src/core/experiment';
import { resolveSeeds } from '../../src/core/rng';
import { MEMORY_BUDGET_BYTES, estimateRunBytes, formatBytes } from '../../src/core/memory';
import { fieldProblem } from '../../src/core/fieldKinds';
import { validateExperiment } from '../../src/core/validate';
import { runCount } from '../../src/core/axes';

function single(base: Partial<Config>): Experiment {
  return { base: { ...DEFAULT_CONFIG, ...base }, axes: [] };
}

function errorsOf(e: Experiment) {
  return validateExperiment(e).errors;
}

/** Values of the wrong kind and values just outside the field's range. */
function invalidValues(spec: FieldSpec): unknown[] {
  const alwaysWrong = [undefined, {}, [], NaN];
  switch (spec.kind) {
    case 'int':
      return [...alwaysWrong, 'abc', String(spec.min), true, spec.min - 1, spec.max + 1, spec.min + 0.5, Infinity];
    case 'number':
      return [...alwaysWrong, 'abc', String(spec.min), true, spec.max * 2 + 1, Infinity, -Infinity].concat(
        spec.minExclusive ? [spec.min, spec.min - 1] : [spec.min - 1, spec.min - spec.min / 2 - 1e-9],
      );
    case 'enum':
      return [...alwaysWrong, 42, null, true, 'nope', spec.options[0]!.toUpperCase() + '!'];
    case 'bool':
      return [...alwaysWrong, 0, 1, '1', 'true', null];
    case 'scale':
      return [...alwaysWrong, 'nope', true, null, spec.min / 2, spec.max * 2, -1, Infinity];
    case 'regime':
      return [...alwaysWrong, 'offline', true, null, spec.min - 1, spec.max + 1, spec.min + 0.5];
    case 'seed':
      return [...alwaysWrong, 'abc', true, -1, MAX_SEED + 1, 1.5, ...(spec.optional ? [] : [null])];
  }
}

/** Values at the edges of the field's range that must be accepted. */
function edgeValues(spec: FieldSpec): unknown[] {
  switch (spec.kind) {
    case 'int':
    case 'regime':
      return [spec.min, spec.max, ...(spec.kind === 'regime' ? ['online'] : [])];
    case 'number':
      return [spec.minExclusive ? spec.min + 1e-9 : spec.min, spec.max];
    case 'enum':
      return [...spec.options];
    case 'bool':
      return [true, false];
    case 'scale':
      return [...spec.presets, spec.min, spec.max];
    case 'seed':
      return [0, MAX_SEED, ...(spec.optional ? [null] : [])];
  }
}

describe('FIELDS', () => {
  it('lists every field of Config once, and the axis fields are fields', () => {
    const keys = FIELDS.map((f) => f.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect([...keys].sort()).toEqual(Object.keys(DEFAULT_CONFIG).sort());
    for (const f of AXIS_FIELDS) expect(keys).toContain(f);
  });

  it.each(FIELDS.map((f) => [f.key, f] as const))('fieldProblem(%s) accepts the default and the edges', (_, spec) => {
    expect(fieldProblem(spec, DEFAULT_CONFIG[spec.key])).toBeNull();
    for (const v of edgeValues(spec)) expect(fieldProblem(spec, v), String(v)).toBeNull();
  });

  it.each(FIELDS.map((f) => [f.key, f] as const))(
    'fieldProblem(%s) rejects out-of-range and wrong-kind values, naming the key',
    (_, spec) => {
      for (const v of invalidValues(spec)) {
        const problem = fieldProblem(spec, v);
        expect(problem, `${spec.key} = ${String(v)}`).not.toBeNull();
        expect(problem).toContain(spec.key);
      }
    },
  );
});

describe('validateExperiment', () => {
  it('accepts the default experiment, and defaultExperiment() is a fresh copy', () => {
    expect(validateExperiment(defaultExperiment())).toMatchObject({ ok: true, errors: [] });
    const e = defaultExperiment();
    e.base.n = 3;
    e.axes[0]!.values.pop();
    expect(DEFAULT_CONFIG.n).not.toBe(3);
    expect(defaultExperiment().axes).toEqual(DEFAULT_AXES);
  });

  it('reports every invalid field value', () => {
    const errors = errorsOf(single({ n: 0, w: 'nope' as Config['w'] }));
    expect(errors.map((p) => p.fields)).toEqual([['n'], ['w']]);
  });

  it('rejects parity with m <= 2^(k-1), naming k, m and the width it needs', () => {
    for (const k of [2, 5, 8]) {
      const patterns = 2 ** (k - 1);
      for (const m of [patterns - 1, patterns]) {
        if (m < 1) continue;
        const errors = errorsOf(single({ k, m, n: 1024 }));
        expect(errors.length, `k=${k} m=${m}`).toBe(1);
        expect(errors[0]!.fields).toEqual(['k', 'm']);
        expect(errors[0]!.message).toMatch(
          new RegExp(`^parity with k=${k} needs a teacher width m above ${patterns}\\b`),
        );
        expect(errors[0]!.message).toMatch(new RegExp(`m is ${m}$`));
      }
      expect(errorsOf(single({ k, m: patterns + 1, n: patterns + 2 }))).toEqual([]);
    }
    // The default teacher (m=96) is too narrow for k=8.
    const errors = errorsOf(single({ k: 8 }));
    expect(errors[0]!.message).toContain(`k=8 needs a teacher width m above 128`);
    expect(errors[0]!.message).toContain(`m is ${DEFAULT_CONFIG.m}`);
  });

  it('rejects random labels under the same width rule, but not ksat', () => {
    expect(errorsOf(single({ inputs: 'random', k: 8 })).map((p) => p.fields)).toEqual([['k', 'm']]);
    expect(errorsOf(single({ inputs: 'ksat', k: 8 }))).toEqual([]);
  });

  it('rejects m >= n for the constructions, accepts it for gaussian', () => {
    for (const inputs of ['parity', 'ksat', 'random'] as const) {
      for (const m of [DEFAULT_CONFIG.n, DEFAULT_CONFIG.n + 1]) {
        const errors = errorsOf(single({ inputs, m }));
        expect(errors.map((p) => p.fields)).toContainEqual(['m', 'n', 'inputs']);
        expect(errors.find((p) => p.fields.includes('n'))!.message).toContain(`m is ${m} and n is ${DEFAULT_CONFIG.n}`);
      }
      expect(errorsOf(single({ inputs, m: DEFAULT_CONFIG.n - 1 }))).toEqual([]);
    }
    expect(validateExperiment(single({ inputs: 'gaussian', m: 1024, n: 2 })).ok).toBe(true);
  });

  it('rejects k > d and clause > d', () => {
    expect(errorsOf(single({ k: 4, d: 3 })).map((p) => p.fields)).toEqual([['k', 'd']]);
    expect(errorsOf(single({ k: 3, d: 3 }))).toEqual([]);
    expect(errorsOf(single({ inputs: 'ksat', clause: 4, d: 3 })).map((p) => p.fields)).toEqual([['clause', 'd']]);
    expect(errorsOf(single({ inputs: 'ksat', clause: 3, d: 3 }))).toEqual([]);
    // Neither applies to gaussian inputs.
    expect(errorsOf(single({ inputs: 'gaussian', k: 4, clause: 9, d: 3 }))).toEqual([]);
  });

  it(`rejects more than ${MAX_RUNS} runs`, () => {
    // Two setting axes of MAX_AXIS_VALUES values each reach the limit; a seed axis of two passes it.
    const a = Array.from({ length: MAX_AXIS_VALUES }, (_, i) => i);
    const b = Array.from({ length: Math.floor(MAX_RUNS / MAX_AXIS_VALUES) }, (_, i) => i);
    const e: Experiment = {
      base: { ...DEFAULT_CONFIG },
      axes: [
        { field: 'tseed', values: a },
        { field: 'sseed', values: b },
        { field: 'seed', values: [1, 2] },
      ],
    };
    expect(runCount(e.axes)).toBeGreaterThan(MAX_RUNS);
    const errors = errorsOf(e);
    expect(errors.length).toBe(1);
    expect(errors[0]!.message).toContain(`at most ${MAX_RUNS}`);
    e.axes[2]!.values.pop();
    expect(runCount(e.axes)).toBeLessThanOrEqual(MAX_RUNS);
    expect(errorsOf(e)).toEqual([]);
  });

  it('rejects two axes over the same field, repeated values and too many values', () => {
    const twice = errorsOf({
      base: { ...DEFAULT_CONFIG },
      axes: [
        { field: 'k', values: [2, 3] },
        { field: 'k', values: [4] },
      ],
    });
    expect(twice.some((p) => p.message.includes('two compare axes vary k'))).toBe(true);
    expect(errorsOf({ base: { ...DEFAULT_CONFIG }, axes: [{ field: 'k', values: [2, 2] }] })[0]!.message).toContain(
      'repeats',
    );
    const many = Array.from({ length: MAX_AXIS_VALUES + 1 }, (_, i) => i);
    expect(errorsOf({ base: { ...DEFAULT_CONFIG }, axes: [{ field: 'sseed', values: many }] }).length).toBe(1);
    expect(errorsOf({ base: { ...DEFAULT_CONFIG }, axes: [{ field: 'k', values: [] }] }).length).toBe(1);
  });

  it('names the runs of a k axis that are impossible, and only those', () => {
    const ks = Array.from({ length: 10 }, (_, i) => i + 1);
    const e: Experiment = { base: { ...DEFAULT_CONFIG }, axes: [{ field: 'k', values: ks }] };
    const impossible = ks.filter((k) => 2 ** (k - 1) >= DEFAULT_CONFIG.m);
    expect(impossible.length).toBeGreaterThan(0);
    const errors = errorsOf(e);
    expect(errors.map((p) => p.run)).toEqual(impossible.map((k) => `k=${k}`));
    for (const p of errors) expect(p.message).toContain(p.run!);
  });

  it('does not attach a run to a base problem that every run shares', () => {
    const errors = errorsOf({ base: { ...DEFAULT_CONFIG, k: 8 }, axes: [{ field: 'h', values: [16, 64] }] });
    expect(errors.length).toBe(1);
    expect(errors[0]!.run).toBeUndefined();
  });

  it('refuses an absurd run for memory, with an estimate', () => {
    const c: Config = { ...DEFAULT_CONFIG, n: 1024, h: 2048, depth: 3, test: 65536, train: 100000 };
    const bytes = estimateRunBytes(c);
    expect(bytes).toBeGreaterThan(MEMORY_BUDGET_BYTES);
    const errors = errorsOf({ base: c, axes: [] });
    const memory = errors.find((p) => p.message.includes(formatBytes(MEMORY_BUDGET_BYTES)));
    expect(memory).toBeDefined();
    expect(memory!.message).toContain(`about ${formatBytes(bytes)}`);
    expect(memory!.message).toMatch(/about \d+(\.\d)? GiB/);
    // The default run is far inside the budget.
    expect(estimateRunBytes(DEFAULT_CONFIG)).toBeLessThan(MEMORY_BUDGET_BYTES / 10);
  });

  it('names the run of a depth axis that would not fit in memory', () => {
    const base: Config = { ...DEFAULT_CONFIG, inputs: 'gaussian', n: 1024, h: 2048, test: 65536 };
    const depths = [1, 2, 3];
    const tooBig = depths.filter((depth) => estimateRunBytes({ ...base, depth }) > MEMORY_BUDGET_BYTES);
    expect(tooBig.length).toBeGreaterThan(0);
    expect(tooBig.length).toBeLessThan(depths.length);
    const errors = errorsOf({ base, axes: [{ field: 'depth', values: depths }] });
    expect(errors.map((p) => p.run)).toEqual(tooBig.map((d) => `depth=${d}`));
  });

  it('warns, without refusing, when a training set is smaller than a batch', () => {
    const v = validateExperiment(single({ train: 10, bs: 64 }));
    expect(v.ok).toBe(true);
    expect(v.warnings.map((p) => p.fields)).toContainEqual(['train', 'bs']);
  });
});

describe('expandRuns', () => {
  it('expands the default experiment into its three runs with identical seeds', () => {
    const e = defaultExperiment();
    const runs = expandRuns(e);
    const axis = DEFAULT_AXES[0]!;
    expect(runs.length).toBe(axis.values.length);
    expect(runs.map((r) => r.label)).toEqual(axis.values.map((v) => `${axis.field}=${String(v)}`));
    expect(runs.map((r) => r.index)).toEqual(runs.map((_, i) => i));
    for (const run of runs) {
      expect(run.seeds).toEqual(runs[0]!.seeds);
      expect(run.config).toEqual({ ...DEFAULT_CONFIG, [axis.field]: run.values[axis.field] });
    }
  });

  it('expands two axes row-major', () => {
    const inputs = ['gaussian', 'parity'] as const;
    const ks = [2, 3, 4];
    const e: Experiment = {
      base: { ...DEFAULT_CONFIG },
      axes: [
        { field: 'inputs', values: [...inputs] },
        { field: 'k', values: ks },
      ],
    };
    const runs = expandRuns(e);
    expect(runs.length).toBe(inputs.length * ks.length);
    expect(runCount(e.axes)).toBe(runs.length);
    inputs.forEach((inp, i) =>
      ks.forEach((k, j) => {
        const run = runs[i * ks.length + j]!;
        expect(run.index).toBe(i * ks.length + j);
        expect(run.values).toEqual({ inputs: inp, k });
        expect(run.label).toBe(`inputs=${inp}, k=${k}`);
        expect(run.config.inputs).toBe(inp);
        expect(run.config.k).toBe(k);
      }),
    );
  });

  it('labels a run without axes "run"', () => {
    const runs = expandRuns({ base: { ...DEFAULT_CONFIG }, axes: [] });
    expect(runs.map((r) => r.label)).toEqual(['run']);
    expect(runs[0]!.config).toEqual(DEFAULT_CONFIG);
  });
});

describe('the seed axis and groups', () => {
  const e: Experiment = {
    base: { ...DEFAULT_CONFIG },
    axes: [
      { field: 'k', values: [2, 3] },
      { field: 'seed', values: [1, 2, 3] },
      { field: 'h', values: [32, 128] },
    ],
  };

  it('accepts two axes over settings plus one over the seed, and refuses a third over a setting', () => {
    expect(errorsOf(e)).toEqual([]);
    const third = errorsOf({ ...e, axes: [...e.axes, { field: 'd', values: [20, 50] }] });
    expect(third.map((p) => p.message)).toEqual([
      'at most 2 compare axes over settings (plus one over the seed); this experiment has 3',
    ]);
    const twoSeeds = errorsOf({ ...e, axes: [e.axes[1]!, { field: 'seed', values: [4] }] });
    expect(twoSeeds.map((p) => p.message)).toEqual(['at most one compare axis over the seed']);
  });

  it(`counts the seed axis in the ${MAX_RUNS}-run limit`, () => {
    const many = errorsOf({
      base: { ...DEFAULT_CONFIG },
      axes: [
        { field: 'k', values: [2, 3, 4, 5] },
        { field: 'h', values: [16, 32, 64, 128, 256] },
        { field: 'seed', values: Array.from({ length: 13 }, (_, i) => i + 1) },
      ],
    });
    expect(many.some((p) => p.message.includes(`260 runs; an experiment holds at most ${MAX_RUNS}`))).toBe(true);
  });

  it('groups runs that differ only in the seed, in the order of the other axes', () => {
    const runs = expandRuns(e);
    const groups = runGroups(e);
    expect(groups.map((g) => g.label)).toEqual(['k=2, h=32', 'k=2, h=128', 'k=3, h=32', 'k=3, h=128']);
    for (const g of groups) {
      expect(g.seeds).toEqual([1, 2, 3]);
      for (const r of g.runs) {
        expect(groupLabel(runs[r]!.values)).toBe(g.label);
        expect(runs[r]!.config.k).toBe(g.values.k);
        expect(runs[r]!.config.h).toBe(g.values.h);
      }
    }
    expect(groups.flatMap((g) => g.runs).sort((a, b) => a - b)).toEqual(runs.map((r) => r.index));
    const of = groupOfRuns(e);
    runs.forEach((r) => expect(groups[of[r.index]!]!.runs).toContain(r.index));
    expect(runs.map(runSeed)).toEqual(runs.map((r) => r.values.seed));
    expect(runs[0]!.label).toBe('k=2, seed=1, h=32');
  });

  it('re-draws every stream with the seed, and makes each run its own group without a seed axis', () => {
    const runs = expandRuns({ base: { ...DEFAULT_CONFIG }, axes: [{ field: 'seed', values: [1, 2] }] });
    expect(runs[0]!.seeds).toEqual(resolveSeeds(1, runs[0]!.config));
    expect(runs[1]!.seeds.teacher).not.toBe(runs[0]!.seeds.teacher);
    expect(runs[1]!.seeds.data).not.toBe(runs[0]!.seeds.data);
    expect(runs[1]!.seeds.student).not.toBe(runs[0]!.seeds.student);
    expect(runGroups({ base: { ...DEFAULT_CONFIG }, axes: [{ field: 'seed', values: [1, 2] }] })).toEqual([
      { index: 0, label: 'run', values: {}, runs: [0, 1], seeds: [1, 2] },
    ]);
    expect(runGroups(defaultExperiment()).map((g) => g.runs)).toEqual([[0], [1], [2]]);
  });
});

describe('seeds', () => {
  const none = { tseed: null, dseed: null, sseed: null };

  it('derives three distinct streams from the master seed', () => {
    for (const master of [0, 1, 2, 12345, MAX_SEED]) {
      const s = resolveSeeds(master, none);
      expect(new Set([s.teacher, s.data, s.student]).size).toBe(3);
      expect(resolveSeeds(master, none)).toEqual(s);
    }
    expect(resolveSeeds(1, none)).not.toEqual(resolveSeeds(2, none));
  });

  it('lets overrides win, stream by stream', () => {
    const derived = resolveSeeds(1, none);
    expect(resolveSeeds(1, { tseed: 5, dseed: null, sseed: 0 })).toEqual({
      teacher: 5,
      data: derived.data,
      student: 0,
    });
  });

  it('re-draws only the stream an axis varies', () => {
    const values = [10, 20, 30];
    const runs = expandRuns({ base: { ...DEFAULT_CONFIG }, axes: [{ field: 'dseed', values }] });
    const derived = resolveSeeds(DEFAULT_CONFIG.seed, none);
    expect(runs.map((r) => r.seeds.data)).toEqual(values);
    for (const run of runs) {
      expect(run.seeds.teacher).toBe(derived.teacher);
      expect(run.seeds.student).toBe(derived.student);
    }
    const bySeed = expandRuns({ base: { ...DEFAULT_CONFIG }, axes: [{ field: 'tseed', values: [null, 7] }] });
    expect(bySeed.map((r) => r.seeds.teacher)).toEqual([derived.teacher, 7]);
  });
});

describe('memory of a whole experiment', () => {
  it('adds up the runs and refuses what would not fit, with an estimate', () => {
    const base = { ...DEFAULT_CONFIG, n: 1024, h: 2048, depth: 2, test: 65536, inputs: 'gaussian' as const };
    const one = validateExperiment({ base, axes: [] });
    expect(one.ok).toBe(true);
    const many = validateExperiment({
      base,
      axes: [{ field: 'sseed', values: Array.from({ length: 16 }, (_, i) => i) }],
    });
    expect(many.ok).toBe(false);
    const message = many.errors.map((e) => e.message).join(' ');
    expect(message).toMatch(/16 runs together would need about \d+(\.\d)? GiB/);
    expect(estimateRunBytes(base) * 16).toBeGreaterThan(MEMORY_BUDGET_BYTES);
  });

  it(`lets the largest default-shaped experiment (${MAX_RUNS} runs) through`, () => {
    const e: Experiment = {
      base: { ...DEFAULT_CONFIG },
      axes: [
        { field: 'd', values: Array.from({ length: 16 }, (_, i) => 10 * (i + 1)) },
        { field: 'sseed', values: Array.from({ length: 16 }, (_, i) => i + 1) },
      ],
    };
    expect(runCount(e.axes)).toBe(MAX_RUNS);
    expect(validateExperiment(e).errors).toEqual([]);
  });
});
