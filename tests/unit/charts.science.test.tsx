/**
 * The charts of issue 10 (bit influence, overlays, seed aggregation), as SVG
 * snapshots of small fixed cases, with assertions on the geometry that
 * carries the meaning: secret bits marked, the teacher's outline where its
 * influence is positive, secret rows on top, bands under medians, spreads
 * in the accessible text.
 */
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Histogram } from '../../src/charts/Histogram';
import { histogramGeometry } from '../../src/charts/histogramGeometry';
import { InfluenceBars } from '../../src/charts/InfluenceBars';
import { HEAT_LEVELS, heatLevel, levelValue } from '../../src/charts/heatPaths';
import { InfluenceHeatmap } from '../../src/charts/InfluenceHeatmap';
import {
  influenceBarsGeometry,
  influenceBarsLabel,
  influenceColor,
  influenceHeatmapGeometry,
  influenceHeatmapLabel,
} from '../../src/charts/influenceGeometry';
import { LossChart } from '../../src/charts/LossChart';
import { lossGeometry } from '../../src/charts/lossGeometry';
import type { LossBand, LossSeries } from '../../src/charts/lossSeries';
import { runColor } from '../../src/charts/palette';
import { PhaseMap } from '../../src/charts/PhaseMap';
import { phaseMapLabel, type PhaseCell } from '../../src/charts/phaseMapGeometry';
import { WallChart } from '../../src/charts/WallChart';
import { wallChartLabel, wallGeometry, type WallMedian, type WallPoint } from '../../src/charts/wallGeometry';
import { pooledCounts } from '../../src/components/histogramCells';

const D = 20;
const SECRET = [4, 13];
/** A learned k = 2 student: near 1 on the secret bits, small elsewhere (fixed numbers). */
const LEARNED = Array.from({ length: D }, (_, j) =>
  SECRET.includes(j) ? 0.97 + j / 1000 : 0.02 + ((j * 7) % 5) / 100,
);
const TEACHER = Array.from({ length: D }, (_, j) => (SECRET.includes(j) ? 1 : 0));
const STEPS = [0, 500, 1000, 1500, 2000, 2500];
/** The secret bits rise from noise to 1 over the snapshots; the others fade. */
const ROWS = STEPS.map((_, i) =>
  Array.from({ length: D }, (_, j) => (SECRET.includes(j) ? 0.1 + (0.88 * i) / (STEPS.length - 1) : 0.2 / (1 + i))),
);

/** Total area of a path of closed rectangles `M x,y h w v h h -w z` (heatPaths.ts). */
function pathArea(d: string): number {
  return [...d.matchAll(/M[-\d.]+,[-\d.]+h([-\d.]+)v([-\d.]+)h/g)].reduce((a, m) => a + Number(m[1]) * Number(m[2]), 0);
}

function render(el: ReactElement): string {
  return `${renderToStaticMarkup(el).replace(/></g, '>\n<')}\n`;
}

const CASES: Record<string, { file: string; make: () => ReactElement }> = {
  'influence bars: learned k=2 with the teacher outline': {
    file: 'influence-bars.svg',
    make: () => (
      <InfluenceBars
        title="inputs=parity: step 2,500"
        values={LEARNED}
        secret={SECRET}
        reference={TEACHER}
        step={2500}
        color={runColor(1)}
        width={480}
        height={220}
      />
    ),
  },
  'influence heatmap: secret rows on top': {
    file: 'influence-heatmap.svg',
    make: () => (
      <InfluenceHeatmap title="over training" steps={STEPS} rows={ROWS} secret={SECRET} width={480} height={190} />
    ),
  },
  'histogram with an outline overlay and a key': {
    file: 'histogram-overlay.svg',
    make: () => (
      <Histogram
        title="student layer 1 along the bits"
        edges={[-1, -0.5, 0, 0.5, 1]}
        counts={[10, 40, 40, 10]}
        total={100}
        color="#999999"
        barsLabel="other bits"
        overlays={[
          { label: 'secret bits (2)', color: runColor(1), counts: [2, 2, 2, 14], total: 20, style: 'outline' },
        ]}
        width={400}
        height={220}
      />
    ),
  },
};

