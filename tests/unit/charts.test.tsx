/**
 * Charts (docs/architecture.md, "Testing and benchmarks"): each case is a small function with fixed data
 * whose SVG, rendered on the server, is compared with a stored file (after
 * Observable Plot's test/plots). Assertions check the geometry that matters:
 * reference lines at the right height, decimation bounds, histogram areas,
 * accessible names, the hover read-out.
 */
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { decimateLogX, logColumn } from '../../src/charts/decimate';
import { densityCurve } from '../../src/charts/density';
import { Histogram } from '../../src/charts/Histogram';
import { histogramGeometry, type HistogramInput } from '../../src/charts/histogramGeometry';
import { boxesOverlap, estimateTextWidth, textBox } from '../../src/charts/labels';
import { LossChart } from '../../src/charts/LossChart';
import { lossGeometry, lossYMax } from '../../src/charts/lossGeometry';
import { LossLegend, type LossLegendEntry } from '../../src/charts/LossLegend';
import { evaluatedSteps, keyboardStep, lossReadout, nearestStepIndex } from '../../src/charts/lossReadout';
import type { LossPoint, LossSeries } from '../../src/charts/lossSeries';
import { contrastingText, OKABE_ITO, phaseColor, runColor } from '../../src/charts/palette';
import { PhaseMap } from '../../src/charts/PhaseMap';
import type { PhaseCell } from '../../src/charts/phaseMapGeometry';
import { WallChart } from '../../src/charts/WallChart';
import { dodgeSlots, wallChartLabel, type WallPoint } from '../../src/charts/wallGeometry';

// ---------------------------------------------------------------- fixed data

/** A small deterministic generator (LCG), so the fixtures never change. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function normals(n: number, seed: number, sd = 1): number[] {
  const u = lcg(seed);
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(sd * Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u()));
  return out;
}

function binned(values: readonly number[], lo: number, hi: number, bins: number) {
  const edges = Array.from({ length: bins + 1 }, (_, b) => lo + ((hi - lo) * b) / bins);
  const counts = new Array<number>(bins).fill(0);
  let below = 0;
  let above = 0;
  for (const v of values) {
    if (v < lo) below++;
    else if (v > hi) above++;
    else counts[Math.min(bins - 1, Math.floor(((v - lo) / (hi - lo)) * bins))]!++;
  }
  return { edges, counts, below, above, total: values.length };
}

const gaussianDensity =
  (sd: number, weight = 1) =>
  (x: number) =>
    (weight * Math.exp(-(x * x) / (2 * sd * sd))) / (sd * Math.sqrt(2 * Math.PI));

/** Evaluation steps of an 8000-step run: 1-2-5 early, then every 100. */
const STEPS = [0, 1, 2, 5, 10, 20, 50, ...Array.from({ length: 80 }, (_, i) => (i + 1) * 100)];

function curve(f: (step: number, i: number) => number, trainFactor: number | null): LossPoint[] {
  return STEPS.map((step, i) => {
    const testNmse = f(step, i);
    return { step, testNmse, trainLoss: trainFactor === null ? null : testNmse * trainFactor * 0.97 };
  });
}

function lossSeries(): LossSeries[] {
  return [
    {
      id: 'gaussian',
      label: 'gaussian inputs',
      color: runColor(0),
      status: 'learned',
      points: curve((s) => 0.04 + 1.02 / (1 + (s / 900) ** 1.6), 0.25),
    },
    {
      id: 'parity',
      label: 'parity k=7',
      color: runColor(1),
      status: 'running',
      points: curve((s, i) => (s < 100 ? 1.09 : 1 + 0.006 * Math.sin(i)), 0.25),
    },
    {
      id: 'random',
      label: 'random labels',
      color: runColor(2),
      status: 'diverged',
      points: curve((s) => (s <= 1500 ? 1 + (s / 1500) ** 2 * 0.4 : s <= 2500 ? 1.4 * (s / 1500) ** 3 : NaN), 0.25),
    },
  ];
}

const TRAIN_NORMALISER = { gaussian: 0.25, parity: 0.25, random: 0.25 };

function wallPoints(): WallPoint[] {
  const budget = 40_000;
  const p = (
    x: number,
    seed: number,
    stepsToLearn: number | null,
    status: WallPoint['status'],
    currentStep?: number,
  ) => ({
    x,
    runLabel: `k=${x} seed ${seed}`,
    color: runColor(seed - 1),
    stepsToLearn,
    budget,
    status,
    currentStep,
  });
  return [
    p(2, 1, 6000, 'learned'),
    p(2, 2, 5500, 'learned'),
    p(3, 1, 17_500, 'learned'),
    p(4, 1, null, 'budget-ran-out'),
    p(5, 1, null, 'budget-ran-out'),
    p(6, 1, null, 'running', 12_000),
  ];
}

