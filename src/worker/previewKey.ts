/**
 * What the teacher pictures of an experiment depend on, as text: two
 * experiments with the same preview key draw the same teacher histograms and
 * pre-activations, so editing the student, the training or the runtime
 * fields never rebuilds a construction. Pure; the page and the preview
 * worker share it.
 */
import { FIELDS, type Experiment } from '../core/config';
import { expandRuns, type RunPlan } from '../core/experiment';

/** Fields that shape the teacher or the inputs; seeds enter resolved, so a derived seed and its explicit value agree. */
const PICTURE_FIELDS = FIELDS.filter((f) => f.group === 'teacher' || f.group === 'inputs').map((f) => f.key);

/** One run's teacher and inputs: runs with equal keys share one built construction. */
export function pictureKey(plan: RunPlan): string {
  const c = plan.config;
  return JSON.stringify([...PICTURE_FIELDS.map((k) => c[k]), plan.seeds.teacher, plan.seeds.data]);
}

/** The whole experiment's pictures: every run's key and label, in run order. */
export function previewKey(e: Experiment): string {
  return JSON.stringify(expandRuns(e).map((p) => [p.label, pictureKey(p)]));
}
