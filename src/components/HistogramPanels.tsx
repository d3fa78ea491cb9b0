// From their modules, not the charts index, so that the histograms load in their own chunk (App.tsx).
import { densityCurve } from '../charts/density';
import { Histogram } from '../charts/Histogram';
import { binIndex, type HistogramOverlay } from '../charts/histogramGeometry';
import { runColor } from '../charts/palette';
import { useChartWidth } from '../charts/useChartWidth';
import { makeWeightDistribution } from '../core/distributions';
import type { HistogramRecord, StudentRecord } from '../core/result';
import { ExportMenu } from '../export/ExportMenu';
import { useStore } from '../state/store';
import {
  usePicturesPending,
  usePreactivationPictures,
  useSciencePictures,
  useTeacherWeights,
} from '../state/teacherPictures';
import type { HistogramData, TeacherView } from '../worker/protocol';
import type { PatternWeightsView, UnitGroupView } from '../worker/views';
import { recordToHistogramData } from './histogramRecords';
import { runTitle, useScienceRuns, type ScienceRun } from './scienceRuns';

const MIN_CELL_PX = 300;
const GAP_PX = 12;
/** Most runs whose construction pictures (projections, pattern weights) are drawn. */
const MAX_SCIENCE_CELLS = 6;

/** As many histogram columns as fit at MIN_CELL_PX each (larger with the type), and the width each gets. */
function useSmallMultiples(fontScale = 1) {
  const { ref, width } = useChartWidth(320);
  const columns = Math.max(1, Math.floor(width / (MIN_CELL_PX * Math.max(1, fontScale))));
  return { ref, columns, cellWidth: Math.floor((width - (columns - 1) * GAP_PX) / columns) };
}

function sameHistogram(a: HistogramData, b: HistogramData): boolean {
  return (
    a.total === b.total &&
    a.edges.length === b.edges.length &&
    a.edges.every((e, k) => e === b.edges[k]) &&
    a.counts.every((c, k) => c === b.counts[k])
  );
}

const TEACHER_COLOR = '#555555';
/** Pattern units (the parity's carriers) and dead units, in every picture that tells them apart. */
const PATTERN_COLOR = '#D55E00';
const DEAD_COLOR = '#56B4E9';
const OTHER_PROJECTION_COLOR = '#9a9a9a';

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

/** Values per bin an overlay's outline should average, at least: fewer make a comb of noise. */
const OVERLAY_VALUES_PER_BIN = 12;

/**
 * A small sample's counts pooled over runs of adjacent bins (each bin of a
 * run gets the run's mean), so its outline shows the shape, not the noise,
 * while staying on the main histogram's bins.
 */
export function pooledCounts(counts: ArrayLike<number>, total: number): number[] {
  const bins = counts.length;
  const width = Math.max(1, Math.min(bins, Math.round((OVERLAY_VALUES_PER_BIN * bins) / Math.max(1, total))));
  const out = new Array<number>(bins).fill(0);
  for (let b0 = 0; b0 < bins; b0 += width) {
    const b1 = Math.min(bins, b0 + width);
    let sum = 0;
    for (let b = b0; b < b1; b++) sum += counts[b] ?? 0;
    for (let b = b0; b < b1; b++) out[b] = sum / (b1 - b0);
  }
  return out;
}

function overlayOf(
  label: string,
  color: string,
  h: HistogramData | HistogramRecord,
  style: 'fill' | 'outline',
  pool = false,
): HistogramOverlay {
  return { label, color, counts: pool ? pooledCounts(h.counts, h.total) : h.counts, total: h.total, style };
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
  run,
  student,
  width,
  height,
  fontScale,
}: {
  run: ScienceRun;
  student: StudentRecord;
  width: number;
  height: number;
  fontScale: number;
}) {
  const other = student.otherProjection!;
  const secret = student.secretProjection!;
  const bars = recordToHistogramData(other);
  const outside = secret.below + secret.above;
  return (
    <Histogram
      title={`student layer 1 along the bits: ${runTitle(run)}${run.recorded ? ' (recorded)' : ''}`}
      edges={bars.edges}
      counts={bars.counts}
      total={bars.total}
      outOfRange={{ below: other.below, above: other.above }}
      color={OTHER_PROJECTION_COLOR}
      xLabel="projection ⟨wᵤ, eⱼ⟩ on a bit's input direction"
      barsLabel="other bits"
      overlays={[overlayOf(`secret bits (${run.secret?.length ?? 0})`, runColor(run.group), secret, 'outline', true)]}
      note={`At initialisation the two coincide; they separate when the student picks up the secret bits.${outside ? ` ${outside} secret-bit projections lie outside the bins.` : ''}`}
      width={width}
      height={height}
      fontScale={fontScale}
    />
  );
}

