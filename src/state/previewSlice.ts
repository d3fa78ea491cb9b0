import type { StateCreator } from 'zustand';
import type { PreviewPreactivation, PreviewTeacher } from '../worker/preview.protocol';
import type { ScienceSetup } from '../worker/views';
import type { Store } from './store';

/** The teacher pictures the preview worker drew for one experiment (its previewKey). */
export interface PreviewState {
  key: string;
  labels: string[];
  teachers: PreviewTeacher[];
  preactivations: (PreviewPreactivation | null)[];
  complete: boolean;
  failed: { run: number; message: string }[];
  /** The construction's pictures (secret bits, teacher influence, unit pre-activations, pattern weights). */
  science: ScienceSetup;
}

export interface PreviewSlice {
  preview: PreviewState | null;
  /** The preview worker failed; the pictures wait for Start instead. */
  previewError: string | null;
  setPreview: (p: PreviewState) => void;
  setPreviewError: (message: string | null) => void;
}

export const createPreviewSlice: StateCreator<Store, [], [], PreviewSlice> = (set) => ({
  preview: null,
  previewError: null,
  setPreview: (preview) => set({ preview, previewError: null }),
  setPreviewError: (previewError) => set({ previewError }),
});
