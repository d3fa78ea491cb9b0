/**
 * Expands an experiment (base + compare axes) into its runs.
 * A single run is an experiment with no axes; a phase diagram is one with two
 * axes over settings. An axis over the master seed repeats every combination
 * of the others: runs that differ only in the seed form a group, which the
 * views aggregate (median and spread) instead of comparing.
 */
import { runCount } from './axes';
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

// ---------------------------------------------------------------------------
// Groups: runs that differ only in the master seed

/** A run's values on the axes over settings: what tells its group apart (the seed left out). */
export function groupValues(values: AxisValues): AxisValues {
  const { seed: _seed, ...rest } = values;
  return rest;
}

/** e.g. "inputs=parity"; "run" when the only axis is the seed. */
export function groupLabel(values: AxisValues): string {
  return runLabel(groupValues(values));
}

/** The master seed a run trains with (its seed-axis value, or the base seed). */
export function runSeed(plan: Pick<RunPlan, 'config'>): number {
  return plan.config.seed;
}

export interface RunGroup {
  /** Position among the groups, row-major over the axes over settings. */
  index: number;
  label: string;
  values: AxisValues;
  /** Indices of its runs (into expandRuns), in increasing seed-axis order. */
  runs: number[];
  /** The master seed of each of those runs. */
  seeds: number[];
}

/**
 * The groups of an experiment, in the order of the cross product over the
 * axes over settings; without a seed axis every run is its own group.
 */
export function runGroups(e: Experiment): RunGroup[] {
  const plans = expandRuns(e);
  const byKey = new Map<string, RunGroup>();
  for (const plan of plans) {
    const values = groupValues(plan.values);
    const key = JSON.stringify(values);
    let group = byKey.get(key);
    if (!group) {
      group = { index: byKey.size, label: runLabel(values), values, runs: [], seeds: [] };
      byKey.set(key, group);
    }
    group.runs.push(plan.index);
    group.seeds.push(runSeed(plan));
  }
  return [...byKey.values()];
}

/** The group index of every run (into runGroups), in run order. */
export function groupOfRuns(e: Experiment): number[] {
  const out = new Array<number>(runCount(e.axes)).fill(0);
  for (const g of runGroups(e)) for (const r of g.runs) out[r] = g.index;
  return out;
}

/** Group index of each run from its values: runs whose values differ only in the seed share one, numbered in order of appearance. */
export function groupIndices(values: readonly Record<string, unknown>[]): number[] {
  const seen = new Map<string, number>();
  return values.map((v) => {
    const key = JSON.stringify(groupValues(v as AxisValues));
    let g = seen.get(key);
    if (g === undefined) {
      g = seen.size;
      seen.set(key, g);
    }
    return g;
  });
}
