import { useShallow } from 'zustand/react/shallow';
import { LossChart, LossLegend, runColor, useChartWidth, type LossLegendEntry } from '../charts';
import { TINY_LABEL_VARIANCE } from '../core/metrics';
import { ExportMenu } from '../export/ExportMenu';
import { useStore } from '../state/store';

export function LossPanel({ fontScale, height }: { fontScale: number; height: number }) {
  const { runs, showTrain, setShowTrain, experiment } = useStore(
    useShallow((s) => ({
      runs: s.runs,
      showTrain: s.showTrain,
      setShowTrain: s.setShowTrain,
      experiment: s.experiment,
    })),
  );
  const { ref, width } = useChartWidth();
  const series: LossLegendEntry[] = runs.map((r, i) => ({
    id: String(i),
    label: r.info.label,
    color: runColor(i),
    points: r.curve.map((p) => ({ step: p.step, testNmse: p.testNmse, trainLoss: p.trainLoss })),
    status: r.status,
    accuracy: r.curve.length ? (r.curve[r.curve.length - 1]!.accuracy ?? null) : null,
  }));
  const trainNormaliser = Object.fromEntries(runs.map((r, i) => [String(i), r.info.labelVariance]));
  const totalSteps = Math.max(experiment.base.steps, ...runs.map((r) => r.info.steps));
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
          series={series}
          totalSteps={totalSteps}
          showTrain={showTrain}
          trainNormaliser={trainNormaliser}
          width={width}
          height={height}
          fontScale={fontScale}
        />
      </div>
      {series.length > 0 ? (
        <LossLegend series={series} showTrain={showTrain} fontScale={fontScale} />
      ) : (
        <p className="empty-note">Press Start (or the space bar) to train the runs of this experiment.</p>
      )}
    </section>
  );
}
