import { useShallow } from 'zustand/react/shallow';
import { PhaseMap, runColor, useChartWidth, WallChart, type PhaseCell, type WallPoint } from '../charts';
import { FIELD_BY_KEY, isNumericField, type Axis } from '../core/config';
import { formatFieldValue } from '../core/permalink';
import { ExportMenu } from '../export/ExportMenu';
import { appliedRecording } from '../state/recordingSlice';
import { useStore } from '../state/store';
import type { RunState } from '../state/runsSlice';
import { recordedPhaseCell, recordedWallPoints } from './recordedRuns';

function lastStep(r: RunState): number {
  return r.curve.length ? r.curve[r.curve.length - 1]!.step : 0;
}

export function wallPoints(axis: Axis, runs: readonly RunState[]): WallPoint[] {
  return runs.map((r, i) => {
    const x = Number(r.info.values[axis.field]);
    const finished = lastStep(r) >= r.info.steps;
    return {
      x,
      runLabel: r.info.label,
      color: runColor(i),
      stepsToLearn: r.stepsToLearn,
      budget: r.info.steps,
      currentStep: r.divergedAt ?? lastStep(r),
      status:
        r.divergedAt !== null
          ? 'diverged'
          : r.stepsToLearn !== null
            ? 'learned'
            : finished
              ? 'budget-ran-out'
              : 'running',
    };
  });
}

/** Steps until learned against a numeric compare axis: where learning fails, in one glance. */
export function WallPanel({ fontScale, height }: { fontScale: number; height: number }) {
  const { axes, runs, recording } = useStore(
    useShallow((s) => ({ axes: s.experiment.axes, runs: s.runs, recording: appliedRecording(s) })),
  );
  const { ref, width } = useChartWidth();
  const axis = axes[0];
  if (!axis || axes.length !== 1 || !isNumericField(axis.field) || (runs.length === 0 && !recording)) return null;
  const spec = FIELD_BY_KEY[axis.field];
  return (
    <section className="panel" aria-labelledby="wall-title">
      <header className="panel-head">
        <h2 id="wall-title">Where learning fails</h2>
        <ExportMenu view="wall" />
      </header>
      <div ref={ref} className="chart-box">
        <WallChart
          axisLabel={`${spec.label} (${axis.field})`}
          points={[...(recording ? recordedWallPoints(axis, recording) : []), ...wallPoints(axis, runs)]}
          logX={spec.kind === 'number' && 'log' in spec && spec.log === true}
          width={width}
          height={height}
          fontScale={fontScale}
        />
      </div>
    </section>
  );
}

function emptyCell(i: number, columns: number): PhaseCell {
  return { xi: i % columns, yi: Math.floor(i / columns), value: null, budgetRanOut: false, diverged: false };
}

/** Two axes: final normalised loss of every run as a heatmap. */
export function PhasePanel({ fontScale, height }: { fontScale: number; height: number }) {
  const { axes, runs, recording } = useStore(
    useShallow((s) => ({ axes: s.experiment.axes, runs: s.runs, recording: appliedRecording(s) })),
  );
  const { ref, width } = useChartWidth();
  if (axes.length !== 2 || (runs.length === 0 && !recording)) return null;
  const [ax, ay] = [axes[1]!, axes[0]!];
  // Runs are row-major over the axes: the first axis is the slow one. A cell shows its live run once it has
  // trained past step 0, and until then the recorded value (marked as such).
  const count = Math.max(runs.length, recording?.runs.length ?? 0);
  const cells: PhaseCell[] = Array.from({ length: count }, (_, i): PhaseCell => {
    const r = runs[i];
    const recorded = recording ? recordedPhaseCell(recording, i, ax.values.length) : null;
    if (!r || (recorded && lastStep(r) === 0)) return recorded ?? emptyCell(i, ax.values.length);
    const last = r.curve[r.curve.length - 1];
    return {
      xi: i % ax.values.length,
      yi: Math.floor(i / ax.values.length),
      value: last ? last.testNmse : null,
      budgetRanOut: r.stepsToLearn === null && lastStep(r) >= r.info.steps,
      diverged: r.divergedAt !== null,
    };
  });
  return (
    <section className="panel" aria-labelledby="phase-title">
      <header className="panel-head">
        <h2 id="phase-title">Phase map: final normalised loss</h2>
        <ExportMenu view="phase" />
      </header>
      <div ref={ref} className="chart-box">
        <PhaseMap
          xLabel={`${FIELD_BY_KEY[ax.field].label} (${ax.field})`}
          yLabel={`${FIELD_BY_KEY[ay.field].label} (${ay.field})`}
          xValues={ax.values.map(formatFieldValue)}
          yValues={ay.values.map(formatFieldValue)}
          cells={cells}
          width={width}
          height={height}
          fontScale={fontScale}
        />
      </div>
    </section>
  );
}
