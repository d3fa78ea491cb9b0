/**
 * The lab side of the twin: one run of a permalink trained by the real
 * engine (src/train's TrainingSession, the code path of the CLI and the
 * worker) for a number of steps, with everything the PyTorch side needs to
 * train the same network on the same numbers.
 */
import { type Config } from '../../src/core/config';
import { expandRuns, type RunPlan } from '../../src/core/experiment';
import type { Construction } from '../../src/core/inputs';
import type { Batch } from '../../src/core/inputs/types';
import { parsePermalink } from '../../src/core/permalink';
import { buildRunInputs } from '../../src/core/run-inputs';
import {
  ADAM_BETAS,
  ADAM_EPSILON,
  SGD_MOMENTUM,
  TrainingSession,
  chooseStrategy,
  drawTestSet,
  groupShape,
  initBackend,
  initialLayers,
  trainStream,
  trainingBatches,
  type HostLayer,
  type StrategyChoice,
} from '../../src/train';
import {
  TWIN_FORMAT,
  TWIN_FORMAT_VERSION,
  concat,
  standardisedMap,
  constructionArrays,
  secretOf,
  teacherArray,
  trainingBits,
  unpackBits,
  type TwinArray,
  type TwinExport,
  type TwinOptimizer,
} from './twin-export';
import { validateExperiment } from '../../src/core/validate';

export interface CaptureOptions {
  query: string;
  /** Which run of the experiment (0-based, in the order of expandRuns). */
  run: number;
  steps: number;
  backend: 'wasm' | 'cpu' | null;
  strategy: StrategyChoice;
}

export type PlanOutcome = { ok: true; plan: RunPlan; runs: number } | { ok: false; errors: string[] };

/**
 * The run to twin, refused with reasons when the link needed changes (as
 * the CLI refuses it), is invalid, or asks for something the twin does not
 * export. Its budget becomes the exported steps.
 */
export function planFor(query: string, run: number, steps: number): PlanOutcome {
  const { experiment, notices } = parsePermalink(query);
  if (notices.length > 0) return { ok: false, errors: notices.map((n) => `${n.key}: ${n.message}`) };
  const validation = validateExperiment(experiment);
  if (!validation.ok) return { ok: false, errors: validation.errors.map((e) => e.message) };
  const plans = expandRuns(experiment);
  if (!(Number.isInteger(run) && run >= 0 && run < plans.length)) {
    const labels = plans.map((p, i) => `${i}: ${p.label}`).join('; ');
    return {
      ok: false,
      errors: [`--run ${run} does not exist; this experiment has ${plans.length} run(s): ${labels}`],
    };
  }
  if (!(Number.isInteger(steps) && steps >= 1 && steps <= 100_000))
    return { ok: false, errors: [`--steps must be a whole number from 1 to 100000, got ${steps}`] };
  const plan = plans[run]!;
  if (plan.config.train !== 'online')
    return {
      ok: false,
      errors: [
        `the twin exports online training only (fresh batches every step); this run uses train=${plan.config.train}`,
      ],
    };
  const config: Config = { ...plan.config, steps };
  return { ok: true, plan: { ...plan, config }, runs: plans.length };
}

export function twinOptimizer(c: Config): TwinOptimizer {
  return c.opt === 'adam'
    ? { name: 'adam', lr: c.lr, beta1: ADAM_BETAS[0], beta2: ADAM_BETAS[1], epsilon: ADAM_EPSILON }
    : { name: 'sgd', lr: c.lr, momentum: SGD_MOMENTUM };
}

export function layerArrays(prefix: string, layers: readonly HostLayer[]): Record<string, TwinArray> {
  const out: Record<string, TwinArray> = {};
  layers.forEach((l, i) => {
    out[`${prefix}.W${i}`] = { data: l.W, shape: [l.fanIn, l.fanOut] };
    out[`${prefix}.b${i}`] = { data: l.b, shape: [l.fanOut] };
  });
  return out;
}

/**
 * Trains the run on the engine for `steps` steps, one step per session
 * advance (the chunking does not change the numbers, ExperimentDriver says
 * so and the engine's tests check it), recording the batches the engine
 * drew, its loss at every step, its parameters before and after, and its
 * test evaluation at the end.
 */
