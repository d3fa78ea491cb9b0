/**
 * From a planned run to what training consumes: the teacher drawn from the
 * teacher stream and the input distribution built from the data stream.
 */
import type { Config } from './config';
import { makeWeightDistribution } from './distributions';
import type { RunPlan } from './experiment';
import { makeInputSampler } from './inputs/build';
import type { InputSampler } from './inputs/types';
import { Rng } from './rng';
import type { Teacher } from './teacher';
import { weightStd } from './weightScale';

export interface RunInputs {
  plan: RunPlan;
  teacher: Teacher;
  sampler: InputSampler;
}

/** The teacher of a config, its weights drawn i.i.d. from `rng` (the run's teacher stream). */
export function drawTeacher(c: Config, rng: Rng): Teacher {
  const dist = makeWeightDistribution(c.w, weightStd(c.wscale, c.n), { nu: c.wnu, p: c.wp });
  const W = new Float64Array(c.n * c.m);
  dist.sample(rng, W);
  return { n: c.n, m: c.m, clip: c.clip, W };
}

export function buildRunInputs(plan: RunPlan): RunInputs {
  const teacher = drawTeacher(plan.config, new Rng(plan.seeds.teacher));
  const sampler = makeInputSampler(plan.config, teacher, new Rng(plan.seeds.data));
  return { plan, teacher, sampler };
}