function phaseCells(): PhaseCell[] {
  // rows: k = 2..4; columns: student width 16..1024
  const values = [
    [0.02, 0.01, 0.004, 0.003],
    [0.64, 0.08, 0.03, 0.02],
    [1.01, 0.97, 0.31, null],
  ];
  const cells: PhaseCell[] = [];
  values.forEach((row, yi) =>
    row.forEach((value, xi) =>
      cells.push({
        xi,
        yi,
        value,
        budgetRanOut: yi === 2 && xi === 0,
        diverged: yi === 1 && xi === 0,
      }),
    ),
  );
  return cells;
}

// ---------------------------------------------------------------- cases

function histogramNormalInput(): HistogramInput & { color: string } {
  const h = binned(normals(4000, 7, 0.1), -0.3, 0.3, 40);
  return {
    title: 'Teacher weights (normal, xavier)',
    edges: h.edges,
    counts: h.counts,
    total: h.total,
    outOfRange: { below: h.below, above: h.above },
    density: densityCurve(gaussianDensity(0.1), -0.3, 0.3, 120),
    color: runColor(0),
    width: 480,
    height: 260,
    xLabel: 'weight',
  };
}

function histogramRademacherInput(): HistogramInput & { color: string } {
  const u = lcg(11);
  const s = 0.088;
  const h = binned(
    Array.from({ length: 4000 }, () => (u() < 0.5 ? -s : s)),
    -0.3,
    0.3,
    40,
  );
  return {
    title: 'Teacher weights (rademacher)',
    edges: h.edges,
    counts: h.counts,
    total: h.total,
    pointMasses: [
      { x: -s, p: 0.5 },
      { x: s, p: 0.5 },
    ],
    color: runColor(0),
    width: 480,
    height: 260,
    xLabel: 'weight',
  };
}

function histogramSparseInput(): HistogramInput & { color: string } {
  const p = 0.1;
  const sd = 0.088 / Math.sqrt(p);
  const u = lcg(5);
  const g = normals(4000, 9, sd);
  const h = binned(
    g.map((v) => (u() < p ? v : 0)),
    -0.9,
    0.9,
    40,
  );
  return {
    title: 'Teacher weights (sparse, p = 0.1)',
    edges: h.edges,
    counts: h.counts,
    total: h.total,
    outOfRange: { below: h.below, above: h.above },
    density: densityCurve(gaussianDensity(sd, p), -0.9, 0.9),
    pointMasses: [{ x: 0, p: 1 - p }],
    color: runColor(0),
    width: 480,
    height: 260,
    xLabel: 'weight',
    note: 'Mass at 0 on the right axis; the Gaussian part (10% of weights) on the left.',
  };
}

function legendEntries(): LossLegendEntry[] {
  const [gaussian, parity, random] = lossSeries();
  return [
    { ...gaussian!, accuracy: null },
    { ...parity!, accuracy: 0.503 },
    { ...random!, accuracy: null },
  ];
}

const CASES: Record<string, { file: string; make: () => ReactElement }> = {
  'loss chart: learned, flat at 1, diverged, with train loss': {
    file: 'loss-chart.svg',
    make: () => (
      <LossChart
        series={lossSeries()}
        totalSteps={8000}
        showTrain
        trainNormaliser={TRAIN_NORMALISER}
        width={640}
        height={320}
      />
    ),
  },
  'loss chart with the read-out at step 2000, presentation size': {
    file: 'loss-chart-readout-large.svg',
    make: () => (
      <LossChart
        series={lossSeries()}
        totalSteps={8000}
        showTrain={false}
        width={960}
        height={480}
        fontScale={1.5}
        initialHoverStep={2000}
      />
    ),
  },
  'loss legend': {
    file: 'loss-legend.html',
    make: () => <LossLegend series={legendEntries()} showTrain />,
  },
  'histogram: normal with density': {
    file: 'histogram-normal.svg',
    make: () => <Histogram {...histogramNormalInput()} />,
  },
  'histogram: rademacher point masses': {
    file: 'histogram-rademacher.svg',
    make: () => <Histogram {...histogramRademacherInput()} />,
  },
  'histogram: sparse, spike plus density': {
    file: 'histogram-sparse.svg',
    make: () => <Histogram {...histogramSparseInput()} />,
  },
  'wall chart: learned, budget ran out, running': {
    file: 'wall-chart.svg',
    make: () => <WallChart axisLabel="k" points={wallPoints()} width={560} height={320} />,
  },
  'phase map 3x4 with budget-ran-out and diverged cells': {
    file: 'phase-map.svg',
    make: () => (
      <PhaseMap
        xLabel="student width"
        yLabel="k"
        xValues={['16', '64', '256', '1024']}
        yValues={['2', '3', '4']}
        cells={phaseCells()}
        width={560}
        height={320}
      />
    ),
  },
};

