import type { StateCreator } from 'zustand';
import type { Speed } from '../worker/protocol';
import type { Store } from './store';
import { NO_VIEW_PARAMS, type ViewParams } from './viewParams';

export interface ViewSlice {
  /** Hides the controls and enlarges charts and text for a projector. */
  presentation: boolean;
  showTrain: boolean;
  speed: Speed;
  /** The URL's view keys (story step, embed), kept in the URL beside the experiment. */
  viewParams: ViewParams;
  setViewParams: (params: Partial<ViewParams>) => void;
  setPresentation: (on: boolean) => void;
  setShowTrain: (on: boolean) => void;
  setSpeed: (speed: Speed) => void;
}

export const createViewSlice: StateCreator<Store, [], [], ViewSlice> = (set) => ({
  presentation: false,
  showTrain: false,
  speed: 'max',
  viewParams: NO_VIEW_PARAMS,
  setViewParams: (params) => set((s) => ({ viewParams: { ...s.viewParams, ...params } })),
  setPresentation: (presentation) => set({ presentation }),
  setShowTrain: (showTrain) => set({ showTrain }),
  setSpeed: (speed) => set({ speed }),
});
