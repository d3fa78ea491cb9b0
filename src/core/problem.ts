/** A problem of an experiment, in words a user can act on (validation, the input kinds, the controls). */
import type { FieldKey } from './config';

export interface Problem {
  /** The fields the problem concerns, so the UI can show it beside them. */
  fields: FieldKey[];
  message: string;
  /** Label of the run it concerns, when it depends on the axes. */
  run?: string;
}

/** What is wrong with one run's configuration: errors block training, warnings do not. */
export interface Problems {
  errors: Problem[];
  warnings: Problem[];
}
