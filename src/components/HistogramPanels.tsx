/**
 * The teacher's weights against the exact density of their distribution,
 * then each student's first layer and its projections on the bits. With many
 * runs, the focused group's in full and a thumbnail per group (FocusStrip).
 */
// From their modules, not the charts index, so that the histograms load in their own chunk (viewRegistry.tsx).
import { densityCurve } from '../charts/density';
import { Histogram } from '../charts/Histogram';
import { MiniBars } from '../charts/MiniBars';
import { makeWeightDistribution } from '../core/distributions';
import type { StudentRecord } from '../core/result';
import { ExportMenu } from '../export/ExportMenu';
import { useFocus } from '../state/focus';
import { useStore } from '../state/store';
import { usePicturesPending, useSciencePictures, useTeacherWeights } from '../state/teacherPictures';
import type { TeacherView } from '../worker/protocol';
import type { PatternWeightsView } from '../worker/views';
import { recordToHistogramData } from './histogramRecords';
import {
  FOCUSED_HEIGHT,
  MAX_SCIENCE_CELLS,
  OTHER_PROJECTION_COLOR,
  overlayOf,
  PATTERN_COLOR,
  TEACHER_COLOR,
  useSmallMultiples,
} from './histogramCells';
import { FocusStrip } from './FocusStrip';
import { useGroupColors } from './groupColors';
import { runTitle, useScienceRuns, type ScienceRun } from './scienceRuns';

/**
 * The runs a teacher belongs to, said once: the values all its runs share
 * ("k=2, seed=1") and how many runs they are, not every run's label.
 */
export function teacherOwner(labels: readonly string[]): string {
  if (labels.length === 0) return '';
  if (labels.length === 1) return labels[0]!;
  const parts = labels.map((l) => l.split(', '));
  const shared = parts[0]!.filter((part) => parts.every((p) => p.includes(part)));
  return `${shared.length ? `${shared.join(', ')}: ` : ''}${labels.length} runs`;
}

function formatP(p: number): string {
  if (!Number.isFinite(p)) return 'n/a';
  if (p < 0.001) return p.toExponential(1);
  return p < 0.1 ? p.toFixed(3) : p.toFixed(2);
}

/** The sentence under the pattern-units picture: the two-sample test, and what it says. */
export function ksNote(pw: PatternWeightsView): string {
  const verdict =
    pw.ks.p >= 0.05
      ? 'no evidence that they differ: the units that carry the parity are as natural as the rest'
      : 'a difference at the 5% level (expected in 1 of 20 draws even when there is none)';
  return `Kolmogorov-Smirnov, pattern units (${pw.patternUnits}) against the other ${pw.otherUnits}: D = ${pw.ks.d.toFixed(3)}, p = ${formatP(pw.ks.p)}; ${verdict}.`;
}

function TeacherHistogram({
  t,
  pattern,
  owner,
  width,
  height,
  fontScale,
}: {
  t: TeacherView;
  pattern: PatternWeightsView | null;
  owner: string;
  width: number;
  height: number;
  fontScale: number;
}) {
  const dist = makeWeightDistribution(t.shape, t.std, { nu: t.nu, p: t.p });
  const lo = t.weights.edges[0]!;
  const hi = t.weights.edges[t.weights.edges.length - 1]!;
  const m = pattern ? pattern.patternUnits + pattern.otherUnits : null;
  return (
    <Histogram
      title={`teacher W: ${t.shape}, std ${t.std.toPrecision(3)}${owner}`}
      edges={t.weights.edges}
      counts={t.weights.counts}
      total={t.weights.total}
      density={dist.density ? densityCurve(dist.density, lo, hi) : null}
      pointMasses={dist.pointMasses}
      outOfRange={{ below: t.weights.below, above: t.weights.above }}
      color={TEACHER_COLOR}
      xLabel="weight"
      note={
        pattern
          ? `line: exact density of the chosen distribution. ${ksNote(pattern)}`
          : 'line: exact density of the chosen distribution'
      }
      overlays={
        pattern
          ? [
              overlayOf(
                `weights of the ${pattern.patternUnits} pattern units`,
                PATTERN_COLOR,
                pattern.pattern,
                'outline',
              ),
            ]
          : undefined
      }
      barsLabel={m !== null ? `all ${m} units` : undefined}
      width={width}
      height={height}
      fontScale={fontScale}
    />
  );
}

function StudentProjections({
  named,
  run,
  student,
  width,
  height,
  fontScale,
}: {
  /** the run's name in the title; left out beside the same run's plain histogram, which names it */
  named: boolean;
  run: ScienceRun;
  student: StudentRecord;
  width: number;
  height: number;
  fontScale: number;
}) {
  const colorOf = useGroupColors();
  const other = student.otherProjection!;
  const secret = student.secretProjection!;
  const bars = recordToHistogramData(other);
  const outside = secret.below + secret.above;
  return (
    <Histogram
      title={`student layer 1 along the bits${named ? `: ${runTitle(run)}` : ''}${run.recorded ? ' (recorded)' : ''}`}
      edges={bars.edges}
      counts={bars.counts}
      total={bars.total}
      outOfRange={{ below: other.below, above: other.above }}
      color={OTHER_PROJECTION_COLOR}
      // narrow beside the plain histogram (a focused run): the long title would not fit under the axis
      xLabel={width < 300 ? 'projection ⟨wᵤ, eⱼ⟩' : "projection ⟨wᵤ, eⱼ⟩ on a bit's input direction"}
      barsLabel="other bits"
      overlays={[overlayOf(`secret bits (${run.secret?.length ?? 0})`, colorOf(run.group), secret, 'outline', true)]}
      note={`At initialisation the two coincide; they separate when the student picks up the secret bits.${outside ? ` ${outside} secret-bit projections lie outside the bins.` : ''}`}
      width={width}
      height={height}
      fontScale={fontScale}
    />
  );
}

