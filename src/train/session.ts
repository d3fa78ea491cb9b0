/**
 * A training session: every run of an experiment, grouped by shape, trained
 * in chunks of steps with one asynchronous read of the losses per chunk.
 * Used headless by the CLI and tests, and by the worker, which adds the
 * pacing, messages and controls around it.
 */
import * as tf from '@tensorflow/tfjs-core';
import { accuracy, normalisedLoss } from '../core/metrics';
import { currentBackend, type RunningBackend } from './backend';
import { BatchedGroup } from './batchedGroup';
import { drawTestSet } from './data';
import { chooseStrategy, isLive, type Group, type RunSetup, type RunState, type StrategyChoice } from './group';
import { type OptimizerImpl } from './optimizer';
import { PerRunGroup } from './perRunGroup';
import { SimdGroup, simdPaysAt } from './simdGroup';
import type { FlipProbe } from './flipForward';
import { groupKey, groupShape, type HostLayer } from './student';

/**
 * A loss this many times the label variance is far beyond anything training
 * recovers from (a constant predictor scores 1); calling it divergence early
 * spares the run from computing NaNs for the rest of its budget.
 */
export const DIVERGENCE_FACTOR = 1e8;

export interface RunChunk {
  index: number;
  label: string;
  /** The run's own step after the chunk. */
  step: number;
  /** Steps the run trained in this chunk (fewer than asked once its budget ends, 0 after). */
  steps: number;
  /** Mean raw batch MSE over those steps; null when it trained none or diverged. */
  trainLoss: number | null;
  /** Float64 sum of the same batch losses, so that chunks merge exactly. */
  trainLossSum: number;
  diverged: boolean;
  divergedAt: number | null;
}

export interface ChunkReport {
  /** Session step after the chunk. */
  step: number;
  runs: RunChunk[];
}

export interface EvalReport {
  index: number;
  label: string;
  /** The run's own step (its divergence step once diverged). */
  step: number;
  testMse: number | null;
  /** MSE / Var(y_test); null once diverged. */
  testNmse: number | null;
  /** Fraction right at threshold 1/2, when the labels are 0/1. */
  accuracy: number | null;
  diverged: boolean;
  divergedAt: number | null;
}

export interface SessionOptions {
  strategy?: StrategyChoice;
  /** The optimiser step: fused passes on wasm and cpu by default, tfjs' optimisers elsewhere (optimizer.ts). */
  optimizer?: OptimizerImpl;
}

export interface GroupInfo {
  strategy: Group['strategy'];
  runs: number[];
}

function isAbsurd(loss: number, run: RunState): boolean {
  const scale = run.test.labelVariance > 0 ? run.test.labelVariance : 1;
  return !Number.isFinite(loss) || loss > DIVERGENCE_FACTOR * scale;
}

export class TrainingSession {
  private current = 0;
  private disposed = false;

  private constructor(
    private readonly runs: RunState[],
    private readonly groups: Group[],
    readonly backend: RunningBackend,
    /** The longest budget among the runs. */
    readonly totalSteps: number,
  ) {}

  static async create(setups: readonly RunSetup[], opts: SessionOptions = {}): Promise<TrainingSession> {
    await tf.ready();
    const backend = currentBackend();
    const strategy = chooseStrategy(opts.strategy ?? 'auto', backend);
    const runs: RunState[] = setups.map(({ plan, sampler }, index) => {
      if (sampler.n !== plan.config.n) {
        throw new Error(
          `run ${plan.label}: the sampler draws inputs of dimension ${sampler.n}, the config says n=${plan.config.n}`,
        );
      }
      return {
        index,
        label: plan.label,
        config: plan.config,
        seeds: plan.seeds,
        sampler,
        test: drawTestSet(sampler, plan.seeds, plan.config.test),
        step: 0,
        divergedAt: null,
      };
    });
    const byKey = new Map<string, RunState[]>();
    for (const run of runs) {
      const key = groupKey(groupShape(run.config));
      const members = byKey.get(key);
      if (members) members.push(run);
      else byKey.set(key, [run]);
    }
    const groups: Group[] = [];
    try {
      for (const members of byKey.values()) {
        const shape = groupShape(members[0]!.config);
        const impl = opts.optimizer ?? 'auto';
        groups.push(
          strategy === 'batched'
            ? new BatchedGroup(shape, members, impl)
            : strategy === 'simd' && (opts.strategy === 'simd' || simdPaysAt(shape))
              ? new SimdGroup(shape, members)
              : new PerRunGroup(shape, members, impl),
        );
      }
    } catch (e) {
      for (const g of groups) g.dispose();
      throw e;
    }
    const totalSteps = runs.reduce((m, r) => Math.max(m, r.config.steps), 0);
    return new TrainingSession(runs, groups, backend, totalSteps);
  }

  /** Steps the session has advanced; a run's own step stops at its budget or its divergence. */
  get step(): number {
    return this.current;
  }

  get done(): boolean {
    return this.current >= this.totalSteps;
  }

  describe(): GroupInfo[] {
    return this.groups.map((g) => ({ strategy: g.strategy, runs: g.runs.map((r) => r.index) }));
  }

