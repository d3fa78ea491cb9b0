import { afterEach, describe, expect, it } from 'vitest';
import { axesLocked, axisFieldLocked, bindLock, LOCKABLE_GROUPS, readLock } from '../../src/app/lessonLock';
import { useStore } from '../../src/state/store';

const initial = useStore.getState();
afterEach(() => useStore.setState(initial, true));

describe('lesson links: the lock view key', () => {
  it('reads the field groups it names, once each, in any case and with spaces', () => {
    expect(readLock(null)).toEqual({ groups: [], unknown: [] });
    expect(readLock('')).toEqual({ groups: [], unknown: [] });
    expect(readLock('teacher,inputs')).toEqual({ groups: ['teacher', 'inputs'], unknown: [] });
    expect(readLock(' Teacher , teacher,,seeds')).toEqual({ groups: ['teacher', 'seeds'], unknown: [] });
    expect(LOCKABLE_GROUPS).toEqual(['teacher', 'inputs', 'student', 'training', 'seeds', 'runtime']);
  });

  it('keeps the names that are no group apart, and a notice lists them with the groups', () => {
    expect(readLock('teacher,weights,weights,\u202Eevil')).toEqual({
      groups: ['teacher'],
      unknown: ['weights', '\u202Eevil'],
    });
    useStore.getState().setViewParams({ lock: 'teacher,weights' });
    const unbind = bindLock();
    const notice = useStore.getState().notices.find((n) => n.key === 'lock');
    expect(notice?.kind).toBe('rejected');
    expect(notice?.message).toContain('lock=weights is no group of controls');
    expect(notice?.message).toContain('teacher, inputs, student, training, seeds, runtime');
    useStore.getState().setViewParams({ lock: 'teacher' });
    expect(useStore.getState().notices.filter((n) => n.key === 'lock')).toEqual([]);
    useStore.getState().setViewParams({ lock: '\u202Eevil' });
    expect(useStore.getState().notices.find((n) => n.key === 'lock')?.message).toContain('\\u202E');
    unbind();
  });
});

describe('lesson links: the compare axes under a lock', () => {
  it('are locked when an axis varies a field of a locked group, the seed axis included', () => {
    const k = { field: 'k' as const, values: [2, 3] };
    const seed = { field: 'seed' as const, values: [1, 2] };
    expect(axesLocked([k], ['inputs'])).toBe(true);
    expect(axesLocked([k], ['teacher', 'student'])).toBe(false);
    expect(axesLocked([k, seed], ['seeds'])).toBe(true);
    expect(axesLocked([], ['inputs', 'seeds'])).toBe(false);
    expect(axisFieldLocked('h', ['student'])).toBe(true);
    expect(axisFieldLocked('k', ['student'])).toBe(false);
  });
});
