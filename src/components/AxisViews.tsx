import { useShallow } from 'zustand/react/shallow';
import {
  PhaseMap,
  runColor,
  useChartWidth,
  WallChart,
  type PhaseCell,
  type WallMedian,
  type WallPoint,
} from '../charts';
import { FIELD_BY_KEY, isNumericField, settingAxes, type Axis } from '../core/config';
import { formatFieldValue } from '../core/permalink';
import { useStore } from '../state/store';
import type { RunState } from '../state/runsSlice';
import { groupFinal, groupLearned, groupWallMedian, hasSeedGroups, seedGroups } from './seedGroups';

function lastStep(r: RunState): number {
  return r.curve.length ? r.curve[r.curve.length - 1]!.step : 0;
}

export function wallPoints(
  axis: Axis,
  runs: readonly RunState[],
  colorOf: (i: number) => string = runColor,
): WallPoint[] {
  return runs.map((r, i) => {
    const x = Number(r.info.values[axis.field]);
    const finished = lastStep(r) >= r.info.steps;
    return {
      x,
      runLabel: r.info.label,
      color: colorOf(i),
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

/** Steps until learned against a numeric compare axis: where learning fails, in one glance; one dot per seed. */
export function WallPanel({ fontScale, height }: { fontScale: number; height: number }) {
  const { axes, runs } = useStore(useShallow((s) => ({ axes: s.experiment.axes, runs: s.runs })));
  const { ref, width } = useChartWidth();
  const settings = settingAxes(axes);
  const axis = settings[0];
  if (!axis || settings.length !== 1 || !isNumericField(axis.field) || runs.length === 0) return null;
  const spec = FIELD_BY_KEY[axis.field];
  const groups = seedGroups(runs);
  const groupOf = new Map(groups.flatMap((g) => g.members.map((r) => [r, g.index] as const)));
  const medians: WallMedian[] | undefined = hasSeedGroups(groups, runs)
    ? groups.map((g) => groupWallMedian(g, Number(g.values[axis.field])))
    : undefined;
  return (
    <section className="panel" aria-labelledby="wall-title">
      <header className="panel-head">
        <h2 id="wall-title">Where learning fails</h2>
      </header>
      <div ref={ref} className="chart-box">
        <WallChart
          axisLabel={`${spec.label} (${axis.field})`}
          points={wallPoints(axis, runs, (i) => runColor(groupOf.get(runs[i]!) ?? i))}
          medians={medians}
          logX={spec.kind === 'number' && 'log' in spec && spec.log === true}
          width={width}
          height={height}
          fontScale={fontScale}
        />
      </div>
    </section>
  );
}

/** Two axes: final normalised loss of every run (or the median over its seeds) as a heatmap. */
export function PhasePanel({ fontScale, height }: { fontScale: number; height: number }) {
  const { axes, runs } = useStore(useShallow((s) => ({ axes: s.experiment.axes, runs: s.runs })));
  const { ref, width } = useChartWidth();
  const settings = settingAxes(axes);
  if (settings.length !== 2 || runs.length === 0) return null;
  const [ay, ax] = [settings[0]!, settings[1]!];
  const groups = seedGroups(runs);
  const aggregated = hasSeedGroups(groups, runs);
  const indexOf = (axis: Axis, v: unknown) => axis.values.findIndex((a) => formatFieldValue(a) === String(v));
  const cells: PhaseCell[] = groups.map((g) => {
    const final = groupFinal(g);
    const learned = groupLearned(g);
    return {
      xi: indexOf(ax, g.values[ax.field]),
      yi: indexOf(ay, g.values[ay.field]),
      value: final ? final.median : null,
      budgetRanOut: learned.median === null && learned.pending === 0 && final !== null,
      diverged: final === null && g.members.every((r) => r.divergedAt !== null),
      ...(aggregated && final ? { spread: { min: final.min, max: final.max, count: final.count } } : {}),
    };
  });
  return (
    <section className="panel" aria-labelledby="phase-title">
      <header className="panel-head">
        <h2 id="phase-title">
          Phase map: final normalised loss{aggregated ? ' (median over seeds; hover a cell for the spread)' : ''}
        </h2>
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