/** The teacher's weights against the exact density of their distribution, then each student's first layer. */
export function WeightsPanel({ fontScale, height: chartHeight }: { fontScale: number; height: number }) {
  // Narrow selections: progress messages change the runs every frame, their weights only every few hundred ms.
  // The teacher pictures come from the preview before training and from the training worker after (teacherPictures.ts).
  const { teachers, labels } = useTeacherWeights();
  const { patternWeights: patterns } = useSciencePictures();
  const pending = usePicturesPending();
  const live = useStore((s) => s.runs.length > 0);
  const { runs: allRuns, recording } = useScienceRuns();
  const focus = useFocus();
  const colorOf = useGroupColors();
  // A focused run's student pictures go side by side under its teacher's, which spans the row.
  const { ref, width, columns, cellWidth } = useSmallMultiples(fontScale, focus.active ? 2 : 1);
  const height = focus.active ? Math.round(chartHeight * FOCUSED_HEIGHT) : chartHeight;
  // With many runs only the focused run's pictures are drawn in full.
  const focused = (runs: readonly number[]) => !focus.active || runs.includes(focus.run);
  const science = allRuns.filter((r) => focused([r.index]));
  const teacherCells = teachers
    .filter((t) => focused(t.runs))
    .flatMap((t): { key: string; t: TeacherView; pattern: PatternWeightsView | null; owner: string }[] => {
      const own = patterns
        .filter((p) => p.runs.every((i) => t.runs.includes(i)) && focused(p.runs))
        .slice(0, MAX_SCIENCE_CELLS);
      const name = (runs: number[]) =>
        focus.active
          ? ` (${focus.groups[focus.group]?.label ?? ''})`
          : teachers.length > 1 || own.length > 1
            ? ` (${teacherOwner(runs.map((i) => labels[i] ?? ''))})`
            : '';
      if (own.length === 0) return [{ key: `t${t.runs[0]}`, t, pattern: null, owner: name(t.runs) }];
      return own.map((p) => ({ key: `t${t.runs[0]}-${p.runs[0]}`, t, pattern: p, owner: name(p.runs) }));
    });
  const students = science.filter((r) => r.liveWeights || r.student);
  const projections = science
    .filter((r) => r.student?.secretProjection && r.student.otherProjection)
    .slice(0, MAX_SCIENCE_CELLS);
  return (
    <section className="panel" aria-labelledby="weights-title">
      <header className="panel-head">
        <h2 id="weights-title">Weights</h2>
        <ExportMenu view="weights" />
      </header>
      {focus.active && (
        <FocusStrip
          label="group shown in the weights panel"
          groups={focus.groups}
          focused={focus.group}
          onSelect={focus.select}
          controls="weights-cells"
          thumb={(g) => {
            const r = allRuns.find((x) => x.index === g.runs[0]);
            const w = r?.liveWeights ?? (r?.student ? recordToHistogramData(r.student.firstLayer) : null);
            const t = teachers.find((x) => x.runs.includes(g.runs[0]!));
            return <MiniBars values={(w ?? t?.weights)?.counts ?? []} color={colorOf(g.index)} />;
          }}
        />
      )}
      <div
        id="weights-cells"
        ref={ref}
        className="small-multiples"
        style={{ gridTemplateColumns: `repeat(${columns}, 1fr)` }}
      >
        {pending && <p className="empty-note">Drawing the teacher&apos;s weights…</p>}
        {teacherCells.map((c) => (
          <div key={c.key} style={focus.active ? { gridColumn: '1 / -1' } : undefined}>
            <TeacherHistogram
              t={c.t}
              pattern={c.pattern}
              owner={c.owner}
              width={focus.active ? width : cellWidth}
              height={c.pattern ? Math.round(height * 1.4) : height}
              fontScale={fontScale}
            />
          </div>
        ))}
        {students.flatMap((r) => {
          const w = r.liveWeights ?? (r.student ? recordToHistogramData(r.student.firstLayer) : null);
          if (!w) return [];
          const cells = [
            <Histogram
              key={`s${r.index}`}
              title={`student layer 1: ${runTitle(r)}${r.recorded ? ' (recorded)' : ''}`}
              edges={w.edges}
              counts={w.counts}
              total={w.total}
              outOfRange={{ below: w.below, above: w.above }}
              color={colorOf(r.group)}
              xLabel="weight"
              width={cellWidth}
              height={height}
              fontScale={fontScale}
            />,
          ];
          // each run's projections right after its plain histogram, so the pair reads together
          if (projections.includes(r)) {
            cells.push(
              <StudentProjections
                key={`p${r.index}`}
                named={!focus.active}
                run={r}
                student={r.student!}
                width={cellWidth}
                height={height}
                fontScale={fontScale}
              />,
            );
          }
          return cells;
        })}
      </div>
      {!live && recording && (
        <p className="field-note">Students of the recorded result {recording.name}, at their last step.</p>
      )}
    </section>
  );
}
