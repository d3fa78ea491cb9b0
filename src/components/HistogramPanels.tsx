import { useShallow } from 'zustand/react/shallow';
import { densityCurve, Histogram, runColor, useChartWidth } from '../charts';
import { makeWeightDistribution } from '../core/distributions';
import { ExportMenu } from '../export/ExportMenu';
import { useStore } from '../state/store';
import { usePicturesPending, usePreactivationPictures, useTeacherWeights } from '../state/teacherPictures';
import type { HistogramData } from '../worker/protocol';

const MIN_CELL_PX = 300;
const GAP_PX = 12;

/** As many histogram columns as fit at MIN_CELL_PX each, and the width each gets. */
function useSmallMultiples() {
  const { ref, width } = useChartWidth(320);
  const columns = Math.max(1, Math.floor(width / MIN_CELL_PX));
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

/** The teacher's weights against the exact density of their distribution, then each student's first layer. */
export function WeightsPanel({ fontScale, height }: { fontScale: number; height: number }) {
  // Narrow selections: progress messages change the runs every frame, their weights only every few hundred ms.
  const { teachers, labels: teacherLabels } = useTeacherWeights();
  const pending = usePicturesPending();
  const labels = useStore(useShallow((s) => s.runs.map((r) => r.info.label)));
  const weights = useStore(useShallow((s) => s.runs.map((r) => r.weights)));
  const { ref, columns, cellWidth } = useSmallMultiples();
  return (
    <section className="panel" aria-labelledby="weights-title">
      <header className="panel-head">
        <h2 id="weights-title">Weights</h2>
        <ExportMenu view="weights" />
      </header>
      <div ref={ref} className="small-multiples" style={{ gridTemplateColumns: `repeat(${columns}, 1fr)` }}>
        {pending && <p className="empty-note">Drawing the teacher's weights…</p>}
        {teachers.map((t) => {
          const dist = makeWeightDistribution(t.shape, t.std, { nu: t.nu, p: t.p });
          const lo = t.weights.edges[0]!;
          const hi = t.weights.edges[t.weights.edges.length - 1]!;
          const owner = teachers.length > 1 ? ` (${t.runs.map((i) => teacherLabels[i] ?? '').join('; ')})` : '';
          return (
            <Histogram
              key={t.runs[0]}
              title={`teacher W: ${t.shape}, std ${t.std.toPrecision(3)}${owner}`}
              edges={t.weights.edges}
              counts={t.weights.counts}
              total={t.weights.total}
              density={dist.density ? densityCurve(dist.density, lo, hi) : null}
              pointMasses={dist.pointMasses}
              outOfRange={{ below: t.weights.below, above: t.weights.above }}
              color={TEACHER_COLOR}
              xLabel="weight"
              note="line: exact density of the chosen distribution"
              width={cellWidth}
              height={height}
              fontScale={fontScale}
            />
          );
        })}
        {weights.map((w, i) =>
          w ? (
            <Histogram
              key={i}
              title={`student layer 1: ${labels[i]}`}
              edges={w.edges}
              counts={w.counts}
              total={w.total}
              outOfRange={{ below: w.below, above: w.above }}
              color={runColor(i)}
              xLabel="weight"
              width={cellWidth}
              height={height}
              fontScale={fontScale}
            />
          ) : null,
        )}
      </div>
    </section>
  );
}

/** The picture that explains the failure: what the teacher's hidden units see under each run's inputs. */
export function PreactivationPanel({ fontScale, height }: { fontScale: number; height: number }) {
  const { labels, pictures } = usePreactivationPictures();
  const pending = usePicturesPending();
  const { ref, columns, cellWidth } = useSmallMultiples();
  // Random labels use the parity inputs: runs whose pictures are identical are drawn once, titled with every label.
  const distinct: { i: number; labels: string[]; h: HistogramData }[] = [];
  pictures.forEach((h, i) => {
    if (!h) return;
    const same = distinct.find((d) => sameHistogram(d.h, h));
    if (same) same.labels.push(labels[i]!);
    else distinct.push({ i, labels: [labels[i]!], h });
  });
  return (
    <section className="panel" aria-labelledby="preact-title">
      <header className="panel-head">
        <h2 id="preact-title">Teacher pre-activations ⟨wᵢ, x⟩</h2>
        <ExportMenu view="preact" />
      </header>
      <p className="panel-lede">
        Under Gaussian inputs every hidden unit sees a Gaussian. Under the adversarial inputs, built from the very same
        weights, the units see only the few values the construction forces: 1 when a pattern unit fires, and values at
        or below 0 otherwise, so that their sum is the parity of the secret bits.
      </p>
      <div ref={ref} className="small-multiples" style={{ gridTemplateColumns: `repeat(${columns}, 1fr)` }}>
        {distinct.length === 0 && pending && <p className="empty-note">Drawing the pre-activations…</p>}
        {distinct.map(({ i, labels, h }) => (
          <Histogram
            key={i}
            title={labels.join(' and ')}
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
      </div>
    </section>
  );
}
