/**
 * "Export as code": a self-contained Python script that reproduces an
 * experiment in PyTorch. The constructions, teachers' label maps and secret
 * bits are the lab's, built here by the lab's own core and embedded as
 * base64 float32; the students, batches and test sets come from PyTorch's
 * generator, seeded per run from the run's seeds (as `npm run sweep` does),
 * so the script is statistically equivalent to the lab, not bit-identical.
 * The training is the lab's: the same network, initialisation, optimiser,
 * batch size, budget and evaluation steps. Pure: no DOM, no store.
 */
import type { Experiment } from '../core/config';
import { expandRuns, type RunPlan } from '../core/experiment';
import { evaluationSteps } from '../core/metrics';
import { serialisePermalink } from '../core/permalink';
import { buildRunInputs } from '../core/run-inputs';
import { ADAM_BETAS, ADAM_EPSILON, SGD_MOMENTUM } from '../train/optimizer';
import { PYTHON_TEMPLATE } from './pythonTemplate';

/** Little-endian float32 bytes in base64: compact and exact for what the student sees. */
export function base64Float32(values: ArrayLike<number>): string {
  const f = Float32Array.from(values as ArrayLike<number>);
  const bytes = new Uint8Array(f.buffer);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

interface ScriptRun {
  label: string;
  seed: string;
  n: number;
  source: 'bits' | 'gaussian' | 'cube';
  d: number;
  /** bits: (d+1) x n, x = [z, 1] map. */
  map?: string;
  labels: 'parity' | 'coin' | 'teacher-of-bits' | 'teacher-of-x';
  secret?: number[];
  /** The teacher's label map: (d+1) x m on [z, 1], or n x m on x. */
  V?: string;
  m?: number;
  clip: boolean;
  binary: boolean;
  config: { h: number; depth: number; act: string; opt: string; lr: number; bs: number; train: 'online' | number };
  steps: number;
  test: number;
  evalSteps: number[];
}

function scriptRun(plan: RunPlan): ScriptRun {
  const c = plan.config;
  const { sampler } = buildRunInputs(plan);
  const seed = ((BigInt(plan.seeds.student >>> 0) << 32n) | BigInt(plan.seeds.data >>> 0)).toString();
  const common = {
    label: plan.label,
    seed,
    n: c.n,
    clip: c.clip,
    binary: sampler.binaryLabels,
    config: { h: c.h, depth: c.depth, act: c.act, opt: c.opt, lr: c.lr, bs: c.bs, train: c.train },
    steps: c.steps,
    test: c.test,
    evalSteps: evaluationSteps(c.steps),
  };
  const { construction } = sampler;
  if (construction) {
    const bits = {
      ...common,
      source: 'bits' as const,
      d: construction.d,
      map: base64Float32(construction.standardisedMapT()),
    };
    if (sampler.kind === 'parity') return { ...bits, labels: 'parity', secret: [...sampler.secret!] };
    if (sampler.kind === 'random') return { ...bits, labels: 'coin' };
    if (sampler.kind === 'ksat')
      return { ...bits, labels: 'teacher-of-bits', V: base64Float32(construction.V), m: construction.m };
  } else if (sampler.deviceLabels && (sampler.kind === 'gaussian' || sampler.kind === 'cube')) {
    const { V, m, clip } = sampler.deviceLabels;
    return { ...common, source: sampler.kind, d: 0, labels: 'teacher-of-x', V: base64Float32(V), m, clip };
  }
  throw new Error(`the Python export has no sampler for inputs=${sampler.kind} yet`);
}

/** The script for every run of the experiment. */
export function pythonScript(experiment: Experiment): string {
  const runs = expandRuns(experiment).map(scriptRun);
  const query = serialisePermalink(experiment);
  const optimizers = {
    adam: { betas: ADAM_BETAS, eps: ADAM_EPSILON },
    sgd: { momentum: SGD_MOMENTUM },
  };
  return PYTHON_TEMPLATE.replaceAll('@@QUERY@@', query)
    .replace('@@OPTIMIZERS@@', JSON.stringify(optimizers))
    .replace('@@RUNS@@', JSON.stringify(runs, null, 1));
}