/** One tag per line, so that a snapshot diff points at the element that changed. */
function render(el: ReactElement): string {
  return `${renderToStaticMarkup(el).replace(/></g, '>\n<')}\n`;
}

/**
 * HTML snapshots are stored as Prettier prints them, since `npm run lint`
 * checks every .html file (Prettier has no parser for .svg, which it skips).
 */
async function asStored(markup: string, file: string): Promise<string> {
  if (!file.endsWith('.html')) return markup;
  const path = fileURLToPath(new URL(`./__snapshots__/${file}`, import.meta.url));
  return format(markup, { ...(await resolveConfig(path)), filepath: path });
}

describe('chart snapshots', () => {
  for (const [name, c] of Object.entries(CASES)) {
    it(name, async () => {
      await expect(await asStored(render(c.make()), c.file)).toMatchFileSnapshot(`./__snapshots__/${c.file}`);
    });
  }
});

describe('accessibility and legibility', () => {
  const svgCases = Object.entries(CASES).filter(([, c]) => c.file.endsWith('.svg'));

  it.each(svgCases)('%s: an image with a name that says what it shows', (_, c) => {
    const html = renderToStaticMarkup(c.make());
    expect(html.startsWith('<svg')).toBe(true);
    const root = html.slice(0, html.indexOf('>'));
    expect(root).toContain('role="img"');
    const label = /aria-label="([^"]*)"/.exec(root)?.[1] ?? '';
    expect(label.length).toBeGreaterThan(20);
    expect(html).toMatch(/^<svg[^>]*><title>[^<]+<\/title>/);
  });

  it.each(svgCases)('%s: no text under 12px', (_, c) => {
    const sizes = [...renderToStaticMarkup(c.make()).matchAll(/font-size="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(sizes.length).toBeGreaterThan(0);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(12);
  });

  it('fontScale scales the text', () => {
    const html = render(
      <LossChart series={lossSeries()} totalSteps={8000} showTrain={false} width={960} height={480} fontScale={1.5} />,
    );
    const sizes = [...html.matchAll(/font-size="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(18);
  });

  it('the loss chart names its runs in the aria-label', () => {
    const html = renderToStaticMarkup(
      <LossChart series={lossSeries()} totalSteps={8000} showTrain={false} width={640} height={320} />,
    );
    expect(html).toContain('aria-label="Normalised test loss against training steps (log scale) for 3 runs.');
    expect(html).toContain('parity k=7');
  });

  it('the wall chart summarises how many runs learned', () => {
    expect(wallChartLabel('k', wallPoints())).toBe(
      'Steps until normalised loss < 0.1 against k; 3 of 6 runs learned within 40000 steps; 2 ran out of budget, 1 still running',
    );
  });

  it('Okabe–Ito colours, and cell text that contrasts with its cell', () => {
    expect(OKABE_ITO).toHaveLength(8);
    expect(runColor(8)).toBe(runColor(0));
    expect(contrastingText(phaseColor(1.2))).toBe('#ffffff'); // dark end: failing runs
    expect(contrastingText(phaseColor(0))).toBe('#000000'); // light end: learned runs
  });
});

describe('loss chart geometry', () => {
  it('draws the trivial level at the y-pixel of 1.0, where the tick labelled 1.0 sits', () => {
    const html = renderToStaticMarkup(
      <LossChart series={lossSeries()} totalSteps={8000} showTrain width={640} height={320} />,
    );
    const line = /<line class="reference reference-trivial" x1="0" x2="[\d.]+" y1="([\d.]+)"/.exec(html);
    const tick =
      /<g transform="translate\(0,([\d.]+)\)"><line x2="-?[\d.]+" stroke="[^"]+"><\/line><text[^>]*>1\.0<\/text>/.exec(
        html,
      );
    expect(line).not.toBeNull();
    expect(tick).not.toBeNull();
    expect(Number(line![1])).toBeCloseTo(Number(tick![1]), 2);

    // and independently of the tick: the fraction 1 / yMax of the way up the plot
    const g = lossGeometry({ series: lossSeries(), totalSteps: 8000, showTrain: true, width: 640, height: 320 });
    expect(Number(line![1])).toBeCloseTo(g.frame.innerHeight * (1 - 1 / g.yMax), 1);
  });

  it('scales y to the data, at least 1.2 and at most 3', () => {
    expect(lossYMax([0.1, 0.5, 1])).toBe(1.2);
    expect(lossYMax([1, 1.5, 1.8])).toBeCloseTo(2, 9);
    expect(lossYMax([1, 50, 1e6, NaN, ...new Array<number>(100).fill(40)])).toBe(3);
    // a single spike at initialisation does not stretch the axis
    expect(lossYMax([25, ...new Array<number>(200).fill(1)])).toBe(1.2);
  });

  it('marks where a curve leaves the top of the axis', () => {
    const g = lossGeometry({ series: lossSeries(), totalSteps: 8000, showTrain: false, width: 640, height: 320 });
    const [learned, flat, diverged] = g.lines;
    expect(learned!.offScale).toHaveLength(0);
    expect(flat!.offScale).toHaveLength(0);
    expect(diverged!.offScale.length).toBeGreaterThan(0);
    // the diverged run's path goes up to the top edge where it leaves the axis and stops there (a gap, not a
    // line along the edge), and has no NaN
    expect(diverged!.test).not.toContain('NaN');
    expect(diverged!.test).toMatch(/,0$/);
    expect(diverged!.test).not.toMatch(/,0L/);
    const drawn = diverged!.test.split('L').length;
    const points = lossSeries()[2]!.points.length;
    expect(drawn).toBeLessThan(points);
    // the edge point lies on the straight segment between the last point on the axis and the first above it
    const xy = diverged!.test
      .slice(1)
      .split('L')
      .map((p) => p.split(',').map(Number) as [number, number]);
    const [a, edge] = [xy[xy.length - 2]!, xy[xy.length - 1]!];
    expect(edge[0]).toBeGreaterThan(a[0]);
    expect(edge[1]).toBe(0);
  });

  it('draws a curve that comes down from above the axis from the top edge, not from mid-air', () => {
    const falling: LossSeries = {
      id: 'falling',
      label: 'from above',
      color: runColor(0),
      status: 'learned',
      points: [0, 100, 200, 300, 400].map((step, i) => ({ step, testNmse: [38, 21, 5, 0.6, 0.4][i]!, trainLoss: 1 })),
    };
    const g = lossGeometry({ series: [falling], totalSteps: 8000, showTrain: false, width: 640, height: 320 });
    const [only] = g.lines;
    expect(g.yMax).toBeLessThan(5);
    // one piece: the top edge between steps 200 and 300, then the two points on the axis
    expect(only!.test.match(/M/g)).toHaveLength(1);
    const xy = only!.test
      .slice(1)
      .split('L')
      .map((p) => p.split(',').map(Number) as [number, number]);
    expect(xy).toHaveLength(3);
    expect(xy[0]![1]).toBe(0);
    expect(xy[1]![1]).toBeGreaterThan(0);
    expect(only!.offScale).toHaveLength(1);
  });

  it('keeps reference labels and x tick labels apart, even in a small chart', () => {
    for (const [width, height] of [
      [640, 320],
      [260, 120],
      [200, 90],
    ] as const) {
      const g = lossGeometry({ series: lossSeries(), totalSteps: 100_000, showTrain: false, width, height });
      const boxes = g.references
        .filter((r) => r.labelSpot)
        .map((r) => textBox(r.labelSpot!, estimateTextWidth(r.label, g.type.small), g.type.small));
      if (boxes.length === 2) expect(boxesOverlap(boxes[0]!, boxes[1]!)).toBe(false);
      const ticks = g.xTicks;
      for (let i = 1; i < ticks.length; i++) {
        const a = ticks[i - 1]!;
        const b = ticks[i]!;
        const room = b.pos - a.pos;
        expect(room).toBeGreaterThan((estimateTextWidth(a.label, 12) + estimateTextWidth(b.label, 12)) / 2);
      }
    }
  });

  it('labels the step axis with decades', () => {
    const g = lossGeometry({ series: [], totalSteps: 100_000, showTrain: false, width: 800, height: 300 });
    expect(g.xTicks.map((t) => t.label)).toEqual(['1', '10', '100', '1k', '10k', '100k']);
  });
});

