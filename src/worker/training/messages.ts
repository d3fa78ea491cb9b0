/**
 * The messages a training worker posts, built from the engine's state and
 * events (worker/protocol.ts). Pure functions: the trainer posts them, and
 * tests read them as the page would.
 */
import { isBinary, majorityRate } from '../../core/metrics';
import type { RunInputs } from '../../core/run-inputs';
import type { DriverEvent } from '../../train/driver';
import type { FromWorker, HistogramData, RunInfo } from '../protocol';
import {
  preactivationViews,
  scienceSetup,
  scienceTransfer,
  studentWeightRange,
  teacherViews,
  toHistogramData,
} from '../views';
import type { RunIndexMap } from './runIndices';

export interface Outgoing {
  msg: FromWorker;
  transfer: Transferable[];
}

export function histogramTransfer(hs: HistogramData[]): Transferable[] {
  return hs.flatMap((h) => [h.edges.buffer, h.counts.buffer]);
}

function runInfo(r: RunInputs, index: number, labelVariance: number, testLabels: ArrayLike<number> | null): RunInfo {
  const binary = r.sampler.binaryLabels;
  return {
    index,
    label: r.plan.label,
    values: r.plan.values as Record<string, unknown>,
    inputs: r.plan.config.inputs,
    steps: r.plan.config.steps,
    binaryLabels: binary,
    labelVariance,
    chance: binary && testLabels && isBinary(testLabels) ? majorityRate(testLabels) : null,
  };
}

/** The runs, their teachers and the construction's pictures, before the first step. */
export function setupMessage(
  runs: RunInputs[],
  map: RunIndexMap,
  labelVariances: readonly number[],
  testLabels: readonly (ArrayLike<number> | null | undefined)[],
): Outgoing {
  const preactivations = preactivationViews(runs);
  const local = scienceSetup(runs);
  // Per-run arrays follow `runs` (like the setup's runs); run lists name the experiment's indices.
  const science = { ...local, patternWeights: map.withRuns(local.patternWeights) };
  return {
    msg: {
      type: 'setup',
      runs: runs.map((r, i) => runInfo(r, map.experimentRun(i), labelVariances[i]!, testLabels[i] ?? null)),
      teachers: map.withRuns(teacherViews(runs)),
      preactivations,
      science,
    },
    transfer: [...histogramTransfer(preactivations), ...scienceTransfer(science)],
  };
}

/**
 * A driver event as a progress message. `postedStep` is the last step whose
 * evaluations the page has: after a replay (a lost GPU) only newer points go.
 */
export function progressMessage(
  event: DriverEvent,
  map: RunIndexMap,
  postedStep: number,
  stepsPerSecond: number,
): { msg: Extract<FromWorker, { type: 'progress' }>; postedStep: number } {
  const isNew = (p: { step: number }) => p.step > postedStep || (postedStep === 0 && p.step === 0);
  const points = event.points.filter(isNew);
  const snapshots = event.snapshots.filter(isNew);
  return {
    msg: {
      type: 'progress',
      step: event.step,
      points: map.withRun(points),
      diverged: map.withRun(event.diverged),
      stepsPerSecond,
      snapshots: map.withRun(snapshots),
    },
    postedStep: points.length ? Math.max(postedStep, ...points.map((p) => p.step)) : postedStep,
  };
}

/** The students' first-layer histograms, indexed by the experiment's run; other workers' runs stay empty. */
export function weightsMessage(
  weights: readonly Float32Array[],
  runs: RunInputs[],
  map: RunIndexMap,
  total: number,
  step: number,
): Outgoing {
  const hs = new Array<HistogramData>(total);
  weights.forEach((w, i) => {
    const [lo, hi] = studentWeightRange(runs[i]!.plan.config);
    hs[map.experimentRun(i)] = toHistogramData(w, lo, hi);
  });
  return { msg: { type: 'weights', step, histograms: hs }, transfer: histogramTransfer(hs) };
}
