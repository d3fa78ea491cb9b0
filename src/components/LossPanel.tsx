import { useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { LossChart, LossLegend, useChartWidth, type LossBand, type LossLegendEntry } from '../charts';
import { median } from '../core/aggregate';
import { TINY_LABEL_VARIANCE } from '../core/metrics';
import { ExportMenu } from '../export/ExportMenu';
import { appliedRecording } from '../state/recordingSlice';
import { resultsAreStale, useStore } from '../state/store';
import { RECORDED_ID_PREFIX, recordedLossSeries, recordedWord } from './recordedRuns';
import { useGroupColors } from './groupColors';
import { focusApplies } from '../core/focus';
import type { AxisValues } from '../core/experiment';
import { focusRun } from '../state/focus';
import { groupOfMembers, groupSeries, hasSeedGroups, liveMembers, recordedMembers, seedGroups } from './seedGroups';
import { settingAxes } from '../core/axes';
import { multiplesApply } from '../core/lossLayout';
import { setLossLayout, useLossLayout } from '../state/lossLayout';
import { LossLayoutToggle } from './LossLayoutToggle';
import { LossMultiplesView } from './LossMultiplesView';

/** A recorded run's raw train loss cannot be put on the NMSE scale without a label variance (older files hold none): leave it out. */
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
  const [everySeed, setEverySeed] = useState(false);
  const layout = useLossLayout();
  const settings = settingAxes(experiment.axes);
  const multiples = layout === 'multiples';
  const colorOf = useGroupColors();
  const { ref, width } = useChartWidth();

  // Runs that differ only in the seed form a group: its median is drawn over a band from the lowest to the
  // highest seed, and each seed on demand (thin and light). Without a seed axis every run is its own group.
  const liveGroups = seedGroups(liveMembers(runs));
  const liveGroupOf = groupOfMembers(liveGroups, runs.length);
  const liveRuns: LossLegendEntry[] = runs.map((r, i) => ({
    id: String(i),
    label: r.info.label,
    color: colorOf(liveGroupOf[i] ?? i),
    points: r.curve.map((p) => ({ step: p.step, testNmse: p.testNmse, trainLoss: p.trainLoss })),
    status: r.status,
    accuracy: r.curve.length ? (r.curve[r.curve.length - 1]!.accuracy ?? null) : null,
  }));
  const recordedGroups = useMemo(() => (recording ? seedGroups(recordedMembers(recording)) : []), [recording]);
  const recordedRuns = useMemo(() => {
    if (!recording) return [];
    const of = groupOfMembers(recordedGroups, recording.runs.length);
    return recordedLossSeries(recording).map((s, i) => ({ ...s, color: colorOf(of[i] ?? i) }));
  }, [recording, recordedGroups, colorOf]);
  const liveAggregated = hasSeedGroups(liveGroups);
  const recordedAggregated = hasSeedGroups(recordedGroups);
  const aggregated = liveAggregated || recordedAggregated;

  const trainNormaliser: Record<string, number> = Object.fromEntries(
    runs.flatMap((r, i) => [
      [String(i), r.info.labelVariance],
      // A recording made before results held label variances: live runs of the same experiment share its test sets.
      ...(liveCurrent && recording ? [[`${RECORDED_ID_PREFIX}${i}`, r.info.labelVariance]] : []),
    ]),
  );
  recording?.runs.forEach((run, j) => {
    if (run.labelVariance !== undefined) trainNormaliser[`${RECORDED_ID_PREFIX}${j}`] = run.labelVariance;
  });
  const bands: LossBand[] = [];
  const legend: LossLegendEntry[] = [];
  const faint: LossLegendEntry[] = [];
  const groupVariance = (members: readonly { index: number }[]) =>
    median(members.map((m) => runs[m.index]?.info.labelVariance ?? Number.NaN));
  if (liveAggregated) {
    for (const g of liveGroups) {
      const { entry, band } = groupSeries(g, { colorOf });
      legend.push(entry);
      bands.push(band);
      trainNormaliser[entry.id] = groupVariance(g.members);
    }
    if (everySeed) faint.push(...liveRuns.map((s) => ({ ...s, faint: true })));
  } else legend.push(...liveRuns);
  if (recordedAggregated) {
    for (const g of recordedGroups) {
      const { entry, band } = groupSeries(g, {
        idPrefix: RECORDED_ID_PREFIX,
        recorded: true,
        recordedWord: recording ? recordedWord(recording) : undefined,
        colorOf,
      });
      legend.push(entry);
      bands.push(band);
      const own = median(g.members.map((m) => recording?.runs[m.index]?.labelVariance ?? Number.NaN));
      const v = Number.isFinite(own) ? own : liveCurrent && runs.length ? groupVariance(g.members) : Number.NaN;
      if (Number.isFinite(v)) trainNormaliser[entry.id] = v;
    }
    if (everySeed) faint.push(...recordedRuns.map((s) => ({ ...s, faint: true })));
  } else legend.push(...recordedRuns);

  const series = [...faint, ...legend];
  // The small multiples: each seed (thin, when there are seeds) and the median or the run, in its group's panel.
  const valuesOf = (id: string): Readonly<Record<string, unknown>> | undefined => {
    const recorded = id.startsWith(RECORDED_ID_PREFIX);
    const rest = recorded ? id.slice(RECORDED_ID_PREFIX.length) : id;
    if (rest.startsWith('g')) return (recorded ? recordedGroups : liveGroups)[Number(rest.slice(1))]?.values;
    return recorded ? recording?.runs[Number(rest)]?.values : runs[Number(rest)]?.info.values;
  };
  // A legend entry focuses the science panels on its group (state/focus.ts), when they are focused at all.
  const focusable = focusApplies(Math.max(runs.length, recording?.runs.length ?? 0));
  const focusEntry = (id: string) => {
    const values = valuesOf(id);
    if (values) focusRun(values as AxisValues);
  };
  const shown = (list: LossLegendEntry[]) =>
    showTrain ? list.map((s) => (s.recorded && !(s.id in trainNormaliser) ? withoutTrain(s) : s)) : list;
  const seeds = [...(liveAggregated ? liveRuns : []), ...(recordedAggregated ? recordedRuns : [])].map((s) => ({
    ...s,
    faint: true,
  }));
  const placed = multiples
    ? shown([...seeds, ...legend]).flatMap((entry) => {
        const values = valuesOf(entry.id);
        return values ? [{ entry, values }] : [];
      })
    : [];
  const totalSteps = Math.max(
    experiment.base.steps,
    ...runs.map((r) => r.info.steps),
    ...recordedRuns.map((s) => s.points[s.points.length - 1]?.step ?? 0),
  );
  const tiny = runs.filter((r) => r.info.labelVariance < TINY_LABEL_VARIANCE);
  return (
    <section className="panel loss-panel" aria-labelledby="loss-title">
      <header className="panel-head">
        <h2 id="loss-title">Normalised test loss</h2>
        {multiplesApply(settings.length) && <LossLayoutToggle layout={layout} onChange={setLossLayout} />}
        {aggregated && !multiples && (
          <label className="inline-toggle">
            <input type="checkbox" checked={everySeed} onChange={(e) => setEverySeed(e.target.checked)} /> show every
            seed
          </label>
        )}
        <label className="inline-toggle">
          <input type="checkbox" checked={showTrain} onChange={(e) => setShowTrain(e.target.checked)} /> show train loss
        </label>
        <ExportMenu view="loss" />
      </header>
      {multiples && (
        <p className="panel-lede">
          One panel per group{aggregated ? ': each seed thin, their median thick' : ''}; all panels share both axes.
          Click a panel to focus its group.
        </p>
      )}
      {aggregated && !multiples && (
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
        {multiples && settings.length === 2 ? (
          <LossMultiplesView
            rows={settings[0]!}
            cols={settings[1]!}
            placed={placed}
            totalSteps={totalSteps}
            showTrain={showTrain}
            trainNormaliser={trainNormaliser}
            width={width}
            height={height}
            fontScale={fontScale}
          />
        ) : (
          <LossChart
            series={shown(series)}
            bands={bands.length ? bands : undefined}
            totalSteps={totalSteps}
            showTrain={showTrain}
            trainNormaliser={trainNormaliser}
            width={width}
            height={height}
            fontScale={fontScale}
          />
        )}
      </div>
      {legend.length > 0 ? (
        <LossLegend
          series={shown(legend)}
          showTrain={showTrain}
          fontScale={fontScale}
          onSelect={focusable ? (id) => focusEntry(id) : undefined}
        />
      ) : (
        <p className="empty-note">Press Start (or the space bar) to train the runs of this experiment.</p>
      )}
    </section>
  );
}
