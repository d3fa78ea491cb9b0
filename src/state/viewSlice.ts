import type { StateCreator } from 'zustand';
import type { Speed } from '../worker/protocol';
import type { Store } from './store';

export interface ViewSlice {
  /** Hides the controls and enlarges charts and text for a projector. */
  presentation: boolean;
  showTrain: boolean;
  speed: Speed;
  setPresentation: (on: boolean) => void;
  setShowTrain: (on: boolean) => void;
  setSpeed: (speed: Speed) => void;
}

export const createViewSlice: StateCreator<Store, [], [], ViewSlice> = (set) => ({
  presentation: false,
  showTrain: false,
  speed: 'max',
  setPresentation: (presentation) => set({ presentation }),
  setShowTrain: (showTrain) => set({ showTrain }),
  setSpeed: (speed) => set({ speed }),
});
