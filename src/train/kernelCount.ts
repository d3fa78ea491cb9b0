/**
 * How many tfjs kernels one run-step dispatches, for the bench's
 * `kernelsPerRunStep` figure (issue 9): on wasm most of a step's cost is
 * per-kernel overhead, so the count says where the time goes before any
 * timing does. Counted with tf.profile over a stretch of steps after a
 * warm-up, divided by the run-steps trained; the one read of the losses per
 * stretch is included, as in real training.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { RunSetup, StrategyChoice } from './group';
import type { OptimizerImpl } from './optimizer';
import { TrainingSession } from './session';

export interface KernelCountOptions {
  /** 'tfjs' counts tfjs' own optimisers (the engine before issue 9), 'fused' the fused passes. */
  optimizer?: OptimizerImpl;
  strategy?: StrategyChoice;
  /** Steps counted (after 2 of warm-up). */
  steps?: number;
}

export interface KernelCount {
  perRunStep: number;
  /** Kernels per run-step by kernel name, largest first. */
  byKernel: [string, number][];
}

type Profile = Awaited<ReturnType<typeof tf.profile>>;

/**
 * Kernels of a tf.profile by name: how many ran and their milliseconds. An op
 * with a custom gradient (tf.fused.matMul) is also listed as a scope named
 * '<name>__op' around the kernel it runs; it dispatches nothing and is left out.
 */
export function tallyKernels(p: Profile): { count: Map<string, number>; ms: Map<string, number> } {
  const count = new Map<string, number>();
  const ms = new Map<string, number>();
  for (const k of p.kernels) {
    if (k.name.endsWith('__op')) continue;
    count.set(k.name, (count.get(k.name) ?? 0) + 1);
    const t = typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
    ms.set(k.name, (ms.get(k.name) ?? 0) + t);
  }
  return { count, ms };
}

/** Kernels per run-step of these runs on the backend that is running now, with a breakdown by kernel. */
export async function profileKernelsPerRunStep(
  setups: readonly RunSetup[],
  opts: KernelCountOptions = {},
): Promise<KernelCount> {
  const steps = opts.steps ?? 10;
  const session = await TrainingSession.create(setups, {
    ...(opts.strategy ? { strategy: opts.strategy } : {}),
    ...(opts.optimizer ? { optimizer: opts.optimizer } : {}),
  });
  try {
    await session.advance(2);
    let runSteps = 0;
    const info = await tf.profile(async () => {
      const report = await session.advance(steps);
      runSteps = report.runs.reduce((s, r) => s + r.steps, 0);
      return [];
    });
    if (runSteps === 0) throw new Error('no run trained while counting kernels (budgets too short?)');
    const { count } = tallyKernels(info);
    const total = [...count.values()].reduce((a, b) => a + b, 0);
    return {
      perRunStep: total / runSteps,
      byKernel: [...count.entries()].map(([k, c]): [string, number] => [k, c / runSteps]).sort((a, b) => b[1] - a[1]),
    };
  } finally {
    session.dispose();
  }
}

/** Kernels per run-step (see profileKernelsPerRunStep). */
export async function countKernelsPerRunStep(
  setups: readonly RunSetup[],
  opts: KernelCountOptions = {},
): Promise<number> {
  return (await profileKernelsPerRunStep(setups, opts)).perRunStep;
}
