/**
 * The focus of the science panels: with more than three runs each panel
 * draws one group in full and a thumbnail per group (docs/architecture.md,
 * "Views"). The URL names the group by its values on the compare axes,
 * `focus=k:5` or `focus=k:3,h:128`, and may add the seed (`k:5,seed:2`) to
 * show another seed of the group. Reading never throws: text that names no
 * run of the experiment gives a problem in words and no focus.
 */
import { formatFieldValue } from './fieldKinds';
import { groupValues, type AxisValues } from './experiment';
import { quote } from './notices';

/** Experiments with more runs than this show a focus instead of a stack of pictures. */
export const MAX_RUNS_UNFOCUSED = 3;

export function focusApplies(runCount: number): boolean {
  return runCount > MAX_RUNS_UNFOCUSED;
}

/** The focus text of a run's values: field:value pairs in axis order, the seed only when asked for. */
export function focusKey(values: AxisValues, withSeed = false): string {
  const shown = withSeed ? values : groupValues(values);
  return Object.entries(shown)
    .map(([field, v]) => `${field}:${formatFieldValue(v as never)}`)
    .join(',');
}

export type FocusReading = { run: number; problem: null } | { run: null; problem: string | null };

/**
 * The first run whose values agree with every field:value pair of `raw`
 * (fields it leaves out, the seed say, match anything); `raw` null or empty
 * is no focus and no problem.
 */
export function readFocus(raw: string | null, runs: readonly AxisValues[]): FocusReading {
  if (raw === null || raw.trim() === '') return { run: null, problem: null };
  const pairs = raw.split(',').map((part) => {
    const colon = part.indexOf(':');
    return colon < 0 ? null : { field: part.slice(0, colon).trim(), value: part.slice(colon + 1).trim() };
  });
  const example = runs[0] ? ` (focus=${focusKey(runs[0])}, say)` : '';
  if (pairs.some((p) => p === null || p.field === '' || p.value === '')) {
    return {
      run: null,
      problem: `focus=${quote(raw)} is not a list of field:value pairs${example}; no group is focused.`,
    };
  }
  const run = runs.findIndex((values) =>
    pairs.every((p) => {
      const v = (values as Record<string, unknown>)[p!.field];
      return v !== undefined && formatFieldValue(v as never) === p!.value;
    }),
  );
  if (run < 0) {
    return {
      run: null,
      problem: `focus=${quote(raw)} names no run of this experiment${example}; the first is focused.`,
    };
  }
  return { run, problem: null };
}
