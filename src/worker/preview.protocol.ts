/**
 * The typed messages between the page and the preview worker, which draws
 * the teacher's weights and pre-activations from the seeds before (and
 * without) any training. Its own protocol: no tfjs on either side.
 */
import type { Experiment } from '../core/config';
import type { preactivationViews, ScienceSetup, teacherViews } from './views';

/** What views.ts computes, passed through unchanged: as it grows, the preview carries the new fields. */
export type PreviewTeacher = ReturnType<typeof teacherViews>[number];
export type PreviewPreactivation = ReturnType<typeof preactivationViews>[number];

export type ToPreview = {
  type: 'views';
  /** Increases with every request; only the latest is answered. */
  id: number;
  experiment: Experiment;
};

export type FromPreview =
  | {
      type: 'views';
      id: number;
      /** previewKey(experiment) of the request. */
      key: string;
      labels: string[];
      /** The distinct teachers built so far; `runs` index the experiment's runs. */
      teachers: PreviewTeacher[];
      /** Per run, in run order: its teacher's pre-activations, null until built (or when it cannot be built). */
      preactivations: (PreviewPreactivation | null)[];
      /** Every run that can be built has been; later messages for this id will not come. */
      complete: boolean;
      /** Runs whose inputs could not be built, with the reason (an impossible construction). */
      failed: { run: number; message: string }[];
      /**
       * The construction's pictures (views.ts scienceSetup): per run in run order (null until built),
       * pattern weights with `runs` indexing the experiment's runs.
       */
      science: ScienceSetup;
    }
  | { type: 'error'; id: number; message: string };
