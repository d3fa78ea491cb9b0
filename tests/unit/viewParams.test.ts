import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePermalink } from '../../src/core/permalink';
import { joinViewParams, NO_VIEW_PARAMS, splitViewParams } from '../../src/state/viewParams';

describe('view keys in the URL', () => {
  it('are split off before the permalink parser, which then reports nothing unknown', () => {
    const { query, view } = splitViewParams(
      '?k=3&story=2&vs=none&embed=loss&ask=1&revealed=1&lock=teacher,inputs&loss=overlay',
    );
    expect(query).toBe('k=3&vs=none');
    expect(view).toEqual({
      ...NO_VIEW_PARAMS,
      story: '2',
      embed: 'loss',
      ask: '1',
      revealed: '1',
      lock: 'teacher,inputs',
      loss: 'overlay',
    });
    expect(parsePermalink(query).notices).toEqual([]);
  });

  it('keep the first of repeated keys and decode their values', () => {
    expect(splitViewParams('embed=a%20b&embed=c').view.embed).toBe('a b');
    expect(splitViewParams('story').view.story).toBe('');
    expect(splitViewParams('#story=1').view.story).toBeNull();
  });

  it('are written after the experiment and read back the same', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('', 'k=3', 'vs=none&n=64'),
        fc.option(fc.string(), { nil: null }),
        fc.option(fc.string(), { nil: null }),
        fc.option(fc.string(), { nil: null }),
        (query, story, embed, lock) => {
          const view = { ...NO_VIEW_PARAMS, story, embed, revealed: story, lock };
          const joined = joinViewParams(query, view);
          expect(joined.startsWith(query)).toBe(true);
          expect(splitViewParams(joined)).toEqual({ query, view });
        },
      ),
    );
  });
});
