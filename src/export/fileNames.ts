/**
 * File names that say what a file holds: `nwl-<view>-<axes>-seed<seed>.<ext>`,
 * e.g. `nwl-loss-k2-7-seed1.svg` for the loss chart of `vs=k:2,...,7` with
 * master seed 1. A numeric axis is written as its range, a categorical one as
 * its values; only characters safe on every file system survive.
 */
import { isNumericField, type Axis, type Experiment } from '../core/config';
import { formatFieldValue } from '../core/fieldKinds';

const MAX_AXIS_PART = 40;

function safe(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function axisPart(axis: Axis): string {
  const values = axis.values.map((v) => formatFieldValue(v));
  if (isNumericField(axis.field) && axis.values.every((v) => typeof v === 'number')) {
    const nums = axis.values as number[];
    const lo = Math.min(...nums);
    const hi = Math.max(...nums);
    return safe(lo === hi ? `${axis.field}${lo}` : `${axis.field}${lo}-${hi}`);
  }
  const part = safe(`${axis.field}-${values.join('-')}`);
  return part.length <= MAX_AXIS_PART ? part : safe(`${axis.field}-${values.length}values`);
}

/** The stem of every file exported from `view` of `experiment` (no extension). */
export function exportStem(view: string, experiment: Experiment): string {
  const parts = ['nwl', safe(view), ...experiment.axes.map(axisPart), `seed${experiment.base.seed}`];
  return parts.filter((p) => p !== '').join('-');
}

export function exportFileName(view: string, experiment: Experiment, ext: string): string {
  return `${exportStem(view, experiment)}.${ext}`;
}