describe('chart snapshots (issue 10)', () => {
  for (const [name, c] of Object.entries(CASES)) {
    it(name, async () => {
      await expect(render(c.make())).toMatchFileSnapshot(`./__snapshots__/${c.file}`);
    });
  }

  it.each(Object.entries(CASES))('%s: an image with a name, no text under 12px', (_, c) => {
    const html = renderToStaticMarkup(c.make());
    expect(html).toMatch(/^<svg[^>]*role="img"[^>]*aria-label="[^"]{30,}"[^>]*><title>/);
    const sizes = [...html.matchAll(/font-size="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(12);
  });
});

describe('influence bars', () => {
  const g = influenceBarsGeometry({
    title: 't',
    values: LEARNED,
    secret: SECRET,
    reference: TEACHER,
    step: 2500,
    width: 480,
    height: 220,
  });

  it('marks exactly the secret bits, and outlines the teacher where its influence is positive', () => {
    expect(g.bars.filter((b) => b.secret).map((b) => b.bit)).toEqual(SECRET);
    expect(g.marks.map((m) => m.bit)).toEqual(SECRET);
    expect(g.reference.match(/M/g)).toHaveLength(SECRET.length);
    // a bar of influence 1 is as tall as the teacher's outline of 1
    const top = Number(/V([\d.]+)H/.exec(g.reference)![1]);
    const one = g.frame.innerHeight - g.bars[SECRET[0]!]!.height / LEARNED[SECRET[0]!]!;
    expect(top).toBeCloseTo(one, 0);
    // the secret bits are labelled on the axis
    for (const j of SECRET) expect(g.xTicks.map((t) => t.value)).toContain(j);
  });

  it('says in words what the bars show, and that random labels have no reference', () => {
    expect(influenceBarsLabel({ title: 'run', values: LEARNED, secret: SECRET, reference: TEACHER, step: 2500 })).toBe(
      "run: influence of each of 20 hidden bits on the student at step 2,500; secret bits 4 (0.97), 13 (0.98); largest other bit 2 (0.06); the teacher's influence, drawn as an outline, is 1 on the secret bits and 0 elsewhere.",
    );
    expect(influenceBarsLabel({ title: 'r', values: LEARNED, secret: SECRET, reference: null, step: null })).toContain(
      'no teacher reference',
    );
  });
});

describe('influence heatmap', () => {
  it('puts the secret bits on top, each row labelled, and colours by influence', () => {
    const g = influenceHeatmapGeometry({
      title: 't',
      steps: STEPS,
      rows: ROWS,
      secret: SECRET,
      width: 480,
      height: 190,
    });
    expect(g.order.slice(0, 2)).toEqual(SECRET);
    expect(g.rowLabels.map((l) => l.text)).toEqual(['bit 4', 'bit 13', 'other 18']);
    // one path per colour level, never one element per cell
    expect(g.levels.length).toBeLessThanOrEqual(HEAT_LEVELS);
    expect(new Set(g.levels.map((l) => l.fill)).size).toBe(g.levels.length);
    // the last snapshot's top row (secret bit 4, influence 0.98) is drawn in the colour of its level
    const value = ROWS.at(-1)![4]!;
    const darkest = g.levels.find((l) => l.fill === influenceColor(levelValue(heatLevel(value, 1), 1)))!;
    expect(darkest.d).toContain(`M${g.columns.at(-1)!.x},0h`);
    // every cell is drawn once: the rectangles' areas add up to the grid's
    const area = g.levels.reduce((sum, l) => sum + pathArea(l.d), 0);
    expect(area).toBeGreaterThan(g.frame.innerWidth * g.frame.innerHeight * 0.9);
    expect(influenceColor(1)).not.toBe(influenceColor(0));
  });

  it('labels the secret block as a whole when its rows are too thin', () => {
    const secret = [0, 1, 2, 3, 4, 5, 6];
    const rows = [Array.from({ length: 50 }, () => 0.01)];
    const g = influenceHeatmapGeometry({ title: 't', steps: [0], rows, secret, width: 400, height: 150 });
    expect(g.rowLabels.map((l) => l.text)).toEqual(['secret 7', 'other 43']);
  });

  it('says how the secret bits moved', () => {
    expect(influenceHeatmapLabel({ title: 'h', steps: STEPS, rows: ROWS, secret: SECRET })).toBe(
      'h: influence of every hidden bit on the student over training, from step 0 to 2,500 (6 snapshots); secret bits 4 0.10 to 0.98, 13 0.10 to 0.98; the other 18 bits at most 0.03 at the end (at most 0.20 at any snapshot).',
    );
  });
});

describe('histogram overlays', () => {
  it('draw each sample in its own density units, on the same bins', () => {
    const g = histogramGeometry({
      title: 't',
      edges: [0, 1, 2],
      counts: [50, 50],
      total: 100,
      overlays: [{ label: 'o', color: '#000', counts: [10, 0], total: 10, style: 'outline' }],
      width: 300,
      height: 200,
    });
    // the overlay's first bin holds all of it: density 1, twice the bars' 0.5
    const barTop = g.bars[0]!.y;
    const overlayTop = g.overlays[0]!.bars[0]!.y;
    const floor = g.frame.innerHeight;
    expect((floor - overlayTop) / (floor - barTop)).toBeCloseTo(2, 1);
    expect(g.key.map((k) => k.label)).toEqual(['all', 'o']);
    expect(g.overlays[0]!.outline).toMatch(/^M0,/);
  });

  it('pool a small sample over neighbouring bins, keeping its total', () => {
    // 30 values over 10 bins: pools of 4 bins (OVERLAY_VALUES_PER_BIN = 12 values a bin, at least)
    const pooled = pooledCounts([0, 0, 6, 6, 0, 0, 9, 9, 0, 0], 30);
    expect(pooled).toEqual([3, 3, 3, 3, 4.5, 4.5, 4.5, 4.5, 0, 0]);
    expect(pooled.reduce((a, b) => a + b, 0)).toBe(30);
    // a large sample is left as it is
    expect(pooledCounts([100, 200, 300], 600)).toEqual([100, 200, 300]);
  });
});

describe('seed aggregation in the charts', () => {
  const curve = (f: (s: number) => number) =>
    [0, 10, 100, 1000].map((step) => ({ step, testNmse: f(step), trainLoss: null }));
  const median: LossSeries = {
    id: 'g0',
    label: 'k=2: median of 3 seeds',
    color: runColor(0),
    points: curve((s) => 1 / (1 + s / 100)),
    status: 'done',
  };
  const band: LossBand = {
    id: 'g0',
    color: runColor(0),
    points: [0, 10, 100, 1000].map((step) => ({ step, min: 0.8 / (1 + step / 100), max: 1.2 / (1 + step / 100) })),
  };

  it('the loss chart draws a band under the median, and faint seeds', () => {
    const g = lossGeometry({
      series: [median],
      bands: [band],
      totalSteps: 1000,
      showTrain: false,
      width: 500,
      height: 260,
    });
    expect(g.bands).toHaveLength(1);
    expect(g.bands[0]!.path).toMatch(/^M.*Z$/);
    const html = renderToStaticMarkup(
      <LossChart
        series={[{ ...median, id: 's1', faint: true }, median]}
        bands={[band]}
        totalSteps={1000}
        showTrain={false}
        width={500}
        height={260}
      />,
    );
    expect(html.indexOf('class="bands"')).toBeLessThan(html.indexOf('class="series"'));
    expect(html).toContain('stroke-opacity="0.45"');
  });

  it('the wall chart draws one bar per group median, dashed where the median run never learned', () => {
    const points: WallPoint[] = [1, 2, 3].flatMap((seed) => [
      {
        x: 2,
        runLabel: `k=2, seed=${seed}`,
        color: runColor(0),
        stepsToLearn: 4000 + seed * 500,
        budget: 8000,
        status: 'learned' as const,
      },
      {
        x: 7,
        runLabel: `k=7, seed=${seed}`,
        color: runColor(1),
        stepsToLearn: null,
        budget: 8000,
        status: 'budget-ran-out' as const,
      },
    ]);
    const medians: WallMedian[] = [
      { x: 2, step: 5000, budget: 8000, color: runColor(0), label: 'k=2: median of 3 seeds' },
      { x: 7, step: null, budget: 8000, color: runColor(1), label: 'k=7: median of 3 seeds' },
    ];
    const g = wallGeometry({ axisLabel: 'k', points, medians, width: 500, height: 280 });
    expect(g.medianBars.map((m) => m.learned)).toEqual([true, false]);
    expect(g.key.map((k) => k.status)).toContain('median');
    expect(wallChartLabel('k', points, medians)).toContain('medians over seeds: k = 2 5,000 steps, k = 7 not learned');
    const html = renderToStaticMarkup(
      <WallChart axisLabel="k" points={points} medians={medians} width={500} height={280} />,
    );
    expect(html).toContain('stroke-dasharray="4 3"');
  });

  it('the phase map names the spread of every cell in its accessible text and its tooltips', () => {
    const cells: PhaseCell[] = [
      { xi: 0, yi: 0, value: 0.05, budgetRanOut: false, diverged: false, spread: { min: 0.02, max: 0.3, count: 3 } },
      { xi: 1, yi: 0, value: 1.0, budgetRanOut: true, diverged: false, spread: { min: 0.98, max: 1.01, count: 3 } },
    ];
    const input = { xLabel: 'h', yLabel: 'k', xValues: ['32', '128'], yValues: ['2'], cells, width: 400, height: 200 };
    expect(phaseMapLabel(input)).toContain(
      'Each cell is the median over seeds; the spread per cell: h = 32, k = 2: 0.02 to 0.30 over 3 seeds; h = 128, k = 2: 0.98 to 1.01 over 3 seeds',
    );
    const html = renderToStaticMarkup(<PhaseMap {...input} />);
    expect(html).toContain('<title>h = 32, k = 2: 0.05 (median of 3 seeds; 0.02 to 0.30)</title>');
  });
});
