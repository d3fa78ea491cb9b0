/**
 * The runs on screen by group (runs that differ only in the master seed),
 * summarised for the loss chart, the wall chart and the phase map: median
 * curve and min-max band, median steps until learned, median final loss
 * with its range (core/aggregate.ts).
 */
import type { LossBand, LossLegendEntry, RunStatus, WallMedian } from '../charts';
import { runColor } from '../charts';
import { curveBand, learnedSummary, median, spread, type LearnedSummary, type Spread } from '../core/aggregate';
import { groupIndices, groupLabel, type AxisValues } from '../core/experiment';
import type { RunState } from '../state/runsSlice';

export interface SeedGroup {
  index: number;
  label: string;
  values: AxisValues;
  members: RunState[];
}

/** Groups of the runs, in order of first appearance; without a seed axis every run is its own group. */
export function seedGroups(runs: readonly RunState[]): SeedGroup[] {
  const of = groupIndices(runs.map((r) => r.info.values));
  const groups: SeedGroup[] = [];
  runs.forEach((r, i) => {
    const g = of[i]!;
    groups[g] ??= {
      index: g,
      label: groupLabel(r.info.values as AxisValues),
      values: r.info.values as AxisValues,
      members: [],
    };
    groups[g].members.push(r);
  });
  return groups;
}

/** Whether some group holds more than one run: the views then aggregate. */
export function hasSeedGroups(groups: readonly SeedGroup[], runs: readonly RunState[]): boolean {
  return groups.length < runs.length;
}

function lastStep(r: RunState): number {
  return r.curve.length ? r.curve[r.curve.length - 1]!.step : 0;
}

function groupStatus(members: readonly RunState[]): RunStatus {
  if (members.every((r) => r.status === 'diverged')) return 'diverged';
  if (members.some((r) => r.status === 'running')) return 'running';
  if (members.every((r) => r.status === 'waiting')) return 'waiting';
  return 'done';
}

/** The median curve of a group, as a legend entry, and its band. */
export function groupSeries(g: SeedGroup): { entry: LossLegendEntry; band: LossBand } {
  const band = curveBand(g.members.map((r) => r.curve));
  const trains = new Map<number, number[]>();
  for (const r of g.members) {
    for (const p of r.curve) {
      if (p.trainLoss === null) continue;
      const list = trains.get(p.step);
      if (list) list.push(p.trainLoss);
      else trains.set(p.step, [p.trainLoss]);
    }
  }
  const accuracies = g.members
    .map((r) => r.curve[r.curve.length - 1]?.accuracy)
    .filter((a): a is number => typeof a === 'number');
  const color = runColor(g.index);
  const id = `g${g.index}`;
  return {
    entry: {
      id,
      label: `${g.label}: median of ${g.members.length} seeds`,
      color,
      points: band.map((p) => {
        const t = trains.get(p.step);
        return { step: p.step, testNmse: p.median, trainLoss: t ? median(t) : null };
      }),
      status: groupStatus(g.members),
      accuracy: accuracies.length ? median(accuracies) : null,
    },
    band: { id, color, points: band.map((p) => ({ step: p.step, min: p.min, max: p.max })) },
  };
}

export function groupLearned(g: SeedGroup): LearnedSummary {
  return learnedSummary(
    g.members.map((r) => ({
      stepsToLearn: r.stepsToLearn,
      pending: r.divergedAt === null && lastStep(r) < r.info.steps,
    })),
  );
}

/** Median final normalised loss of a group and its range over the seeds (diverged runs left out). */
export function groupFinal(g: SeedGroup): Spread | null {
  return spread(g.members.map((r) => (r.divergedAt === null ? (r.curve[r.curve.length - 1]?.testNmse ?? null) : null)));
}

/** The wall chart's median marker of a group at its axis value. */
export function groupWallMedian(g: SeedGroup, x: number): WallMedian {
  const s = groupLearned(g);
  return {
    x,
    step: s.median,
    budget: g.members[0]!.info.steps,
    color: runColor(g.index),
    label: `${g.label}: median of ${g.members.length} seeds (${s.learned} learned)`,
  };
}
