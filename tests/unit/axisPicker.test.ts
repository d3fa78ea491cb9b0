/**
 * The axis picker's edits of the axes list: a setting axis is replaced,
 * removed or added without moving the seed axis, and the "over seeds" row
 * adds, replaces or removes the seed axis; seed lists read like any axis.
 */
import { describe, expect, it } from 'vitest';
import { parseAxisValues, withSeedAxis, withSettingAxis } from '../../src/components/AxisPicker';
import type { Axis } from '../../src/core/config';

const k: Axis = { field: 'k', values: [2, 3] };
const h: Axis = { field: 'h', values: [32, 128] };
const seed: Axis = { field: 'seed', values: [1, 2, 3] };

describe('editing the axes from the picker', () => {
  it('keeps the seed axis in its place when a setting axis changes', () => {
    expect(withSettingAxis([seed, k], 0, h)).toEqual([seed, h]);
    expect(withSettingAxis([k, seed, h], 1, null)).toEqual([k, seed]);
    expect(withSettingAxis([k, seed], 1, h)).toEqual([k, h, seed]);
    expect(withSettingAxis([seed], 0, k)).toEqual([k, seed]);
    expect(withSettingAxis([], 0, k)).toEqual([k]);
  });

  it('adds the seed axis at the end, and replaces or removes it where it is', () => {
    expect(withSeedAxis([k, h], seed)).toEqual([k, h, seed]);
    expect(withSeedAxis([seed, k], { field: 'seed', values: [4] })).toEqual([{ field: 'seed', values: [4] }, k]);
    expect(withSeedAxis([k, seed], null)).toEqual([k]);
  });

  it('reads a list of seeds, and says what is wrong with one that is not', () => {
    expect(parseAxisValues('seed', '1, 2, 3')).toEqual({ values: [1, 2, 3] });
    const bad = parseAxisValues('seed', '1, x');
    expect(bad).toHaveProperty('error');
    expect('error' in bad && bad.error).toMatch(/^x: seed takes a whole number from 0 to 4294967295/);
    expect(parseAxisValues('seed', '2, 2')).toEqual({ error: '2 appears twice' });
  });
});
