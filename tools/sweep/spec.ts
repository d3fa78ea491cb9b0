/**
 * What the sweep's Python side trains on, built by the lab's own core for
 * every run of an experiment: the test set, the construction's standardised
 * map, the teacher as the labels need it, the evaluation steps and the seeds
 * (no second implementation of any of them). Written to a directory as a
 * manifest plus .npy arrays (format "nwl-sweep", version 1), read by
 * tools/sweep/python/sweep.py.
 *
 * How a run's batches are drawn is said in two words that Python reads:
 * inputs.source ('bits': hidden bits z through the standardised map;
 * 'gaussian': x/sigma ~ N(0, I); 'cube': uniform ±1) and labels.rule
 * ('parity' of the secret bits; 'coin' flips; 'teacher-of-bits': the
 * teacher's output from [z; 1] through the construction's targets V;
 * 'teacher-of-x': the teacher acting on x as the student sees it).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunPlan } from '../../src/core/experiment';
import type { InputSampler } from '../../src/core/inputs/types';
import { evaluationSteps } from '../../src/core/metrics';
import type { ResultRun } from '../../src/core/result';
import { buildRunInputs } from '../../src/core/run-inputs';
import { ADAM_BETAS, ADAM_EPSILON, SGD_MOMENTUM, drawTestSet, groupShape } from '../../src/train';
import { standardisedMap } from '../twin/twin-export';
import { writeNpy, type NpyData } from '../twin/twin-npy';

export const SWEEP_SPEC_FORMAT = 'nwl-sweep';
export const SWEEP_SPEC_VERSION = 1;

export type InputSource = 'bits' | 'gaussian' | 'cube';
export type LabelRule = 'parity' | 'coin' | 'teacher-of-bits' | 'teacher-of-x';

export interface SweepShape {
  n: number;
  h: number;
  depth: number;
  act: string;
  lr: number;
  bs: number;
  train: 'online' | number;
  steps: number;
  optimizer: { name: 'adam'; beta1: number; beta2: number; epsilon: number } | { name: 'sgd'; momentum: number };
  /** The lab's evaluation steps for this budget (core/metrics.ts evaluationSteps). */
  evalSteps: number[];
}

export interface SweepRunSpec {
  index: number;
  shapeKey: string;
  /** Seeds torch.Generator: the run's student seed in the high 32 bits, its data seed in the low. */
  torchSeed: string;
  inputs: { source: InputSource; d: number };
  labels: { rule: LabelRule; secret?: number[]; clip?: boolean };
  binaryLabels: boolean;
  test: { count: number; labelVariance: number };
  arrays: Record<string, string>;
}

/** What the result says of a run before it trains (the keys in the order of core/result.ts). */
export type RunHead = Pick<ResultRun, 'label' | 'values' | 'secret' | 'labelVariance'>;

interface Built {
  head: RunHead;
  run: SweepRunSpec;
  shape: SweepShape;
  arrays: Record<string, { data: NpyData; shape: number[] }>;
}

/** Why the sweep cannot train this run, or null when it can. */
export function unsupported(sampler: InputSampler): string | null {
  if (['parity', 'random', 'ksat', 'gaussian', 'cube'].includes(sampler.kind)) return null;
  return `the PyTorch sweep has no sampler for inputs=${sampler.kind} yet (it knows parity, random, ksat, gaussian and cube)`;
}

/** How the run's samples are drawn in PyTorch, and the arrays that takes. */
function samplingOf(
  sampler: InputSampler,
  clip: boolean,
): Pick<Built, 'arrays'> & Pick<SweepRunSpec, 'inputs' | 'labels'> {
  const { construction } = sampler;
  if (construction) {
    const { n, d, m } = construction;
    const arrays: Built['arrays'] = { map: { data: standardisedMap(construction), shape: [d + 1, n] } };
    const inputs = { source: 'bits' as const, d };
    if (sampler.kind === 'parity') return { arrays, inputs, labels: { rule: 'parity', secret: [...sampler.secret!] } };
    if (sampler.kind === 'random') return { arrays, inputs, labels: { rule: 'coin' } };
    // ksat: N_W(x(z)) = clip(sum relu([z; 1] V)), V the construction's target pre-activations, exactly.
    arrays.V = { data: construction.V, shape: [d + 1, m] };
    return { arrays, inputs, labels: { rule: 'teacher-of-bits', clip } };
  }
  const device = sampler.deviceLabels;
  if (!device) throw new Error(unsupported(sampler) ?? `inputs=${sampler.kind} has no labels the sweep can draw`);
  return {
    arrays: { V: { data: device.V, shape: [sampler.n, device.m] } },
    inputs: { source: sampler.kind === 'cube' ? 'cube' : 'gaussian', d: 0 },
    labels: { rule: 'teacher-of-x', clip: device.clip },
  };
}

export function buildRun(plan: RunPlan): Built {
  const c = plan.config;
  const { sampler } = buildRunInputs(plan);
  const problem = unsupported(sampler);
  if (problem) throw new Error(problem);
  const test = drawTestSet(sampler, plan.seeds, c.test);
  const g = groupShape(c);
  const shape: SweepShape = {
    n: g.n,
    h: g.h,
    depth: g.depth,
    act: g.act,
    lr: g.lr,
    bs: g.bs,
    train: g.train,
    steps: g.steps,
    optimizer:
      c.opt === 'adam'
        ? { name: 'adam', beta1: ADAM_BETAS[0], beta2: ADAM_BETAS[1], epsilon: ADAM_EPSILON }
        : { name: 'sgd', momentum: SGD_MOMENTUM },
    evalSteps: evaluationSteps(c.steps),
  };
  const sampling = samplingOf(sampler, c.clip);
  // Runs train together only when they share the network, the optimiser and how their samples are drawn.
  const shapeKey = JSON.stringify([shape, sampling.inputs, sampling.labels.rule, sampling.arrays.V?.shape ?? null]);
  const torchSeed = ((BigInt(plan.seeds.student >>> 0) << 32n) | BigInt(plan.seeds.data >>> 0)).toString();
  return {
    head: {
      label: plan.label,
      values: plan.values,
      ...(sampler.secret ? { secret: [...sampler.secret] } : {}),
      labelVariance: test.labelVariance,
    },
    shape,
    arrays: {
      'test.x': { data: test.x, shape: [test.count, c.n] },
      'test.y': { data: test.y, shape: [test.count] },
      ...sampling.arrays,
    },
    run: {
      index: plan.index,
      shapeKey,
      torchSeed,
      inputs: sampling.inputs,
      labels: sampling.labels,
      binaryLabels: sampler.binaryLabels,
      test: { count: test.count, labelVariance: test.labelVariance },
      arrays: {},
    },
  };
}

/** Writes every run's spec into `dir`; returns what the result says of each run before it trains. */
export function writeSweepSpec(dir: string, permalink: string, plans: readonly RunPlan[]): RunHead[] {
  mkdirSync(dir, { recursive: true });
  const shapes: Record<string, SweepShape> = {};
  const runs: SweepRunSpec[] = [];
  const heads: RunHead[] = [];
  for (const plan of plans) {
    const built = buildRun(plan);
    shapes[built.run.shapeKey] = built.shape;
    for (const [name, a] of Object.entries(built.arrays)) {
      const file = `run-${plan.index}.${name}.npy`;
      writeNpy(join(dir, file), a.data, a.shape);
      built.run.arrays[name] = file;
    }
    runs.push(built.run);
    heads.push(built.head);
  }
  const manifest = { format: SWEEP_SPEC_FORMAT, version: SWEEP_SPEC_VERSION, permalink, shapes, runs };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return heads;
}
