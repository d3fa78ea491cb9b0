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
import { FIELD_BY_KEY, isNumericField, type Axis } from '../core/config';
import type { ResultFile } from '../core/result';
import { ExportMenu } from '../export/ExportMenu';
import { appliedRecording } from '../state/recordingSlice';
import { useStore } from '../state/store';
import type { RunState } from '../state/runsSlice';
import { recordedWallPoints, recordedWord } from './recordedRuns';
import {
  groupFinal,
  groupLearned,
  groupOfMembers,
  groupWallMedian,
  hasSeedGroups,
  liveMembers,
  recordedMembers,
  seedGroups,
  type SeedGroup,
} from './seedGroups';
import { settingAxes } from '../core/axes';
import type { AxisValues } from '../core/experiment';
import { focusRun } from '../state/focus';
import type { GroupColors } from '../charts/palette';
import { useGroupColors } from './groupColors';
import { formatFieldValue } from '../core/fieldKinds';

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

/** Medians of the groups over seeds at their axis values; none when every group is one run. */
function wallMedians(
  groups: readonly SeedGroup[],
  axis: Axis,
  recorded: boolean | string,
  colorOf: GroupColors,
): WallMedian[] {
  if (!hasSeedGroups(groups)) return [];
  return groups.map((g) => ({
    ...groupWallMedian(g, Number(g.values[axis.field]), recorded, colorOf),
    recorded: recorded !== false,
  }));
}

/** Steps until learned against a numeric compare axis: where learning fails, in one glance; one dot per seed. */
export function WallPanel({ fontScale, height }: { fontScale: number; height: number }) {
  const { axes, runs, recording } = useStore(
    useShallow((s) => ({ axes: s.experiment.axes, runs: s.runs, recording: appliedRecording(s) })),
  );
  const { ref, width } = useChartWidth();
  const colorOf = useGroupColors();
  const settings = settingAxes(axes);
  const axis = settings[0];
  if (!axis || settings.length !== 1 || !isNumericField(axis.field) || (runs.length === 0 && !recording)) return null;
  const spec = FIELD_BY_KEY[axis.field];
  const live = seedGroups(liveMembers(runs));
  const liveGroup = groupOfMembers(live, runs.length);
  const recordedGroups = recording ? seedGroups(recordedMembers(recording)) : [];
  const recordedGroup = groupOfMembers(recordedGroups, recording?.runs.length ?? 0);
  // every seed's dot in its group's colour; the group median as a bar across them
  const recordedPoints = recording
    ? recordedWallPoints(axis, recording).map((p, i) => ({ ...p, color: colorOf(recordedGroup[i] ?? i) }))
    : [];
  const medians = [
    ...wallMedians(recordedGroups, axis, recording ? recordedWord(recording) : true, colorOf),
    ...wallMedians(live, axis, false, colorOf),
  ];
  return (
    <section className="panel" aria-labelledby="wall-title">
      <header className="panel-head">
        <h2 id="wall-title">Where learning fails</h2>
        <ExportMenu view="wall" />
      </header>
      <div ref={ref} className="chart-box">
        <WallChart
          axisLabel={`${spec.label} (${axis.field})`}
          points={[...recordedPoints, ...wallPoints(axis, runs, (i) => colorOf(liveGroup[i] ?? i))]}
          medians={medians.length ? medians : undefined}
          logX={spec.kind === 'number' && 'log' in spec && spec.log === true}
          onSelect={(v) => focusRun({ [axis.field]: v } as AxisValues)}
          width={width}
          height={height}
          fontScale={fontScale}
        />
      </div>
    </section>
  );
}

/** A phase-map cell of a group: its median final loss, with the spread when it has several seeds. */
function groupCell(g: SeedGroup, ax: Axis, ay: Axis, recorded: boolean): PhaseCell {
  const indexOf = (axis: Axis, v: unknown) => axis.values.findIndex((a) => formatFieldValue(a) === String(v));
  const final = groupFinal(g);
  const learned = groupLearned(g);
  return {
    xi: indexOf(ax, g.values[ax.field]),
    yi: indexOf(ay, g.values[ay.field]),
    value: final ? final.median : null,
    budgetRanOut: learned.median === null && learned.pending === 0 && final !== null,
    diverged: final === null && g.members.every((r) => r.diverged),
    ...(g.members.length > 1 && final ? { spread: { min: final.min, max: final.max, count: final.count } } : {}),
    ...(recorded ? { recorded } : {}),
  };
}

function recordedCells(recording: ResultFile | null, ax: Axis, ay: Axis): PhaseCell[] {
  return recording ? seedGroups(recordedMembers(recording)).map((g) => groupCell(g, ax, ay, true)) : [];
}

/** Two axes: final normalised loss of every run (or the median over its seeds) as a heatmap. */
export function PhasePanel({ fontScale, height }: { fontScale: number; height: number }) {
  const { axes, runs, recording } = useStore(
    useShallow((s) => ({ axes: s.experiment.axes, runs: s.runs, recording: appliedRecording(s) })),
  );
  const { ref, width } = useChartWidth();
  const settings = settingAxes(axes);
  if (settings.length !== 2 || (runs.length === 0 && !recording)) return null;
  const [ay, ax] = [settings[0]!, settings[1]!];
  const groups = seedGroups(liveMembers(runs));
  const aggregated = hasSeedGroups(groups) || (recording !== null && recording.runs.length > groups.length);
  // A cell shows its live group once one of its runs has trained past step 0, and until then the recorded value.
  const recorded = recordedCells(recording, ax, ay);
  const live = groups
    .filter((g) => !recording || g.members.some((m) => (m.curve[m.curve.length - 1]?.step ?? 0) > 0))
    .map((g) => groupCell(g, ax, ay, false));
  const at = (c: PhaseCell) => `${c.xi}:${c.yi}`;
  const liveAt = new Set(live.map(at));
  const cells = [...recorded.filter((c) => !liveAt.has(at(c))), ...live];
  return (
    <section className="panel" aria-labelledby="phase-title">
      <header className="panel-head">
        <h2 id="phase-title">
          Phase map: final normalised loss{aggregated ? ' (median over seeds; hover a cell for the spread)' : ''}
        </h2>
        <ExportMenu view="phase" />
      </header>
      <div ref={ref} className="chart-box">
        <PhaseMap
          xLabel={`${FIELD_BY_KEY[ax.field].label} (${ax.field})`}
          yLabel={`${FIELD_BY_KEY[ay.field].label} (${ay.field})`}
          xValues={ax.values.map(formatFieldValue)}
          yValues={ay.values.map(formatFieldValue)}
          cells={cells}
          onSelect={(xi, yi) => focusRun({ [ay.field]: ay.values[yi], [ax.field]: ax.values[xi] } as AxisValues)}
          width={width}
          height={height}
          fontScale={fontScale}
        />
      </div>
    </section>
  );
}
