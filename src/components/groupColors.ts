/**
 * The colours of the groups on screen (runs that differ only in the seed
 * share one): ordered along a numeric compare axis, categorical otherwise
 * (charts/palette.ts groupColors).
 */
import { groupColors, type GroupColors } from '../charts/palette';
import { isNumericField, type Experiment } from '../core/config';
import { settingAxes } from '../core/axes';
import { useStore } from '../state/store';

const cache = new WeakMap<Experiment, GroupColors>();

export function experimentColors(e: Experiment): GroupColors {
  let c = cache.get(e);
  if (!c) {
    const settings = settingAxes(e.axes);
    const count = settings.reduce((n, a) => n * a.values.length, 1);
    const ordered = settings.length > 0 && settings.every((a) => isNumericField(a.field));
    c = groupColors(count, ordered);
    cache.set(e, c);
  }
  return c;
}

/** The group colours of the experiment on screen. */
export function useGroupColors(): GroupColors {
  return experimentColors(useStore((s) => s.experiment));
}
