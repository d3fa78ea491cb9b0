/**
 * Lesson links (issue 13, item 5): `lock=teacher,inputs` fixes groups of
 * controls (the field groups of src/core/config.ts FIELDS), so a lecturer can
 * share a link where students change only what the lesson is about. The lock
 * is a view key; names that are no group get a notice, like any bad key.
 */
import { FIELD_BY_KEY, FIELDS, type Axis, type FieldGroup } from '../core/config';
import { listQuoted } from '../core/notices';
import type { Notice } from '../core/permalink';
import { useStore } from '../state/store';

export const LOCKABLE_GROUPS: readonly FieldGroup[] = [...new Set(FIELDS.map((f) => f.group))];

/** The groups `lock` names, in the order written, and the names that are no group. */
export function readLock(raw: string | null): { groups: FieldGroup[]; unknown: string[] } {
  const groups: FieldGroup[] = [];
  const unknown: string[] = [];
  if (raw === null) return { groups, unknown };
  for (const part of raw.split(',')) {
    const name = part.trim().toLowerCase();
    if (name === '') continue;
    if ((LOCKABLE_GROUPS as readonly string[]).includes(name)) {
      if (!groups.includes(name as FieldGroup)) groups.push(name as FieldGroup);
    } else if (!unknown.includes(part.trim())) unknown.push(part.trim());
  }
  return { groups, unknown };
}

/**
 * Whether the lock covers the compare axes: an axis that varies a field of a
 * locked group would let a student change what the lesson fixed, by editing
 * its values or swapping it for another field, so the picker is locked too.
 */
export function axesLocked(axes: readonly Axis[], groups: readonly FieldGroup[]): boolean {
  return axes.some((a) => groups.includes(FIELD_BY_KEY[a.field].group));
}

/** Whether a field may be offered as a new compare axis under the lock. */
export function axisFieldLocked(field: Axis['field'], groups: readonly FieldGroup[]): boolean {
  return groups.includes(FIELD_BY_KEY[field].group);
}

export function unknownLockNotice(unknown: string[]): Notice {
  return {
    key: 'lock',
    kind: 'rejected',
    message: `lock=${listQuoted(unknown)} ${unknown.length === 1 ? 'is no group' : 'are no groups'} of controls, so nothing was locked for ${unknown.length === 1 ? 'it' : 'them'}; the groups are ${LOCKABLE_GROUPS.join(', ')}`,
  };
}

/** Adds the notice for unknown lock names whenever the lock changes (and on opening a link). */
export function bindLock(): () => void {
  const follow = () => {
    const s = useStore.getState();
    const { unknown } = readLock(s.viewParams.lock);
    const others = s.notices.filter((n) => n.key !== 'lock');
    if (unknown.length > 0) useStore.setState({ notices: [...others, unknownLockNotice(unknown)] });
    else if (others.length !== s.notices.length) useStore.setState({ notices: others });
  };
  follow();
  return useStore.subscribe((s, prev) => {
    if (s.viewParams.lock !== prev.viewParams.lock) follow();
  });
}
