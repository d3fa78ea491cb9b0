/**
 * The runs of a recorded result in the shapes the charts draw: loss series
 * for the loss chart and its legend, points for the wall chart, values for
 * the phase map. Pure, so the charts' tests can feed them.
 */
import { runColor, type LossLegendEntry, type PhaseCell, type WallPoint } from '../charts';
import type { Axis } from '../core/config';
import { LEARNED_NMSE, stepsUntilBelow } from '../core/metrics';
import type { ResultFile, ResultRun } from '../core/result';
import { expandRuns } from '../core/experiment';

export const RECORDED_ID_PREFIX = 'recorded-';

function budgetOf(result: ResultFile): number[] {
  return expandRuns({ base: result.config, axes: result.axes }).map((p) => p.config.steps);
}

function status(run: ResultRun): 'learned' | 'diverged' | 'done' {
  if (run.final.diverged) return 'diverged';
  return stepsUntilBelow(run.curve) !== null ? 'learned' : 'done';
}

/** The engine a result was trained by, in words, when it is not the lab's own: "PyTorch on cuda". */
export function foreignEngine(result: Pick<ResultFile, 'engine' | 'device'>): string | null {
  if (!result.engine) return null;
  const engine = result.engine === 'pytorch' ? 'PyTorch' : result.engine;
  return result.device ? `${engine} on ${result.device}` : engine;
}

/** How a recorded run is named: "recorded", or "recorded, PyTorch on cpu" for a sweep's file. */
export function recordedWord(result: Pick<ResultFile, 'engine' | 'device'>): string {
  const engine = foreignEngine(result);
  return engine ? `recorded, ${engine}` : 'recorded';
}

/** One legend entry per recorded run, in the colour the live run of the same index takes. */
export function recordedLossSeries(result: ResultFile): LossLegendEntry[] {
  const word = recordedWord(result);
  return result.runs.map((run, i) => ({
    id: `${RECORDED_ID_PREFIX}${i}`,
    label: run.label,
    color: runColor(i),
    points: run.curve.map((p) => ({ step: p.step, testNmse: p.testNmse, trainLoss: p.trainLoss })),
    status: status(run),
    accuracy: run.final.accuracy,
    recorded: true,
    ...(word !== 'recorded' ? { recordedWord: word } : {}),
  }));
}

/** The wall chart's markers of the recorded runs. */
export function recordedWallPoints(axis: Axis, result: ResultFile): WallPoint[] {
  const budgets = budgetOf(result);
  return result.runs.map((run, i) => {
    const learnedAt = stepsUntilBelow(run.curve, LEARNED_NMSE);
    return {
      x: Number(run.values[axis.field]),
      runLabel: run.label,
      color: runColor(i),
      stepsToLearn: learnedAt,
      budget: budgets[i] ?? run.final.step,
      currentStep: run.final.step,
      status: run.final.diverged ? 'diverged' : learnedAt !== null ? 'learned' : 'budget-ran-out',
      recorded: true,
      ...(recordedWord(result) !== 'recorded' ? { recordedWord: recordedWord(result) } : {}),
    };
  });
}

/** The phase map's cell of recorded run i (runs are row-major over the axes, as the live ones). */
export function recordedPhaseCell(result: ResultFile, i: number, columns: number): PhaseCell | null {
  const run = result.runs[i];
  if (!run) return null;
  const last = run.curve[run.curve.length - 1];
  return {
    xi: i % columns,
    yi: Math.floor(i / columns),
    value: run.final.diverged ? null : (last?.testNmse ?? null),
    budgetRanOut: stepsUntilBelow(run.curve) === null && !run.final.diverged,
    diverged: run.final.diverged,
    recorded: true,
  };
}