export async function captureLabRun(opts: CaptureOptions): Promise<TwinExport> {
  const query = opts.query;
  const planned = planFor(query, opts.run, opts.steps);
  if (!planned.ok) throw new Error(planned.errors.join('\n'));
  const { plan } = planned;
  const c = plan.config;
  const backend = await initBackend(opts.backend ?? 'wasm');
  const inputs = buildRunInputs(plan);
  // The engine's own account of the batches it trains on (per-run strategy, this backend), bit for bit.
  const batches = await trainingBatches(inputs.sampler, plan.seeds, { bs: c.bs, train: c.train }, opts.steps);
  const session = await TrainingSession.create([{ plan, sampler: inputs.sampler }], { strategy: opts.strategy });
  try {
    const strategy = chooseStrategy(opts.strategy, backend.name);
    const [init] = await session.weights();
    const losses = new Float32Array(opts.steps);
    for (let t = 0; t < opts.steps; t++) {
      const loss = (await session.advance(1)).runs[0]!.trainLoss;
      if (loss === null) throw new Error(`the run diverged at step ${t + 1}; nothing to compare`);
      losses[t] = loss;
    }
    const [evaluation] = await session.evaluate();
    const [final] = await session.weights();
    if (!evaluation || evaluation.testNmse === null || evaluation.testMse === null || !init || !final)
      throw new Error('the engine reported no test loss after training');

    const test = drawTestSet(inputs.sampler, plan.seeds, c.test);
    const bs = c.bs;
    const arrays: Record<string, TwinArray> = {
      ...layerArrays('init', init),
      'test.x': { data: test.x, shape: [test.count, c.n] },
      'test.y': { data: test.y, shape: [test.count] },
      'teacher.W': teacherArray(inputs.teacher),
      'train.x': { data: concat(batches.map((b) => b.x)), shape: [opts.steps, bs, c.n] },
      'train.y': { data: concat(batches.map((b) => b.y)), shape: [opts.steps, bs] },
      ...constructionArrays(inputs.sampler),
      'lab.trainLoss': { data: losses, shape: [opts.steps] },
      ...layerArrays('final', final),
    };
    const sampler = inputs.sampler;
    let d = 0;
    if (sampler.construction) {
      d = sampler.construction.d;
      const bits = trainingBits(sampler, trainStream(plan.seeds), opts.steps, bs);
      checkBitsGiveInputs(sampler.construction, bits, batches, bs);
      arrays['train.zbits'] = { data: bits, shape: [opts.steps, bs, Math.ceil(d / 8)] };
    }
    return {
      manifest: {
        format: TWIN_FORMAT,
        version: TWIN_FORMAT_VERSION,
        query,
        run: { index: plan.index, label: plan.label, of: planned.runs },
        config: c,
        seeds: plan.seeds,
        student: { n: c.n, h: c.h, depth: c.depth, act: c.act },
        optimizer: twinOptimizer(c),
        batch: bs,
        steps: opts.steps,
        test: { count: test.count, labelVariance: test.labelVariance },
        inputs: {
          kind: c.inputs,
          d,
          secret: secretOf(sampler),
          sigma: c.inputs === 'gaussian' ? c.sigma : null,
        },
        labels:
          strategy === 'per-run' || strategy === 'simd'
            ? 'train.x and train.y are the batches the engine trains on (src/train/batchSource.ts trainingBatches), bit for bit'
            : "train.x and train.y are the per-run strategy's batches; the batched strategy forms construction inputs on the host, equal up to float32 rounding",
        lab: {
          backend: backend.name,
          strategy,
          steps: opts.steps,
          testMse: evaluation.testMse,
          testNmse: evaluation.testNmse,
          accuracy: evaluation.accuracy,
        },
      },
      arrays,
    };
  } finally {
    session.dispose();
  }
}

/**
 * The exported bits must give, through the construction's standardised map,
 * the inputs the engine trains on (a float32 device product of the same
 * bits, so equal up to float32 rounding); otherwise the bits are not the
 * engine's and a PyTorch run on them would see other data.
 */
function checkBitsGiveInputs(
  construction: Construction,
  bits: Uint8Array,
  batches: readonly Batch[],
  bs: number,
): void {
  const { n, d } = construction;
  const per = Math.ceil(d / 8);
  const map = standardisedMap(construction);
  batches.forEach((batch, t) => {
    const z = unpackBits(bits.subarray(t * bs * per, (t + 1) * bs * per), bs, d);
    for (let s = 0; s < bs; s++) {
      for (let r = 0; r < n; r++) {
        let x = map[d * n + r]!;
        for (let j = 0; j < d; j++) if (z[s * d + j]) x += map[j * n + r]!;
        const got = batch.x[s * n + r]!;
        if (Math.abs(got - x) > 1e-5 * Math.max(1, Math.abs(x)))
          throw new Error(
            `step ${t + 1}: the training stream's bits do not give the engine's inputs (${got} against ${x})`,
          );
      }
    }
  });
}

/**
 * One run's construction, test set, initial weights and the hidden bits of
 * its first `bitSteps` training batches, without training: what the PyTorch
 * side needs to train the run on the lab's data with either side's random
 * streams (tools/twin/python/streams.py).
 */
export function exportWithoutTraining(plan: RunPlan, runs: number, query: string, bitSteps: number): TwinExport {
  const c = plan.config;
  const inputs = buildRunInputs(plan);
  const sampler = inputs.sampler;
  const { construction } = sampler;
  if (!construction)
    throw new Error(`only inputs built from hidden bits (parity, ksat, random) export them; this run has ${c.inputs}`);
  const test = drawTestSet(sampler, plan.seeds, c.test);
  const d = construction.d;
  return {
    manifest: {
      format: TWIN_FORMAT,
      version: TWIN_FORMAT_VERSION,
      query,
      run: { index: plan.index, label: plan.label, of: runs },
      config: c,
      seeds: plan.seeds,
      student: { n: c.n, h: c.h, depth: c.depth, act: c.act },
      optimizer: twinOptimizer(c),
      batch: c.bs,
      steps: bitSteps,
      test: { count: test.count, labelVariance: test.labelVariance },
      inputs: { kind: c.inputs, d, secret: secretOf(sampler), sigma: null },
      labels: 'no train.x/train.y: the batches are train.zbits through construction.map',
      lab: null,
    },
    arrays: {
      ...layerArrays('init', initialLayers(groupShape(c), plan.seeds)),
      'test.x': { data: test.x, shape: [test.count, c.n] },
      'test.y': { data: test.y, shape: [test.count] },
      'teacher.W': teacherArray(inputs.teacher),
      ...constructionArrays(sampler),
      'train.zbits': {
        data: trainingBits(sampler, trainStream(plan.seeds), bitSteps, c.bs),
        shape: [bitSteps, c.bs, Math.ceil(d / 8)],
      },
    },
  };
}
