/**
 * The page's one store (zustand, slices pattern): the experiment being
 * edited, the progress of the runs the worker is training, and the view.
 */
import { create } from 'zustand';
import { createExperimentSlice, type ExperimentSlice } from './experimentSlice';
import { createPreviewSlice, type PreviewSlice } from './previewSlice';
import { createRecordingSlice, type RecordingSlice } from './recordingSlice';
import { createRunsSlice, type RunsSlice } from './runsSlice';
import { createViewSlice, type ViewSlice } from './viewSlice';

export type Store = ExperimentSlice & RunsSlice & ViewSlice & PreviewSlice & RecordingSlice;

export const useStore = create<Store>()((...a) => ({
  ...createExperimentSlice(...a),
  ...createRunsSlice(...a),
  ...createViewSlice(...a),
  ...createPreviewSlice(...a),
  ...createRecordingSlice(...a),
}));

/** The curves on screen belong to an earlier version of the experiment (it was edited since they were started). */
export function resultsAreStale(s: Pick<Store, 'runsRevision' | 'revision'>): boolean {
  return s.runsRevision !== null && s.runsRevision !== s.revision;
}
