/**
 * The field table and the field kinds (core/config.ts, core/fieldKinds.ts):
 * the defaults, the axis fields and the relevance rules come from FIELDS,
 * and every kind's operations agree with each other for every field.
 */
import { describe, expect, it } from 'vitest';
import { AXIS_FIELDS, DEFAULT_CONFIG, FIELDS, type FieldSpec } from '../../src/core/config';
import { FIELD_KINDS, formatFieldValue, kindOf, readValue, type FieldValue } from '../../src/core/fieldKinds';

/** A few valid values of a field: its default and its edges. */
function validValues(spec: FieldSpec): FieldValue[] {
  const values: FieldValue[] = [spec.default];
  switch (spec.kind) {
    case 'int':
    case 'regime':
      values.push(spec.min, spec.max);
      break;
    case 'number':
      values.push(spec.max, spec.minExclusive ? spec.min + 0.5 : spec.min);
      break;
    case 'scale':
      values.push(...spec.presets, spec.min, spec.max);
      break;
    case 'enum':
      values.push(...spec.options);
      break;
    case 'bool':
      values.push(true, false);
      break;
    case 'seed':
      values.push(0, 0xffffffff, ...(spec.optional ? [null] : []));
      break;
  }
  return values;
}

describe('the field table', () => {
  it('gives the defaults and the axis fields: every field but the runtime can be an axis', () => {
    expect(Object.keys(DEFAULT_CONFIG)).toEqual(FIELDS.map((f) => f.key));
    expect(AXIS_FIELDS).toEqual(FIELDS.filter((f) => f.group !== 'runtime').map((f) => f.key));
  });

  it('has relevance rules that read only fields of the table', () => {
    const keys = new Set<string>(FIELDS.map((f) => f.key));
    for (const spec of FIELDS) {
      if (!spec.relevantWhen) continue;
      const read: string[] = [];
      spec.relevantWhen((key) => {
        read.push(key);
        if (!keys.has(key)) throw new Error(`${spec.key} reads unknown field ${key}`);
        return [DEFAULT_CONFIG[key as keyof typeof DEFAULT_CONFIG]];
      }, spec.key);
      expect(read.length, spec.key).toBeGreaterThan(0);
    }
  });
});

describe('the field kinds', () => {
  it('covers every kind the table uses', () => {
    for (const spec of FIELDS) expect(FIELD_KINDS[spec.kind], spec.key).toBeDefined();
  });

  it.each(FIELDS.map((f) => [f.key, f] as const))(
    '%s: format reads back, equals the value form, passes the check, and is described',
    (_, spec) => {
      const kind = kindOf(spec);
      for (const value of validValues(spec)) {
        const text = kind.format(value as never);
        expect(text).toBe(formatFieldValue(value));
        expect(readValue(spec, text)).toEqual({ status: 'ok', value });
        expect(kind.problem(spec, value)).toBeNull();
      }
      expect(kind.describe(spec).length).toBeGreaterThan(5);
      if (kind.control === 'text') expect(kind.hint(spec)).not.toBe('');
      if (kind.control === 'select') expect(kind.suggestions(spec)).toContain(spec.default);
    },
  );
});