describe('hover read-out', () => {
  const points = [0, 10, 100, 1000].map((step) => ({ step, testNmse: step / 1000, trainLoss: null }));

  it('picks the nearest evaluated step as seen on the log axis', () => {
    const at = (step: number) => points[nearestStepIndex(points, (p) => p.step, step)]!.step;
    expect(at(40)).toBe(100); // log10 40 = 1.6: nearer 100 than 10 (linear distance would say 10)
    expect(at(25)).toBe(10);
    expect(at(100)).toBe(100);
    expect(at(0)).toBe(0);
    expect(at(1)).toBe(0); // step 0 is drawn at step 1
    expect(at(5000)).toBe(1000);
    expect(nearestStepIndex([], (p: { step: number }) => p.step, 5)).toBe(-1);
  });

  it('snaps to an evaluated step and reports every run there', () => {
    const series: LossSeries[] = [
      { id: 'a', label: 'a', color: '#000', status: 'running', points },
      {
        id: 'b',
        label: 'b',
        color: '#111',
        status: 'running',
        points: [50, 500].map((step) => ({ step, testNmse: 0.5, trainLoss: 2 })),
      },
      { id: 'c', label: 'c', color: '#222', status: 'waiting', points: [] },
    ];
    expect(evaluatedSteps(series)).toEqual([0, 10, 50, 100, 500, 1000]);
    const r = lossReadout(series, 80, { b: 4 })!;
    expect(r.step).toBe(100);
    expect(r.rows.map((row) => row.step)).toEqual([100, 50, null]);
    expect(r.rows[0]!.testNmse).toBeCloseTo(0.1, 12);
    expect(r.rows[1]!.train).toBe(0.5); // train MSE 2 / normaliser 4
    expect(lossReadout([], 10)).toBeNull();
  });

  it('moves with the keyboard', () => {
    const steps = [0, 10, 100, 1000];
    expect(keyboardStep(steps, null, 'ArrowLeft')).toBe(1000);
    expect(keyboardStep(steps, 100, 'ArrowLeft')).toBe(10);
    expect(keyboardStep(steps, 100, 'ArrowRight')).toBe(1000);
    expect(keyboardStep(steps, 1000, 'ArrowRight')).toBe(1000);
    expect(keyboardStep(steps, 100, 'Home')).toBe(0);
    expect(keyboardStep(steps, 100, 'Escape')).toBeNull();
    expect(keyboardStep(steps, 100, 'a')).toBeUndefined();
  });

  it('renders the rule and a box listing each run', () => {
    const html = renderToStaticMarkup(
      <LossChart
        series={lossSeries()}
        totalSteps={8000}
        showTrain
        trainNormaliser={TRAIN_NORMALISER}
        width={640}
        height={320}
        initialHoverStep={2020}
      />,
    );
    const readout = html.slice(html.indexOf('<g class="readout"'));
    expect(readout).toContain('>step 2,000</text>');
    expect(readout).toContain('>train</text>');
    // each run's label, then its test and train NMSE at step 2000 (train MSE / normaliser 0.25)
    expect(readout).toMatch(/>parity k=7<\/text><text[^>]*>1\.00\d<\/text><text[^>]*>0\.97\d<\/text>/);
    expect(readout).toMatch(/>random labels<\/text><text[^>]*>3\.319<\/text>/);
  });
});

