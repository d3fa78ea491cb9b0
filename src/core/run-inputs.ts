/**
 * From a planned run to what training consumes: the teacher drawn from the
 * teacher stream and the input distribution built from the data stream.
 */
import type { RunPlan } from './experiment';
import { makeInputSampler } from './inputs';
import type { InputSampler } from './inputs/types';
import { Rng } from './rng';
import { drawTeacher, type Teacher } from './teacher';

export interface RunInputs {
  plan: RunPlan;
  teacher: Teacher;
  sampler: InputSampler;
}

export function buildRunInputs(plan: RunPlan): RunInputs {
  const teacher = drawTeacher(plan.config, new Rng(plan.seeds.teacher));
  const sampler = makeInputSampler(plan.config, teacher, new Rng(plan.seeds.data));
  return { plan, teacher, sampler };
}
