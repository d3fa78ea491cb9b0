import type { StateCreator } from 'zustand';
import { defaultExperiment, type Axis, type Config, type Experiment, type FieldKey } from '../core/config';
import type { Notice } from '../core/permalink';
import type { Store } from './store';

/** How an experiment arrived: the URL binding pushes history for presets and shares only. */
export type ExperimentSource = 'url' | 'edit' | 'preset' | 'history';

export interface ExperimentSlice {
  experiment: Experiment;
  /** What the permalink parser changed or rejected when the page opened. */
  notices: Notice[];
  source: ExperimentSource;
  /** Bumped on every change so the URL binding knows when to write. */
  revision: number;
  setField: <K extends FieldKey>(key: K, value: Config[K]) => void;
  setAxes: (axes: Axis[]) => void;
  loadExperiment: (e: Experiment, source: ExperimentSource, notices?: Notice[]) => void;
  dismissNotices: () => void;
}

export const createExperimentSlice: StateCreator<Store, [], [], ExperimentSlice> = (set) => ({
  experiment: defaultExperiment(),
  notices: [],
  source: 'url',
  revision: 0,
  setField: (key, value) =>
    set((s) => ({
      experiment: { ...s.experiment, base: { ...s.experiment.base, [key]: value } },
      source: 'edit',
      revision: s.revision + 1,
    })),
  setAxes: (axes) => set((s) => ({ experiment: { ...s.experiment, axes }, source: 'edit', revision: s.revision + 1 })),
  loadExperiment: (experiment, source, notices) =>
    set((s) => ({ experiment, source, notices: notices ?? [], revision: s.revision + 1 })),
  dismissNotices: () => set({ notices: [] }),
});