describe('decimate', () => {
  const n = 100_000;
  const rand = lcg(3);
  const long = Array.from({ length: n }, (_, i) => ({ step: i * 2, v: 1 + 0.1 * (rand() - 0.5) }));
  long[31_415]!.v = 7; // a spike
  long[77_777]!.v = -2; // a dip
  const width = 300;
  const domain: [number, number] = [1, long[n - 1]!.step];
  const kept = decimateLogX(long, width, (p) => p.v, domain);

  it('keeps the first and last point, in step order', () => {
    expect(kept[0]).toBe(long[0]);
    expect(kept[kept.length - 1]).toBe(long[n - 1]);
    for (let i = 1; i < kept.length; i++) expect(kept[i]!.step).toBeGreaterThan(kept[i - 1]!.step);
  });

  it('keeps at most 2 points per pixel column besides the ends', () => {
    const perColumn = new Map<number, number>();
    for (const p of kept.slice(1, -1)) {
      const c = logColumn(p.step, domain, width);
      perColumn.set(c, (perColumn.get(c) ?? 0) + 1);
    }
    expect(Math.max(...perColumn.values())).toBeLessThanOrEqual(2);
    expect(kept.length).toBeLessThanOrEqual(2 * width + 2);
  });

  it('preserves the extremes', () => {
    expect(kept).toContain(long[31_415]);
    expect(kept).toContain(long[77_777]);
    expect(Math.max(...kept.map((p) => p.v))).toBe(7);
    expect(Math.min(...kept.map((p) => p.v))).toBe(-2);
  });

  it('treats values that are not numbers as off the top, and leaves short input alone', () => {
    const pts = [0, 1, 2, 3, 4].map((step) => ({ step, v: step === 2 ? NaN : step }));
    const out = decimateLogX(pts, 1, (p) => p.v);
    expect(out.some((p) => Number.isNaN(p.v))).toBe(true);
    expect(decimateLogX(pts.slice(0, 2), 10, (p) => p.v)).toEqual(pts.slice(0, 2));
  });
});

