/**
 * Hints about a link that opened without any change but may not do what its
 * author meant. The one case: a link that sets a field the default compare
 * axis varies (`?inputs=ksat` leaves `vs` at its default,
 * `vs=inputs:gaussian,parity,random`), so its value is not used by any run.
 * The parser rightly keeps such links as they are (the base value returns
 * when the axis is removed); the page says what happened.
 */
import { DEFAULT_AXES, type Experiment } from '../core/config';
import { type Notice } from '../core/permalink';
import { formatFieldValue } from '../core/fieldKinds';
import { quote } from '../core/notices';

const AXIS_KEYS = ['vs', 'vs2'] as const;

function keysOf(query: string): Set<string> {
  const keys = new Set<string>();
  for (const [key] of new URLSearchParams(query)) keys.add(key);
  return keys;
}

export function shadowedByDefaultAxis(query: string, experiment: Experiment): Notice[] {
  const given = keysOf(query);
  const notices: Notice[] = [];
  experiment.axes.forEach((axis, i) => {
    const slot = AXIS_KEYS[i];
    const fallback = DEFAULT_AXES[i];
    if (!slot || given.has(slot) || !fallback || fallback.field !== axis.field || !given.has(axis.field)) return;
    const value = formatFieldValue(experiment.base[axis.field]);
    // `?inputs=parity` is odd but harmless: the axis has a parity run.
    if (axis.values.some((v) => formatFieldValue(v) === value)) return;
    const axisText = `${slot}=${axis.field}:${axis.values.map(formatFieldValue).join(',')}`;
    notices.push({
      key: axis.field,
      kind: 'rejected',
      message: `${axis.field}=${quote(value)} is not used by any run: the default compare axis (${axisText}) sets ${axis.field} for every run; add ${slot}=none to run ${axis.field}=${quote(value)} alone`,
    });
  });
  return notices;
}
