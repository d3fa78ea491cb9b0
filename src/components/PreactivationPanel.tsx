/**
 * The picture that explains the failure: the teacher's hidden units'
 * pre-activations under each run's inputs. With many runs, the focused
 * group's in full and a thumbnail per group (FocusStrip).
 */
import { Histogram } from '../charts/Histogram';
import { binIndex, type HistogramOverlay } from '../charts/histogramGeometry';
import { MiniBars } from '../charts/MiniBars';
import { ExportMenu } from '../export/ExportMenu';
import { useFocus, type FocusGroup } from '../state/focus';
import { usePicturesPending, usePreactivationPictures, useSciencePictures } from '../state/teacherPictures';
import type { HistogramData } from '../worker/protocol';
import type { UnitGroupView, UnitPreactivationView } from '../worker/views';
import { FocusStrip } from './FocusStrip';
import { useGroupColors } from './groupColors';
import { Lede } from './Lede';
import {
  DEAD_COLOR,
  FOCUSED_HEIGHT,
  overlayOf,
  PATTERN_COLOR,
  sameHistogram,
  TEACHER_COLOR,
  useSmallMultiples,
} from './histogramCells';

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

/** A group's thumbnail: its first run's pattern units under the construction, else its pre-activations. */
function thumbCounts(
  g: FocusGroup,
  units: readonly (UnitPreactivationView | null)[],
  pictures: readonly (HistogramData | null)[],
): ArrayLike<number> {
  const r = g.runs[0]!;
  const u = units[r];
  const unit = u?.construction.find((c) => c.kind === 'pattern') ?? u?.construction[0];
  return unit?.histogram.counts ?? pictures[r]?.counts ?? [];
}

const LEDE_FIRST = 'Under Gaussian inputs every hidden unit sees a Gaussian.';
const LEDE_REST =
  'Under the adversarial inputs, built from the very same weights, the units see only the few values the construction forces: a pattern unit is 1 when it fires and 0 or below otherwise, a dead unit is always at -1 or below, so that their sum is the parity of the secret bits. The same units under Gaussian inputs are shown beside for comparison.';

/** What the teacher's hidden units see under each run's inputs. */
export function PreactivationPanel({ fontScale, height: chartHeight }: { fontScale: number; height: number }) {
  const { labels, pictures } = usePreactivationPictures();
  const { unitPreactivations: units } = useSciencePictures();
  const pending = usePicturesPending();
  const focus = useFocus();
  const colorOf = useGroupColors();
  const { ref, columns, cellWidth } = useSmallMultiples(fontScale);
  const groupOfRun = (run: number) => focus.groups.find((g) => g.runs.includes(run))?.index ?? run;
  // A focused panel draws one run beside a strip of thumbnails: a little lower, so the page stays short.
  const height = focus.active ? Math.round(chartHeight * FOCUSED_HEIGHT) : chartHeight;
  // Random labels use the parity inputs: runs whose pictures are identical are drawn once, titled with every label.
  const distinct: { i: number; labels: string[]; h: HistogramData }[] = [];
  const distinctUnits: { i: number; labels: string[] }[] = [];
  pictures.forEach((h, i) => {
    if (focus.active && i !== focus.run) return;
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
      <Lede first={LEDE_FIRST} rest={LEDE_REST} folded={focus.active} />
      {focus.active && (
        <FocusStrip
          label="group shown in the pre-activations panel"
          groups={focus.groups}
          focused={focus.group}
          onSelect={focus.select}
          controls="preact-cells"
          thumb={(g) => <MiniBars values={thumbCounts(g, units, pictures)} color={colorOf(g.index)} />}
        />
      )}
      <div
        id="preact-cells"
        ref={ref}
        className="small-multiples"
        style={{ gridTemplateColumns: `repeat(${columns}, 1fr)` }}
      >
        {empty && pending && <p className="empty-note">Drawing the pre-activations…</p>}
        {distinct.map(({ i, labels, h }) => (
          <Histogram
            key={i}
            title={labels[0] === 'run' ? "the run's inputs" : labels.join(' and ')}
            edges={h.edges}
            counts={h.counts}
            total={h.total}
            outOfRange={{ below: h.below, above: h.above }}
            color={colorOf(groupOfRun(i))}
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
