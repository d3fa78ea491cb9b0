import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { LossChart, LossLegend, runColor, useChartWidth, type LossBand, type LossLegendEntry } from '../charts';
import { median } from '../core/aggregate';
import { TINY_LABEL_VARIANCE } from '../core/metrics';
import { useStore } from '../state/store';
import { groupSeries, hasSeedGroups, seedGroups } from './seedGroups';

export function LossPanel({ fontScale, height }: { fontScale: number; height: number }) {
  const { runs, showTrain, setShowTrain, experiment } = useStore(
    useShallow((s) => ({
      runs: s.runs,
      showTrain: s.showTrain,
      setShowTrain: s.setShowTrain,
      experiment: s.experiment,
    })),
  );
  const [everySeed, setEverySeed] = useState(false);
  const { ref, width } = useChartWidth();
  const groups = seedGroups(runs);
  const aggregated = hasSeedGroups(groups, runs);
  const runSeries: LossLegendEntry[] = runs.map((r, i) => ({
    id: String(i),
    label: r.info.label,
    color: runColor(groups.findIndex((g) => g.members.includes(r))),
    points: r.curve.map((p) => ({ step: p.step, testNmse: p.testNmse, trainLoss: p.trainLoss })),
    status: r.status,
    accuracy: r.curve.length ? (r.curve[r.curve.length - 1]!.accuracy ?? null) : null,
  }));
  const trainNormaliser: Record<string, number> = Object.fromEntries(
    runs.map((r, i) => [String(i), r.info.labelVariance]),
  );
  let series: LossLegendEntry[] = runSeries;
  let legend: LossLegendEntry[] = runSeries;
  let bands: LossBand[] | undefined;
  if (aggregated) {
    // Per group: the median over its seeds, over the band from the lowest to the highest seed.
    const summaries = groups.map(groupSeries);
    legend = summaries.map((s) => s.entry);
    bands = summaries.map((s) => s.band);
    groups.forEach((g, k) => {
      trainNormaliser[summaries[k]!.entry.id] = median(g.members.map((r) => r.info.labelVariance));
    });
    series = [...(everySeed ? runSeries.map((s) => ({ ...s, faint: true })) : []), ...legend];
  }
  const totalSteps = Math.max(experiment.base.steps, ...runs.map((r) => r.info.steps));
  const tiny = runs.filter((r) => r.info.labelVariance < TINY_LABEL_VARIANCE);
  return (
    <section className="panel loss-panel" aria-labelledby="loss-title">
      <header className="panel-head">
        <h2 id="loss-title">Normalised test loss</h2>
        {aggregated && (
          <label className="inline-toggle">
            <input type="checkbox" checked={everySeed} onChange={(e) => setEverySeed(e.target.checked)} /> show every
            seed
          </label>
        )}
        <label className="inline-toggle">
          <input type="checkbox" checked={showTrain} onChange={(e) => setShowTrain(e.target.checked)} /> show train loss
        </label>
      </header>
      {aggregated && (
        <p className="panel-lede">
          Each line is the median over the seeds of a group of runs; the shaded band spans the lowest to the highest
          seed at each step.
        </p>
      )}
      {tiny.length > 0 && (
        <p className="warning" role="status">
          The labels of {tiny.map((r) => r.info.label).join(', ')} barely vary on the test set (variance below{' '}
          {TINY_LABEL_VARIANCE}); their normalised loss is meaningless. With the clip on, lower the input scale.
        </p>
      )}
      <div ref={ref} className="chart-box">
        <LossChart
          series={series}
          bands={bands}
          totalSteps={totalSteps}
          showTrain={showTrain}
          trainNormaliser={trainNormaliser}
          width={width}
          height={height}
          fontScale={fontScale}
        />
      </div>
      {legend.length > 0 ? (
        <LossLegend series={legend} showTrain={showTrain} fontScale={fontScale} />
      ) : (
        <p className="empty-note">Press Start (or the space bar) to train the runs of this experiment.</p>
      )}
    </section>
  );
}