/** The teacher's weights against the exact density of their distribution, then each student's first layer. */
export function WeightsPanel({ fontScale, height }: { fontScale: number; height: number }) {
  // Narrow selections: progress messages change the runs every frame, their weights only every few hundred ms.
  // The teacher pictures come from the preview before training and from the training worker after (teacherPictures.ts).
  const { teachers, labels } = useTeacherWeights();
  const { patternWeights: patterns } = useSciencePictures();
  const pending = usePicturesPending();
  const live = useStore((s) => s.runs.length > 0);
  const { runs: science, recording } = useScienceRuns();
  const { ref, columns, cellWidth } = useSmallMultiples(fontScale);
  const teacherCells = teachers.flatMap(
    (t): { key: string; t: TeacherView; pattern: PatternWeightsView | null; owner: string }[] => {
      const own = patterns.filter((p) => p.runs.every((i) => t.runs.includes(i))).slice(0, MAX_SCIENCE_CELLS);
      const name = (runs: number[]) =>
        teachers.length > 1 || own.length > 1 ? ` (${runs.map((i) => labels[i] ?? '').join('; ')})` : '';
      if (own.length === 0) return [{ key: `t${t.runs[0]}`, t, pattern: null, owner: name(t.runs) }];
      return own.map((p) => ({ key: `t${t.runs[0]}-${p.runs[0]}`, t, pattern: p, owner: name(p.runs) }));
    },
  );
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
      <div ref={ref} className="small-multiples" style={{ gridTemplateColumns: `repeat(${columns}, 1fr)` }}>
        {pending && <p className="empty-note">Drawing the teacher&apos;s weights…</p>}
        {teacherCells.map((c) => (
          <TeacherHistogram
            key={c.key}
            t={c.t}
            pattern={c.pattern}
            owner={c.owner}
            width={cellWidth}
            height={c.pattern ? Math.round(height * 1.4) : height}
            fontScale={fontScale}
          />
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
              color={runColor(r.group)}
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

function unitOverlays(
  groups: UnitGroupView[],
  gaussian: boolean,
): { bars: UnitGroupView; overlays: HistogramOverlay[] } {
  const dead = groups.find((g) => g.kind === 'dead');
  const pattern = groups.find((g) => g.kind === 'pattern');
  if (dead && pattern) {
    // the forced values are spikes, filled to be seen; under Gaussian inputs an outline shows the shape over the bars
    const style = gaussian ? 'outline' : 'fill';
    return {
      bars: dead,
      overlays: [overlayOf(`${pattern.units} pattern units`, PATTERN_COLOR, pattern.histogram, style, gaussian)],
    };
  }
  return { bars: groups[0]!, overlays: [] };
}

/** A share in per cent for a note: 100, 99.6, 2.5, 0.04, 0. */
export function percent(part: number, whole: number): string {
  if (!(whole > 0) || part <= 0) return '0';
  const p = (100 * part) / whole;
  if (p >= 99.95) return p >= 100 ? '100' : '99.9';
  return p >= 10 ? p.toFixed(1).replace(/\.0$/, '') : String(Number(p.toPrecision(2)));
}

function unitsNote(groups: UnitGroupView[], gaussian: boolean): string {
  const edges = groups[0]!.histogram.edges;
  const bin = edges[1]! - edges[0]!;
  const [lo, hi] = [edges[0]! + bin / 2, edges[edges.length - 1]! - bin / 2].map((v) => Math.round(v));
  const parts = groups.map(
    (g) => `${percent(g.histogram.below + g.histogram.above, g.histogram.total)}% of the ${g.kind} units'`,
  );
  const pattern = groups.find((g) => g.kind === 'pattern');
  const atOne = pattern ? (pattern.histogram.counts[binIndex(pattern.histogram.edges, 1)] ?? 0) : 0;
  const firing = pattern
    ? ` A pattern unit is at 1 (fires) in ${percent(atOne, pattern.histogram.total)}% of its values, at 0 or below otherwise: exactly one fires when the parity is 1.`
    : '';
  const why = gaussian
    ? ''
    : pattern
      ? ` Dead units sit at -1 or below by construction (most far below).${firing}`
      : ' A clause unit is 1 when its clause is violated, 0 or below otherwise.';
  return `Not drawn, outside ${lo} to ${hi}: ${parts.join(' and ')} values.${why}`;
}

function UnitHistogram({
  title,
  groups,
  gaussian,
  width,
  height,
  fontScale,
}: {
  title: string;
  groups: UnitGroupView[];
  gaussian: boolean;
  width: number;
  height: number;
  fontScale: number;
}) {
  const { bars, overlays } = unitOverlays(groups, gaussian);
  const h = bars.histogram;
  return (
    <Histogram
      title={title}
      edges={h.edges}
      counts={h.counts}
      total={h.total}
      color={bars.kind === 'dead' ? DEAD_COLOR : TEACHER_COLOR}
      xLabel="pre-activation ⟨wᵢ, x⟩"
      barsLabel={`${bars.units} ${bars.kind} units`}
      overlays={overlays.length ? overlays : undefined}
      note={unitsNote(groups, gaussian)}
      width={width}
      height={height}
      fontScale={fontScale}
    />
  );
}

/** The picture that explains the failure: what the teacher's hidden units see under each run's inputs. */
export function PreactivationPanel({ fontScale, height }: { fontScale: number; height: number }) {
  const { labels, pictures } = usePreactivationPictures();
  const { unitPreactivations: units } = useSciencePictures();
  const pending = usePicturesPending();
  const { ref, columns, cellWidth } = useSmallMultiples(fontScale);
  // Random labels use the parity inputs: runs whose pictures are identical are drawn once, titled with every label.
  const distinct: { i: number; labels: string[]; h: HistogramData }[] = [];
  const distinctUnits: { i: number; labels: string[] }[] = [];
  pictures.forEach((h, i) => {
    const u = units[i];
    if (u) {
      const same = distinctUnits.find((d) => {
        const a = units[d.i]!.construction[0]!.histogram;
        return sameHistogram(a, u.construction[0]!.histogram);
      });
      if (same) same.labels.push(labels[i]!);
      else distinctUnits.push({ i, labels: [labels[i]!] });
      return;
    }
    if (!h) return;
    const same = distinct.find((d) => sameHistogram(d.h, h));
    if (same) same.labels.push(labels[i]!);
    else distinct.push({ i, labels: [labels[i]!], h });
  });
  const empty = distinct.length === 0 && distinctUnits.length === 0;
  return (
    <section className="panel" aria-labelledby="preact-title">
      <header className="panel-head">
        <h2 id="preact-title">Teacher pre-activations ⟨wᵢ, x⟩</h2>
        <ExportMenu view="preact" />
      </header>
      <p className="panel-lede">
        Under Gaussian inputs every hidden unit sees a Gaussian. Under the adversarial inputs, built from the very same
        weights, the units see only the few values the construction forces: a pattern unit is 1 when it fires and 0 or
        below otherwise, a dead unit is always at -1 or below, so that their sum is the parity of the secret bits. The
        same units under Gaussian inputs are shown beside for comparison.
      </p>
      <div ref={ref} className="small-multiples" style={{ gridTemplateColumns: `repeat(${columns}, 1fr)` }}>
        {empty && pending && <p className="empty-note">Drawing the pre-activations…</p>}
        {distinct.map(({ i, labels, h }) => (
          <Histogram
            key={i}
            title={labels[0] === 'run' ? "the run's inputs" : labels.join(' and ')}
            edges={h.edges}
            counts={h.counts}
            total={h.total}
            outOfRange={{ below: h.below, above: h.above }}
            color={runColor(i)}
            xLabel="pre-activation"
            width={cellWidth}
            height={height}
            fontScale={fontScale}
          />
        ))}
        {distinctUnits.flatMap(({ i, labels }) => [
          <UnitHistogram
            key={`c${i}`}
            title={
              labels[0] === 'run' ? "the construction's inputs" : `${labels.join(' and ')}: the construction's inputs`
            }
            groups={units[i]!.construction}
            gaussian={false}
            width={cellWidth}
            height={Math.round(height * 1.25)}
            fontScale={fontScale}
          />,
          <UnitHistogram
            key={`g${i}`}
            title={`the same units under Gaussian inputs`}
            groups={units[i]!.gaussian}
            gaussian
            width={cellWidth}
            height={Math.round(height * 1.25)}
            fontScale={fontScale}
          />,
        ])}
      </div>
    </section>
  );
}
