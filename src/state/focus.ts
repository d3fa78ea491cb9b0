/**
 * The focused group of the science panels, from the URL's `focus` key
 * (core/focus.ts). The groups are those of the experiment on screen, whose
 * run indices the live runs, the recording and the preview pictures share.
 * A focus that names no run gives a notice and is dropped from the URL.
 */
import { useShallow } from 'zustand/react/shallow';
import { focusApplies, focusKey, readFocus } from '../core/focus';
import { expandRuns, groupIndices, groupLabel, type AxisValues } from '../core/experiment';
import type { Experiment } from '../core/config';
import { useStore } from './store';

export interface FocusGroup {
  index: number;
  /** e.g. "k=5" */
  label: string;
  /** its text in the URL, e.g. "k:5" */
  key: string;
  /** its runs, in run order (one per seed) */
  runs: number[];
}

export interface FocusState {
  /** More than three runs: the panels draw the focused group and thumbnails. */
  active: boolean;
  groups: FocusGroup[];
  /** index into `groups` */
  group: number;
  /** the run drawn in full: the group's first, or the seed the URL names */
  run: number;
}

const valuesCache = new WeakMap<Experiment, AxisValues[]>();

function runValues(e: Experiment): AxisValues[] {
  let v = valuesCache.get(e);
  if (!v) {
    v = expandRuns(e).map((r) => r.values);
    valuesCache.set(e, v);
  }
  return v;
}

export function focusGroups(values: readonly AxisValues[]): FocusGroup[] {
  const of = groupIndices(values);
  const groups: FocusGroup[] = [];
  values.forEach((v, i) => {
    const g = of[i]!;
    groups[g] ??= { index: g, label: groupLabel(v), key: focusKey(v), runs: [] };
    groups[g].runs.push(i);
  });
  return groups;
}

/** The focus the URL asks for on an experiment's runs (the first group when it asks for none or for nothing valid). */
export function focusOf(raw: string | null, values: readonly AxisValues[]): FocusState {
  const groups = focusGroups(values);
  const { run } = readFocus(raw, values);
  const at = run ?? 0;
  const group = Math.max(
    0,
    groups.findIndex((g) => g.runs.includes(at)),
  );
  return { active: focusApplies(values.length), groups, group, run: run ?? groups[group]?.runs[0] ?? 0 };
}

/** The focus of the panels, and a way to move it (which rewrites the URL in place). */
export function useFocus(): FocusState & { select: (group: number) => void } {
  const { experiment, raw } = useStore(useShallow((s) => ({ experiment: s.experiment, raw: s.viewParams.focus })));
  const state = focusOf(raw, runValues(experiment));
  const select = (group: number) => {
    const g = state.groups[group];
    if (g) useStore.getState().setViewParams({ focus: g.key });
  };
  return { ...state, select };
}

/** Focus a group by its run values' key (the wall chart's marks, the phase map's cells, the legend). */
export function focusRun(values: AxisValues): void {
  const s = useStore.getState();
  // With three runs or fewer every picture is drawn: there is nothing to focus.
  if (focusApplies(runValues(s.experiment).length)) s.setViewParams({ focus: focusKey(values) });
}

/**
 * Checks the URL's focus against the experiment on screen, on loading and
 * whenever either changes: a focus that names no run gives a notice and is
 * dropped. Returns the unsubscriber.
 */
export function bindFocus(): () => void {
  const check = (say: boolean) => {
    const s = useStore.getState();
    const raw = s.viewParams.focus;
    if (raw === null) return;
    const { problem } = readFocus(raw, runValues(s.experiment));
    if (problem === null) return;
    // A link's focus is reported; a focus left behind by an edit of the experiment just goes.
    if (say)
      useStore.setState({
        notices: [...s.notices.filter((n) => n.key !== 'focus'), { key: 'focus', kind: 'rejected', message: problem }],
      });
    s.setViewParams({ focus: null });
  };
  check(true);
  return useStore.subscribe((s, prev) => {
    const asked = s.viewParams.focus !== prev.viewParams.focus;
    if (asked || s.experiment !== prev.experiment) queueMicrotask(() => check(asked));
  });
}