describe('histogram geometry', () => {
  function areaInside(input: HistogramInput): number {
    const g = histogramGeometry(input);
    const [lo, hi] = g.x.domain() as [number, number];
    const pxPerX = g.frame.innerWidth / (hi - lo);
    const pxPerDensity = g.frame.innerHeight / g.y.domain()[1]!;
    return g.bars
      .filter((b) => b.axis === 'density')
      .reduce((s, b) => s + ((b.x1 - b.x0) * (g.frame.innerHeight - b.y)) / (pxPerX * pxPerDensity), 0);
  }

  it('bar areas sum to the fraction of values inside the bins', () => {
    const input = histogramNormalInput();
    const { below, above } = input.outOfRange!;
    const inside = (input.total - below - above) / input.total;
    expect(below + above).toBeGreaterThan(0);
    expect(areaInside(input)).toBeCloseTo(inside, 2);
  });

  it('overlays the density on the bars’ scale', () => {
    const input = histogramNormalInput();
    const g = histogramGeometry(input);
    const peak = Math.max(...input.density!.y);
    expect(g.y.domain()[1]!).toBeGreaterThan(peak);
    expect(g.y.domain()[1]!).toBeLessThan(peak * 1.6);
  });

  it('draws point masses on the right axis at their probability', () => {
    const g = histogramGeometry(histogramRademacherInput());
    expect(g.yAxis).toBeNull(); // nothing continuous to show
    expect(g.spikes).toHaveLength(2);
    for (const s of g.spikes) expect(s.y).toBeCloseTo(g.yMass!(0.5), 1);
    expect(g.bars.filter((b) => b.count > 0).every((b) => b.axis === 'mass')).toBe(true);

    const sparse = histogramGeometry(histogramSparseInput());
    expect(sparse.yAxis).not.toBeNull();
    expect(sparse.spikes[0]!.label).toBe('p = 0.9');
    expect(sparse.bars.filter((b) => b.axis === 'mass')).toHaveLength(1);
  });

  it('says when values fall outside the bins', () => {
    const html = renderToStaticMarkup(<Histogram {...histogramNormalInput()} />);
    expect(html).toMatch(/Not drawn: \d+ below -0\.3 and \d+ above 0\.3/);
  });
});

describe('wall chart and phase map', () => {
  it('draws one distinct marker per status', () => {
    const html = renderToStaticMarkup(<WallChart axisLabel="k" points={wallPoints()} width={560} height={320} />);
    const runs = html.slice(html.indexOf('<g class="runs">'));
    expect(runs.match(/<title>/g)).toHaveLength(6);
    expect(html).toContain('budget 40k');
    expect(html).toContain('not learned within 40,000 steps');
  });

  it('sets markers at the same x side by side when they would touch', () => {
    expect(dodgeSlots([100, 100, 100, 300], 10)).toEqual([0, 1, -1, 0]);
  });

  it('marks diverged, pending and budget-ran-out cells', () => {
    const html = renderToStaticMarkup(
      <PhaseMap
        xLabel="student width"
        yLabel="k"
        xValues={['16', '64', '256', '1024']}
        yValues={['2', '3', '4']}
        cells={phaseCells()}
        width={560}
        height={320}
      />,
    );
    expect(html.match(/class="cell cell-/g)).toHaveLength(12);
    expect(html.match(/class="cell cell-diverged"/g)).toHaveLength(1);
    expect(html.match(/class="cell cell-pending"/g)).toHaveLength(1);
    expect(html).toContain('student width = 16, k = 4: 1.01 (budget ran out before learning)');
    expect(html).toContain('&lt;0.01');
  });
});
