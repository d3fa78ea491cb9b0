/**
 * The data the loss chart and its legend show, and the few facts derived from
 * it that both need (badge, latest point, train NMSE).
 */

import { LEARNED_NMSE } from '../core/metrics';

/** 'stopped': the run's training worker died while the others train on. */
export type RunStatus = 'running' | 'learned' | 'diverged' | 'done' | 'waiting' | 'stopped';

export interface LossPoint {
  step: number;
  /** normalised test loss, MSE / Var(y_test) (docs/science.md section 2) */
  testNmse: number;
  /** training loss (MSE) at this step, when measured */
  trainLoss: number | null;
}

export interface LossSeries {
  id: string;
  label: string;
  color: string;
  /** sorted by step */
  points: LossPoint[];
  status: RunStatus;
  /** a run of a recorded result (drawn lighter and dashed, and named "recorded" in every text) */
  recorded?: boolean;
  /** How a recorded run is named when not by the lab's engine, e.g. "recorded, PyTorch on cuda". */
  recordedWord?: string;
  /** one seed of a group whose median is drawn: thin and light, behind the medians */
  faint?: boolean;
}

/** The min-max band of a group of runs over seeds, drawn under its median. */
export interface LossBand {
  id: string;
  color: string;
  /** sorted by step */
  points: { step: number; min: number; max: number }[];
  /** the band of a recorded result's runs (drawn lighter) */
  recorded?: boolean;
}

/** How recorded runs are told apart from live ones, in every chart: lighter and dashed. */
export const RECORDED_STYLE = { dash: '7 5', opacity: 0.6, word: 'recorded' } as const;

/** A series' name in text (legend, read-out, accessible names): recorded runs say so. */
export function seriesName(s: Pick<LossSeries, 'label' | 'recorded' | 'recordedWord'>): string {
  return s.recorded ? `${s.label} (${s.recordedWord ?? RECORDED_STYLE.word})` : s.label;
}

/** docs/science.md section 3: a run has "learned" once its normalised test loss drops below this (one constant, in core). */
export const LEARNED_THRESHOLD = LEARNED_NMSE;
/** A constant predictor at the label mean scores NMSE = 1: the level of a run that learned nothing. */
export const TRIVIAL_LEVEL = 1;

export type RunBadge = 'learned' | 'diverged' | 'running' | 'waiting' | 'not learned';

export function lastPoint(s: LossSeries): LossPoint | null {
  return s.points.length ? s.points[s.points.length - 1]! : null;
}

/**
 * The word the legend shows. "learned" as soon as the loss has once dropped
 * below the threshold (the wall chart's definition), even while the run goes on.
 */
export function runBadge(s: LossSeries): RunBadge {
  const last = lastPoint(s);
  if (s.status === 'diverged' || (last !== null && !Number.isFinite(last.testNmse))) return 'diverged';
  if (s.status === 'learned' || s.points.some((p) => p.testNmse < LEARNED_THRESHOLD)) return 'learned';
  if (s.status === 'running') return 'running';
  if (s.status === 'waiting') return 'waiting';
  return 'not learned';
}

/**
 * Train loss on the test loss's scale: the training MSE divided by the
 * series' normaliser (the label variance) when one is given, so that train
 * and test NMSE compare directly; otherwise the value as given.
 */
export function trainValue(
  s: Pick<LossSeries, 'id'>,
  p: LossPoint,
  trainNormaliser: Record<string, number> | undefined,
): number | null {
  if (p.trainLoss === null) return null;
  const norm = trainNormaliser?.[s.id];
  return norm !== undefined && norm > 0 ? p.trainLoss / norm : p.trainLoss;
}
