/**
 * Compare axes as a list: which is the seed axis, which vary settings, and
 * how many runs they make. Imported by the expansion, the validation and the
 * permalink alike, so the run count is computed in one place.
 */
import { SEED_AXIS_FIELD, type Axis } from './config';

/** The axis over the master seed: its runs are repetitions, aggregated rather than compared. */
export function isSeedAxis(axis: Pick<Axis, 'field'>): boolean {
  return axis.field === SEED_AXIS_FIELD;
}

/** The axes over settings, in order (the seed axis left out). */
export function settingAxes(axes: readonly Axis[]): Axis[] {
  return axes.filter((a) => !isSeedAxis(a));
}

/** The axis over the master seed, if any. */
export function seedAxis(axes: readonly Axis[]): Axis | undefined {
  return axes.find(isSeedAxis);
}

/** Whether the axes include one over the master seed. */
export function hasSeedAxis(axes: readonly Axis[]): boolean {
  return axes.some(isSeedAxis);
}

/** The runs of the axes' cross product (an axis without values counts as one, so a problem is reported once). */
export function runCount(axes: readonly Pick<Axis, 'values'>[]): number {
  return axes.reduce((acc, a) => acc * Math.max(1, a.values.length), 1);
}
