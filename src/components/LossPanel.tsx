import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { LossChart, LossLegend, runColor, useChartWidth, type LossLegendEntry } from '../charts';
import { TINY_LABEL_VARIANCE } from '../core/metrics';
import { ExportMenu } from '../export/ExportMenu';
import { appliedRecording } from '../state/recordingSlice';
import { resultsAreStale, useStore } from '../state/store';
import { RECORDED_ID_PREFIX, recordedLossSeries } from './recordedRuns';

/** A recorded run's raw train loss cannot be put on the NMSE scale without a label variance: leave it out. */
function withoutTrain(s: LossLegendEntry): LossLegendEntry {
  return { ...s, points: s.points.map((p) => ({ ...p, trainLoss: null })) };
}

export function LossPanel({ fontScale, height }: { fontScale: number; height: number }) {
  const { runs, showTrain, setShowTrain, experiment, recording, liveCurrent } = useStore(
    useShallow((s) => ({
      runs: s.runs,
      showTrain: s.showTrain,
      setShowTrain: s.setShowTrain,
      experiment: s.experiment,
      recording: appliedRecording(s),
      liveCurrent: !resultsAreStale(s),
    })),
  );
  const { ref, width } = useChartWidth();
  const live: LossLegendEntry[] = runs.map((r, i) => ({
    id: String(i),
    label: r.info.label,
    color: runColor(i),
    points: r.curve.map((p) => ({ step: p.step, testNmse: p.testNmse, trainLoss: p.trainLoss })),
    status: r.status,
    accuracy: r.curve.length ? (r.curve[r.curve.length - 1]!.accuracy ?? null) : null,
  }));
  const recorded = useMemo(() => (recording ? recordedLossSeries(recording) : []), [recording]);
  const series = [...live, ...recorded];
  // A recording holds no label variance; live runs of the same experiment share its test sets, so theirs is its.
  const trainNormaliser = Object.fromEntries(
    runs.flatMap((r, i) => [
      [String(i), r.info.labelVariance],
      ...(liveCurrent && recording ? [[`${RECORDED_ID_PREFIX}${i}`, r.info.labelVariance]] : []),
    ]),
  );
  const shownSeries = showTrain
    ? series.map((s) => (s.recorded && !(s.id in trainNormaliser) ? withoutTrain(s) : s))
    : series;
  const totalSteps = Math.max(
    experiment.base.steps,
    ...runs.map((r) => r.info.steps),
    ...recorded.map((s) => s.points[s.points.length - 1]?.step ?? 0),
  );
  const tiny = runs.filter((r) => r.info.labelVariance < TINY_LABEL_VARIANCE);
  return (
    <section className="panel loss-panel" aria-labelledby="loss-title">
      <header className="panel-head">
        <h2 id="loss-title">Normalised test loss</h2>
        <label className="inline-toggle">
          <input type="checkbox" checked={showTrain} onChange={(e) => setShowTrain(e.target.checked)} /> show train loss
        </label>
        <ExportMenu view="loss" />
      </header>
      {tiny.length > 0 && (
        <p className="warning" role="status">
          The labels of {tiny.map((r) => r.info.label).join(', ')} barely vary on the test set (variance below{' '}
          {TINY_LABEL_VARIANCE}); their normalised loss is meaningless. With the clip on, lower the input scale.
        </p>
      )}
      <div ref={ref} className="chart-box">
        <LossChart
          series={shownSeries}
          totalSteps={totalSteps}
          showTrain={showTrain}
          trainNormaliser={trainNormaliser}
          width={width}
          height={height}
          fontScale={fontScale}
        />
      </div>
      {series.length > 0 ? (
        <LossLegend series={shownSeries} showTrain={showTrain} fontScale={fontScale} />
      ) : (
        <p className="empty-note">Press Start (or the space bar) to train the runs of this experiment.</p>
      )}
    </section>
  );
}
