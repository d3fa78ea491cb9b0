/**
 * Expands an experiment (base + up to two compare axes) into its runs.
 * A single run is an experiment with no axes; a phase diagram is one with two.
 */
import type { AxisField, Config, Experiment } from './config';
import { resolveSeeds, type SeedSet } from './rng';

export type AxisValues = Partial<Record<AxisField, Config[AxisField]>>;

export interface RunPlan {
  /** Position in the cross product, row-major over the axes. */
  index: number;
  /** e.g. "inputs=parity, k=3"; "run" when there are no axes. */
  label: string;
  values: AxisValues;
  config: Config;
  seeds: SeedSet;
}

export function runLabel(values: AxisValues): string {
  const parts = Object.entries(values).map(([k, v]) => `${k}=${String(v)}`);
  return parts.length ? parts.join(', ') : 'run';
}

export function runCount(e: Experiment): number {
  return e.axes.reduce((acc, a) => acc * a.values.length, 1);
}

/** The cross product of the axes applied to the base, each with its seeds resolved. */
export function expandRuns(e: Experiment): RunPlan[] {
  let combos: AxisValues[] = [{}];
  for (const axis of e.axes) {
    combos = combos.flatMap((values) => axis.values.map((v) => ({ ...values, [axis.field]: v })));
  }
  return combos.map((values, index) => {
    const config = { ...e.base, ...values } as Config;
    return {
      index,
      label: runLabel(values),
      values,
      config,
      // Seeds come from the run's own config, so an axis over tseed/dseed/sseed re-draws only that stream.
      seeds: resolveSeeds(config.seed, config),
    };
  });
}