  /** Trains `k` more steps (fewer for runs whose budget ends sooner). */
  async advance(k: number): Promise<ChunkReport> {
    this.check();
    if (!Number.isInteger(k) || k < 0) throw new Error(`advance needs a whole number of steps, got ${k}`);
    const start = this.current;
    const planned = this.groups.map((g) => Math.max(0, Math.min(k, g.shape.steps - start)));
    const results = await Promise.all(
      this.groups.map((g, i) => (planned[i]! > 0 ? g.train(planned[i]!) : Promise.resolve(g.runs.map(() => null)))),
    );
    const chunks = new Map<number, RunChunk>();
    this.groups.forEach((g, gi) => {
      g.runs.forEach((run, m) => {
        const losses = results[gi]![m] ?? null;
        let sum = 0;
        let trained = 0;
        if (losses && isLive(run)) {
          for (let i = 0; i < losses.length; i++) {
            if (isAbsurd(losses[i]!, run)) {
              run.divergedAt = start + i + 1;
              run.step = run.divergedAt;
              break;
            }
            sum += losses[i]!;
            trained++;
          }
          if (isLive(run)) run.step = start + losses.length;
        }
        const live = isLive(run);
        chunks.set(run.index, {
          index: run.index,
          label: run.label,
          step: run.step,
          steps: live ? trained : 0,
          trainLoss: live && trained > 0 ? sum / trained : null,
          trainLossSum: live ? sum : 0,
          diverged: !live,
          divergedAt: run.divergedAt,
        });
      });
    });
    this.current = Math.min(start + k, Math.max(start, this.totalSteps));
    return { step: this.current, runs: this.runs.map((r) => chunks.get(r.index)!) };
  }

  /** Test predictions per run (null for runs not wanted or diverged), in run order. */
  async predictTest(which?: readonly number[]): Promise<(Float32Array | null)[]> {
    this.check();
    const want = new Set(which ?? this.runs.map((r) => r.index));
    const out: (Float32Array | null)[] = this.runs.map(() => null);
    await Promise.all(
      this.groups.map(async (g) => {
        const preds = await g.predictTest(g.runs.map((r) => want.has(r.index) && isLive(r)));
        g.runs.forEach((r, m) => (out[r.index] = preds[m] ?? null));
      }),
    );
    return out;
  }

  /** Test loss of the wanted runs (all by default), in run order. */
  async evaluate(which?: readonly number[]): Promise<EvalReport[]> {
    const preds = await this.predictTest(which);
    const want = new Set(which ?? this.runs.map((r) => r.index));
    const reports: EvalReport[] = [];
    for (const run of this.runs) {
      if (!want.has(run.index)) continue;
      const p = preds[run.index] ?? null;
      let testMse: number | null = null;
      if (p && isLive(run)) {
        testMse = meanSquaredError(p, run.test.y);
        if (isAbsurd(testMse, run)) run.divergedAt = run.step;
      }
      const live = isLive(run);
      reports.push({
        index: run.index,
        label: run.label,
        step: run.step,
        testMse: live ? testMse : null,
        testNmse: live && testMse !== null ? normalisedLoss(testMse, run.test.labelVariance) : null,
        accuracy: live && p && run.sampler.binaryLabels ? accuracy(p, run.test.y) : null,
        diverged: !live,
        divergedAt: run.divergedAt,
      });
    }
    return reports;
  }

  /** One run's predictions on `count` inputs (count x n, row-major, as the student sees them). */
  async predict(run: number, x: Float32Array, count: number): Promise<Float32Array> {
    this.check();
    for (const g of this.groups) {
      const member = g.runs.findIndex((r) => r.index === run);
      if (member >= 0) return g.predict(member, x, count);
    }
    throw new Error(`no run ${run} in this session`);
  }

  /** One run's outputs on an influence sample and on its flips (flipForward.ts). */
  async predictFlips(run: number, probe: FlipProbe): Promise<{ atBase: Float32Array; atFlipped: Float32Array }> {
    this.check();
    for (const g of this.groups) {
      const member = g.runs.findIndex((r) => r.index === run);
      if (member >= 0) return g.predictFlips(member, probe);
    }
    throw new Error(`no run ${run} in this session`);
  }

  /** Each run's first-layer weights (n x h, row-major), for the histograms. */
  async snapshot(): Promise<Float32Array[]> {
    this.check();
    const out: Float32Array[] = new Array<Float32Array>(this.runs.length);
    await Promise.all(
      this.groups.map(async (g) => {
        const w = await g.firstLayer();
        g.runs.forEach((r, m) => (out[r.index] = w[m]!));
      }),
    );
    return out;
  }

  /** Every parameter of every run, layer by layer (the output layer last). */
  async weights(): Promise<HostLayer[][]> {
    this.check();
    const out: HostLayer[][] = new Array<HostLayer[]>(this.runs.length);
    await Promise.all(
      this.groups.map(async (g) => {
        const w = await g.layers();
        g.runs.forEach((r, m) => (out[r.index] = w[m]!));
      }),
    );
    return out;
  }

  /** Each run's test labels, for chance levels and the like. */
  testLabels(): Float32Array[] {
    return this.runs.map((r) => r.test.y);
  }

  /** Var(y_test) of each run, the denominator of its normalised loss. */
  labelVariances(): number[] {
    return this.runs.map((r) => r.test.labelVariance);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const g of this.groups) g.dispose();
  }

  private check(): void {
    if (this.disposed) throw new Error('the training session was disposed');
  }
}

/** In float64, whatever the precision of the predictions. */
function meanSquaredError(pred: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += (pred[i]! - y[i]!) ** 2;
  return y.length ? s / y.length : Number.NaN;
}
