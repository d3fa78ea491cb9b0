/**
 * The runs on screen by group (runs that differ only in the master seed),
 * summarised for the loss chart, the wall chart and the phase map: median
 * curve and min-max band, median steps until learned, median final loss
 * with its range (core/aggregate.ts). Live runs and the runs of a recorded
 * result are grouped alike.
 */
import {
  runColor,
  type GroupColors,
  type LossBand,
  type LossLegendEntry,
  type RunStatus,
  type WallMedian,
} from '../charts';
import { curveBand, learnedSummary, median, spread, type LearnedSummary, type Spread } from '../core/aggregate';
import { groupIndices, groupLabel, type AxisValues } from '../core/experiment';
import { stepsUntilBelow } from '../core/metrics';
import type { ResultFile } from '../core/result';
import type { RunState } from '../state/runsSlice';

/** What the aggregates read of a run, live or recorded. */
export interface GroupMember {
  /** index of the run in its experiment */
  index: number;
  values: Record<string, unknown>;
  curve: readonly { step: number; testNmse: number; trainLoss: number | null; accuracy?: number | null }[];
  stepsToLearn: number | null;
  diverged: boolean;
  /** still training, so it may yet learn */
  pending: boolean;
  budget: number;
  status: RunStatus;
}

export function liveMembers(runs: readonly RunState[]): GroupMember[] {
  return runs.map((r, index) => {
    const last = r.curve[r.curve.length - 1];
    return {
      index,
      values: r.info.values,
      curve: r.curve,
      stepsToLearn: r.stepsToLearn,
      diverged: r.divergedAt !== null,
      pending: r.divergedAt === null && (last?.step ?? 0) < r.info.steps,
      budget: r.info.steps,
      status: r.status,
    };
  });
}

export function recordedMembers(result: ResultFile): GroupMember[] {
  return result.runs.map((run, index) => {
    const stepsToLearn = stepsUntilBelow(run.curve);
    return {
      index,
      values: run.values as Record<string, unknown>,
      curve: run.curve.map((p) => ({ ...p, accuracy: null })),
      stepsToLearn,
      diverged: run.final.diverged,
      pending: false,
      budget: ((run.values as AxisValues).steps as number | undefined) ?? result.config.steps,
      status: run.final.diverged ? 'diverged' : 'done',
    };
  });
}

export interface SeedGroup {
  index: number;
  label: string;
  values: AxisValues;
  members: GroupMember[];
}

/** Groups of the runs, in order of first appearance; without a seed axis every run is its own group. */
export function seedGroups(members: readonly GroupMember[]): SeedGroup[] {
  const of = groupIndices(members.map((m) => m.values));
  const groups: SeedGroup[] = [];
  members.forEach((m, i) => {
    const g = of[i]!;
    groups[g] ??= { index: g, label: groupLabel(m.values as AxisValues), values: m.values as AxisValues, members: [] };
    groups[g].members.push(m);
  });
  return groups;
}

/** Whether some group holds more than one run: the views then aggregate. */
export function hasSeedGroups(groups: readonly SeedGroup[]): boolean {
  return groups.some((g) => g.members.length > 1);
}

/** The group index of every member, in member order. */
export function groupOfMembers(groups: readonly SeedGroup[], count: number): number[] {
  const out = new Array<number>(count).fill(0);
  for (const g of groups) for (const m of g.members) out[m.index] = g.index;
  return out;
}

function groupStatus(members: readonly GroupMember[]): RunStatus {
  if (members.every((r) => r.status === 'diverged')) return 'diverged';
  if (members.some((r) => r.status === 'running')) return 'running';
  if (members.every((r) => r.status === 'waiting')) return 'waiting';
  return 'done';
}

/**
 * A recording's curves cut to the steps every member that did not diverge
 * was evaluated at. A recording shipped from a sweep is thinned (core/
 * thinResult.ts) and keeps, per run, the point where it learned: a median
 * over the few runs that have a point there is no median of the group (it
 * dipped k = 6's below 0.1 although 4 of 16 learned).
 */
export function onCommonSteps(members: readonly GroupMember[]): GroupMember['curve'][] {
  const full = members.filter((r) => !r.diverged);
  if (full.length === 0) return members.map((r) => r.curve);
  let common = new Set(full[0]!.curve.map((p) => p.step));
  for (const r of full.slice(1)) {
    const steps = new Set(r.curve.map((p) => p.step));
    common = new Set([...common].filter((s) => steps.has(s)));
  }
  return members.map((r) => r.curve.filter((p) => common.has(p.step)));
}

/** The median curve of a group, as a legend entry, and its band. */
export function groupSeries(
  g: SeedGroup,
  opts: {
    idPrefix?: string;
    recorded?: boolean;
    /** how the recording is named when not the lab's own engine's ("recorded, PyTorch on cpu") */
    recordedWord?: string;
    colorOf?: GroupColors;
  } = {},
): { entry: LossLegendEntry; band: LossBand } {
  const recorded = opts.recorded === true;
  const curves = recorded ? onCommonSteps(g.members) : g.members.map((r) => r.curve);
  const band = curveBand(curves);
  const trains = new Map<number, number[]>();
  for (const curve of curves) {
    for (const p of curve) {
      if (p.trainLoss === null) continue;
      const list = trains.get(p.step);
      if (list) list.push(p.trainLoss);
      else trains.set(p.step, [p.trainLoss]);
    }
  }
  const accuracies = g.members
    .map((r) => r.curve[r.curve.length - 1]?.accuracy)
    .filter((a): a is number => typeof a === 'number');
  const color = (opts.colorOf ?? runColor)(g.index);
  const id = `${opts.idPrefix ?? ''}g${g.index}`;
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
      ...(recorded ? { recorded } : {}),
      ...(recorded && opts.recordedWord && opts.recordedWord !== 'recorded' ? { recordedWord: opts.recordedWord } : {}),
    },
    band: {
      id,
      color,
      points: band.map((p) => ({ step: p.step, min: p.min, max: p.max })),
      ...(recorded ? { recorded } : {}),
    },
  };
}

export function groupLearned(g: SeedGroup): LearnedSummary {
  return learnedSummary(g.members.map((r) => ({ stepsToLearn: r.stepsToLearn, pending: r.pending })));
}

/** Median final normalised loss of a group and its range over the seeds (diverged runs left out). */
export function groupFinal(g: SeedGroup): Spread | null {
  return spread(g.members.map((r) => (r.diverged ? null : (r.curve[r.curve.length - 1]?.testNmse ?? null))));
}

/** The wall chart's median marker of a group at its axis value. */
export function groupWallMedian(
  g: SeedGroup,
  x: number,
  /** true, or how the recording is named ("recorded, PyTorch on cpu") */
  recorded: boolean | string = false,
  colorOf: GroupColors = runColor,
): WallMedian {
  const word = recorded === true ? 'recorded' : recorded || null;
  const s = groupLearned(g);
  return {
    x,
    step: s.median,
    budget: g.members[0]!.budget,
    color: colorOf(g.index),
    label: `${g.label}${word ? ` (${word})` : ''}: median of ${g.members.length} seeds (${s.learned} learned)`,
  };
}
