/** Group colours (issue 13 item 2): ordered along a numeric axis, distinct up to twelve groups. */
import { describe, expect, it } from 'vitest';
import { groupColors, OKABE_ITO, relativeLuminance } from '../../src/charts/palette';
import { experimentColors } from '../../src/components/groupColors';
import { parsePermalink } from '../../src/core/permalink';

const colours = (count: number, ordered: boolean) =>
  Array.from({ length: count }, (_, i) => groupColors(count, ordered)(i));

describe('group colours', () => {
  it('gives no two groups of one chart the same colour, up to twelve groups, either way', () => {
    for (let n = 1; n <= 12; n++) {
      for (const ordered of [true, false]) expect(new Set(colours(n, ordered)).size).toBe(n);
    }
  });

  it('keeps Okabe-Ito for a categorical axis of up to eight groups', () => {
    expect(colours(3, false)).toEqual(OKABE_ITO.slice(0, 3));
  });

  it('orders a numeric axis: each larger value darker', () => {
    const lum = colours(6, true).map(relativeLuminance);
    for (let i = 1; i < lum.length; i++) expect(lum[i]!).toBeLessThan(lum[i - 1]!);
    // the light end is trimmed: even the lightest stays readable on white
    expect(Math.max(...lum)).toBeLessThan(0.5);
  });

  it('follows the experiment: k is ordered, the weight distribution categorical, seeds share', () => {
    const wall = experimentColors(parsePermalink('vs=k:2,3,4,5,6,7&vs2=seed:1,2,3').experiment);
    expect(wall(0)).not.toBe(OKABE_ITO[0]);
    expect(relativeLuminance(wall(5))).toBeLessThan(relativeLuminance(wall(0)));
    const randomness = experimentColors(parsePermalink('vs=w:normal,uniform,rademacher&vs2=seed:1,2,3').experiment);
    expect([0, 1, 2].map(randomness)).toEqual(OKABE_ITO.slice(0, 3));
    const phase = experimentColors(parsePermalink('vs=k:2,3,4&vs2=h:32,128,512&vs3=seed:1,2,3').experiment);
    expect(new Set(Array.from({ length: 9 }, (_, i) => phase(i))).size).toBe(9);
  });
});
