import { useMemo, useState } from 'react';
// Imported from their modules, not the charts index, so that they stay in this lazily loaded chunk.
import { InfluenceBars } from '../charts/InfluenceBars';
import { InfluenceHeatmap } from '../charts/InfluenceHeatmap';
import { useChartWidth } from '../charts/useChartWidth';
import { ExportMenu } from '../export/ExportMenu';
import { MiniBars } from '../charts/MiniBars';
import { useFocus } from '../state/focus';
import { FocusStrip } from './FocusStrip';
import { useGroupColors } from './groupColors';
import { Lede } from './Lede';
import { runTitle, useScienceRuns, type ScienceRun } from './scienceRuns';

/** Most runs drawn here; the rest are named in a note (a 27-run phase map would be a wall of charts). */
const MAX_CELLS = 6;
const MIN_CELL_PX = 380;
const GAP_PX = 16;

function InfluenceCell({
  run,
  width,
  fontScale,
  height,
  sideBySide = false,
}: {
  run: ScienceRun;
  width: number;
  fontScale: number;
  height: number;
  /** the bars and their course over training beside each other (a focused run, in a wide panel) */
  sideBySide?: boolean;
}) {
  const [hovered, setHovered] = useState<number | null>(null);
  const snaps = run.influence;
  // Snapshots only ever append, and the run objects are rebuilt whenever the weights arrive (every 1.5 s):
  // the heatmap's arrays change with the count and the last snapshot's values only (the snapshot objects are
  // rebuilt, their value arrays are not), so it is not redrawn in between.
  const lastValues = snaps[snaps.length - 1]?.bitInfluence;
  const course = useMemo(
    () => ({ steps: snaps.map((s) => s.step), rows: snaps.map((s) => s.bitInfluence ?? []) }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on what changes (above), not the array's identity
    [snaps.length, lastValues],
  );
  const shown = hovered !== null && snaps[hovered] ? hovered : snaps.length - 1;
  const snap = snaps[shown];
  const color = useGroupColors()(run.group);
  const partWidth = sideBySide ? Math.floor((width - GAP_PX) / 2) : width;
  const what =
    run.inputs === 'random'
      ? ' (random labels: nothing to find)'
      : run.inputs === 'ksat'
        ? ' (ksat: no secret; outline is the teacher)'
        : '';
  if (!snap?.bitInfluence) {
    return <p className="empty-note">{runTitle(run)}: the bit influence appears at the first weight snapshot.</p>;
  }
  return (
    <div
      className="influence-cell"
      style={sideBySide ? { display: 'grid', gridTemplateColumns: '1fr 1fr', gap: GAP_PX } : undefined}
    >
      <InfluenceBars
        title={`${runTitle(run)}${run.recorded ? ' (recorded)' : ''}: step ${snap.step.toLocaleString('en')}${what}`}
        values={snap.bitInfluence}
        secret={run.secret}
        reference={run.teacherInfluence}
        step={snap.step}
        color={color}
        width={partWidth}
        height={height}
        fontScale={fontScale}
      />
      <InfluenceHeatmap
        title="over training (point at a column to see its bars)"
        steps={course.steps}
        rows={course.rows}
        secret={run.secret}
        selected={hovered}
        onSelect={setHovered}
        width={partWidth}
        height={Math.round(height * 0.85)}
        fontScale={fontScale}
      />
    </div>
  );
}

const LEDE_FIRST =
  'Each bar is the influence of one hidden bit on the student: how much its output changes, on average, when that bit alone is switched.';
const LEDE_REST =
  'The teacher (outline) depends on the secret bits only. A student that has learned the parity stands on the secret bits; a student stuck at the mean shows nothing on any bit, because no function of fewer than k bits correlates with the label: there is no signal to follow.';

/**
 * Has the student found the secret? For every run on the construction's
 * inputs: the influence of each hidden bit on the student (docs/science.md 2.6)
 * at the latest weight snapshot against the teacher's, and its course over
 * the snapshots.
 */
export function InfluencePanel({ fontScale, height }: { fontScale: number; height: number }) {
  const { runs } = useScienceRuns();
  const focus = useFocus();
  const colorOf = useGroupColors();
  const { ref, width } = useChartWidth(640);
  const all = runs.filter((r) => r.inputs !== 'gaussian');
  if (all.length === 0) return null;
  // With many runs the focused run alone, and a thumbnail (its latest bars) per group.
  const cells = focus.active ? all.filter((r) => r.index === focus.run) : all.slice(0, MAX_CELLS);
  const latestBars = (run: number) => {
    const snaps = runs.find((r) => r.index === run)?.influence ?? [];
    return snaps[snaps.length - 1]?.bitInfluence ?? [];
  };
  const columns = Math.max(1, Math.min(cells.length, Math.floor((width + GAP_PX) / (MIN_CELL_PX + GAP_PX))));
  const cellWidth = Math.floor((width - (columns - 1) * GAP_PX) / columns);
  return (
    <section className="panel" aria-labelledby="influence-title">
      <header className="panel-head">
        <h2 id="influence-title">Has the student found the secret bits?</h2>
        <ExportMenu view="influence" />
      </header>
      <Lede first={LEDE_FIRST} rest={LEDE_REST} folded={focus.active} />
      {focus.active && (
        <FocusStrip
          label="group shown in the bit-influence panel"
          groups={focus.groups}
          focused={focus.group}
          onSelect={focus.select}
          controls="influence-cells"
          thumb={(g) => <MiniBars values={latestBars(g.runs[0]!)} color={colorOf(g.index)} />}
        />
      )}
      <div
        id="influence-cells"
        ref={ref}
        className="small-multiples"
        style={{ gridTemplateColumns: `repeat(${columns}, 1fr)` }}
      >
        {cells.map((r) => (
          <InfluenceCell
            key={r.index}
            run={r}
            width={cellWidth}
            height={focus.active ? Math.round(height * 0.8) : height}
            fontScale={fontScale}
            sideBySide={focus.active && cellWidth >= 2 * MIN_CELL_PX + GAP_PX}
          />
        ))}
      </div>
      {focus.active && cells.length === 0 && (
        <p className="empty-note">{focus.groups[focus.group]?.label}: no hidden bits (Gaussian inputs).</p>
      )}
      {!focus.active && all.length > cells.length && (
        <p className="field-note">
          Showing the first {cells.length} of {all.length} runs on the construction&apos;s inputs; the others are in the
          exported results.
        </p>
      )}
    </section>
  );
}
