/**
 * The experiment the live runs belong to. The store keeps only the one being
 * edited; once a user edits a field after Start, the curves on screen belong
 * to the earlier one, and an export must describe that one (its permalink,
 * its runs). Recorded at every Start, when the store clears its runs.
 */
import type { Experiment } from '../core/config';
import { useStore } from '../state/store';

let current: Experiment | null = null;

export function runsExperiment(): Experiment | null {
  return current;
}

/** Follows the store from now on; returns the unsubscriber. */
export function trackRunsExperiment(): () => void {
  const s = useStore.getState();
  if (s.runsRevision !== null && s.runsRevision === s.revision) current = s.experiment;
  return useStore.subscribe((next, prev) => {
    if (next.runsRevision !== prev.runsRevision && next.runsRevision === next.revision) current = next.experiment;
  });
}
