/** When the page offers a new version, and what the offline badge says. */
import { describe, expect, it } from 'vitest';
import { offlineBadgeText, shouldOfferUpdate } from '../../src/state/offlineState';
import type { EngineStatus } from '../../src/state/runsSlice';

describe('the update offer', () => {
  const ready = { updateReady: true, updateDismissed: false };
  it('waits while a run trains or starts, and shows when paused, finished, idle or crashed', () => {
    const shown = (['idle', 'starting', 'running', 'paused', 'finished', 'crashed'] as EngineStatus[]).filter((e) =>
      shouldOfferUpdate(ready, e),
    );
    expect(shown).toEqual(['idle', 'paused', 'finished', 'crashed']);
  });

  it('needs a version waiting, and stays away once dismissed', () => {
    expect(shouldOfferUpdate({ updateReady: false, updateDismissed: false }, 'idle')).toBe(false);
    expect(shouldOfferUpdate({ updateReady: true, updateDismissed: true }, 'paused')).toBe(false);
  });
});

describe('the offline badge', () => {
  it('says "works offline" once cached, and what happens without a network', () => {
    expect(offlineBadgeText({ status: 'ready', online: true })).toBe('works offline');
    expect(offlineBadgeText({ status: 'ready', online: false })).toBe('offline: running from the cache');
    expect(offlineBadgeText({ status: 'caching', online: true })).toBe('saving for offline use…');
    expect(offlineBadgeText({ status: 'unavailable', online: true })).toBeNull();
    expect(offlineBadgeText({ status: 'unavailable', online: false })).toBe('offline');
  });
});
