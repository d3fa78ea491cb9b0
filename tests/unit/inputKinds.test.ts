/**
 * The input-kind registry (core/inputs/registry.ts): every kind's descriptor
 * agrees with its sampler, the permalink offers exactly the registered kinds,
 * the controls show a kind's fields exactly when it is used, and the engine's
 * shortcuts (inputs drawn alone, labels or inputs formed on the device)
 * consume the stream exactly as sample() does and give its numbers.
 */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CONFIG,
  FIELD_BY_KEY,
  FIELDS,
  defaultExperiment,
  isRelevant,
  type Config,
  type Experiment,
} from '../../src/core/config';
import { INPUT_KIND_LIST, INPUT_KINDS, makeInputSampler } from '../../src/core/inputs';
import { Rng } from '../../src/core/rng';
import { drawTeacher } from '../../src/core/run-inputs';
import { validateExperiment } from '../../src/core/validate';

// Small but valid for every kind: the constructions need 2^(k-1) < m < n and k, clause <= d.
const SMALL: Partial<Config> = { n: 24, m: 12, d: 8, k: 3, clause: 3, test: 64 };

function samplerOf(inputs: Config['inputs'], extra: Partial<Config> = {}) {
  const c: Config = { ...DEFAULT_CONFIG, ...SMALL, ...extra, inputs };
  return makeInputSampler(c, drawTeacher(c, new Rng(5)), new Rng(6));
}

describe('the registry', () => {
  it('offers exactly the registered kinds in the permalink, in order, with unique names', () => {
    expect(FIELD_BY_KEY.inputs).toMatchObject({ kind: 'enum', options: INPUT_KINDS });
    expect(new Set(INPUT_KINDS).size).toBe(INPUT_KINDS.length);
    expect(INPUT_KINDS).toEqual(['gaussian', 'parity', 'ksat', 'random', 'cube']);
  });

  it.each(INPUT_KIND_LIST.map((k) => [k.name, k] as const))('%s: its fields are inputs fields', (_, kind) => {
    for (const key of kind.fields) expect(FIELD_BY_KEY[key].group).toBe('inputs');
  });

  it.each(INPUT_KIND_LIST.map((k) => [k.name, k] as const))(
    '%s: what the descriptor says it shows is what its sampler can answer',
    (name, kind) => {
      const s = samplerOf(name);
      expect(s.kind).toBe(name);
      expect(s.n).toBe(SMALL.n);
      expect(Boolean(s.construction)).toBe(kind.shows.construction);
      expect(Boolean(s.secret)).toBe(kind.shows.secret);
      expect(Boolean(s.unitRoles)).toBe(kind.shows.unitRoles);
      if (s.secret) expect(s.secret.length).toBe(SMALL.k);
      if (s.unitRoles) {
        const units = s.unitRoles.flatMap((r) => r.units).sort((a, b) => a - b);
        expect(units).toEqual(Array.from({ length: SMALL.m! }, (_, i) => i));
      }
    },
  );

  it.each(INPUT_KIND_LIST.map((k) => [k.name, k] as const))(
    '%s: the controls show its fields when it is used and hide the fields no used kind reads',
    (name, kind) => {
      const e: Experiment = { base: { ...DEFAULT_CONFIG, inputs: name }, axes: [] };
      const inputFields = FIELDS.filter((f) => f.group === 'inputs' && f.key !== 'inputs');
      const shown = inputFields.filter((f) => isRelevant(f, e)).map((f) => f.key);
      expect(shown.sort()).toEqual([...kind.fields].sort());
    },
  );

  it('shows the union of the fields of the kinds on a compare axis', () => {
    const e = defaultExperiment(); // gaussian, parity, random
    const shown = FIELDS.filter((f) => f.group === 'inputs' && isRelevant(f, e)).map((f) => f.key);
    expect(shown).toEqual(['inputs', 'sigma', 'd', 'k', 'c']);
  });

  it('refuses a construction without a null space, for every kind built from the teacher', () => {
    for (const kind of INPUT_KIND_LIST) {
      const v = validateExperiment({ base: { ...DEFAULT_CONFIG, inputs: kind.name, n: 64, m: 64 }, axes: [] });
      expect(v.ok).toBe(!kind.fromTeacher);
      if (kind.fromTeacher) expect(v.errors[0]!.message).toMatch(/m below the input dimension n/);
    }
  });
});

describe("the engine's shortcuts give sample()'s numbers", () => {
  it.each(INPUT_KINDS.map((k) => [k]))('%s', (name) => {
    const s = samplerOf(name);
    const count = 37;
    const n = s.n;
    const reference = s.sample(new Rng(11), count);
    if (s.sampleInputs) {
      const x = new Float32Array(count * n);
      s.sampleInputs(new Rng(11), count, x);
      expect(x).toEqual(reference.x.subarray(0, count * n));
    }
    if (s.deviceLabels) {
      // y = [clip01](sum_i relu(<x, V_i>)) on the inputs as the student sees them
      const { V, m, clip } = s.deviceLabels;
      for (let i = 0; i < count; i++) {
        let y = 0;
        for (let u = 0; u < m; u++) {
          let a = 0;
          for (let r = 0; r < n; r++) a += reference.x[i * n + r]! * V[r * m + u]!;
          if (a > 0) y += a;
        }
        if (clip) y = Math.min(1, Math.max(0, y));
        expect(y).toBeCloseTo(reference.y[i]!, 4);
      }
    }
    if (s.sampleBits && s.deviceInputs) {
      const { T, width } = s.deviceInputs;
      const codes = new Float32Array(count * width);
      const y = new Float32Array(count);
      s.sampleBits(new Rng(11), count, codes, y);
      expect(y).toEqual(reference.y.subarray(0, count));
      for (let i = 0; i < count; i++) {
        for (let r = 0; r < n; r++) {
          let x = 0;
          for (let j = 0; j < width; j++) x += codes[i * width + j]! * T[j * n + r]!;
          expect(x).toBeCloseTo(reference.x[i * n + r]!, 4);
        }
      }
    }
    expect(Boolean(s.sampleInputs || s.sampleBits)).toBe(true);
  });
});
