/** The `focus` view key (issue 13 item 1): which run it names, and words for text that names none. */
import { describe, expect, it } from 'vitest';
import { focusApplies, focusKey, readFocus } from '../../src/core/focus';
import { expandRuns } from '../../src/core/experiment';
import { parsePermalink } from '../../src/core/permalink';
import { focusOf } from '../../src/state/focus';
import { joinViewParams, NO_VIEW_PARAMS, splitViewParams } from '../../src/state/viewParams';

const runsOf = (q: string) => expandRuns(parsePermalink(q).experiment).map((r) => r.values);
const wall = runsOf('vs=k:2,3,4,5,6,7&vs2=seed:1,2,3');
const phase = runsOf('vs=k:2,3,4&vs2=h:32,128,512&vs3=seed:1,2,3');

describe('the focus key', () => {
  it('names a group by its values on the compare axes, without the seed', () => {
    expect(focusKey(wall[4]!)).toBe('k:3');
    expect(focusKey(wall[4]!, true)).toBe('k:3,seed:2');
    expect(focusKey(phase[0]!)).toBe('k:2,h:32');
  });

  it('reads a group, a group and a seed, and pairs in any order', () => {
    expect(readFocus('k:5', wall)).toEqual({ run: 9, problem: null });
    expect(readFocus('k:5,seed:3', wall)).toEqual({ run: 11, problem: null });
    expect(readFocus('h:128,k:3', phase)).toEqual({ run: 12, problem: null });
    expect(readFocus(null, wall)).toEqual({ run: null, problem: null });
  });

  it('says what is wrong with text that names no run, and never throws', () => {
    for (const bad of ['k:9', 'k', 'k:', ':5', 'nonsense', 'k:5,seed:7', '\u202Ek:5', 'x'.repeat(500)]) {
      const r = readFocus(bad, wall);
      expect(r.run).toBeNull();
      expect(r.problem).toMatch(/^focus=/);
      expect(r.problem!.length).toBeLessThan(200);
    }
    expect(readFocus('k:9', wall).problem).toContain('focus=k:2');
  });

  it('applies to more than three runs only, and falls back to the first group', () => {
    expect(focusApplies(3)).toBe(false);
    expect(focusApplies(4)).toBe(true);
    const f = focusOf('k:9', wall);
    expect(f).toMatchObject({ active: true, group: 0, run: 0 });
    expect(f.groups.map((g) => g.key)).toEqual(['k:2', 'k:3', 'k:4', 'k:5', 'k:6', 'k:7']);
    expect(focusOf('k:6', wall)).toMatchObject({ group: 4, run: 12 });
    expect(focusOf(null, runsOf('')).active).toBe(false);
  });

  it('travels in the URL as it reads, beside the experiment', () => {
    const joined = joinViewParams('vs=k:2,3', { ...NO_VIEW_PARAMS, focus: 'k:3,h:128' });
    expect(joined).toBe('vs=k:2,3&focus=k:3,h:128');
    expect(splitViewParams(joined).view.focus).toBe('k:3,h:128');
  });
});
