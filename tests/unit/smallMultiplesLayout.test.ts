import { describe, expect, it } from 'vitest';
import { MAX_ASPECT, smallMultiplesLayout, type SmallMultiplesInput } from '../../src/charts/smallMultiplesLayout';
import { lossMultiplesGeometry } from '../../src/charts/lossMultiplesGeometry';
import { chartType } from '../../src/charts/theme';
import { lossCells } from '../../src/components/lossCells';
import { lossLayoutParam, lossLayoutShown, readLossLayout } from '../../src/core/lossLayout';
import type { LossLegendEntry } from '../../src/charts';

const margins = { left: 40, right: 12, top: 6, bottom: 40, yTitleX: 30, xTitleY: 32 };
const input = (over: Partial<SmallMultiplesInput> = {}): SmallMultiplesInput => ({
  width: 900,
  height: 320,
  rows: 3,
  cols: 3,
  margins,
  type: chartType(1),
  minPlotWidth: 72,
  minPlotHeight: 64,
  ...over,
});

const overlaps = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('small multiples layout', () => {
  it('lays out one panel per cell as a grid: rows down, columns across, equal sizes, inside the chart', () => {
    const l = smallMultiplesLayout(input());
    expect(l.wrapped).toBe(false);
    expect(l.panels).toHaveLength(9);
    expect(l.panels.map((p) => [p.row, p.col])).toEqual([
      [0, 0],
      [0, 1],
      [0, 2],
      [1, 0],
      [1, 1],
      [1, 2],
      [2, 0],
      [2, 1],
      [2, 2],
    ]);
    for (const p of l.panels) {
      expect(p.width).toBeCloseTo(l.panels[0]!.width);
      expect(p.height).toBeCloseTo(l.panels[0]!.height);
      expect(p.x).toBeCloseTo(l.panels[p.col]!.x);
      expect(p.y).toBeCloseTo(l.panels[p.row * 3]!.y);
      expect(p.x).toBeGreaterThanOrEqual(margins.left);
      expect(p.x + p.width).toBeLessThanOrEqual(l.width);
      expect(p.y + p.height + margins.bottom).toBeLessThanOrEqual(l.height + 1e-9);
    }
    for (let i = 0; i < 9; i++)
      for (let j = i + 1; j < 9; j++) expect(overlaps(l.panels[i]!, l.panels[j]!)).toBe(false);
    // the height aimed at, when the panels can have it
    expect(l.height).toBeCloseTo(320);
  });

  it('labels the shared axes once: step ticks on the bottom row, loss ticks on the first column', () => {
    const l = smallMultiplesLayout(input());
    expect(l.panels.filter((p) => p.xTicks).map((p) => p.row)).toEqual([2, 2, 2]);
    expect(l.panels.filter((p) => p.yTicks).map((p) => p.col)).toEqual([0, 0, 0]);
  });

  it('puts a header over each column and beside each row, aligned with their panels', () => {
    const l = smallMultiplesLayout(input());
    expect(l.columnHeaders.map((h) => h.index)).toEqual([0, 1, 2]);
    expect(l.rowHeaders.map((h) => h.index)).toEqual([0, 1, 2]);
    l.columnHeaders.forEach((h, c) => {
      expect(h.x).toBeCloseTo(l.panels[c]!.x);
      expect(h.y + h.height).toBeLessThanOrEqual(l.panels[0]!.y);
    });
    l.rowHeaders.forEach((h, r) => {
      expect(h.y).toBeCloseTo(l.panels[r * 3]!.y);
      expect(h.x).toBeGreaterThan(l.panels[2]!.x + l.panels[2]!.width);
      expect(h.x + h.width).toBeLessThanOrEqual(l.width);
    });
  });

  it('keeps wide panels from getting flatter than the largest aspect ratio', () => {
    const l = smallMultiplesLayout(input({ width: 1900 }));
    expect(l.panels[0]!.width / l.panels[0]!.height).toBeCloseTo(MAX_ASPECT);
    expect(l.height).toBeGreaterThan(320);
  });

  it('keeps panels at least their minimum height, so many rows make a taller chart', () => {
    const l = smallMultiplesLayout(input({ rows: 6 }));
    expect(l.panels[0]!.height).toBeGreaterThanOrEqual(64);
    expect(l.height).toBeGreaterThan(320);
  });

  it('wraps columns too narrow to read into fewer, each panel with its own title', () => {
    const l = smallMultiplesLayout(input({ width: 360, cols: 6, rows: 2 }));
    expect(l.wrapped).toBe(true);
    expect(l.perRow).toBeLessThan(6);
    expect(l.columnHeaders).toEqual([]);
    expect(l.rowHeaders).toEqual([]);
    expect(l.panels).toHaveLength(12);
    for (const p of l.panels) {
      expect(p.width).toBeGreaterThanOrEqual(72);
      expect(p.x + p.width).toBeLessThanOrEqual(360 + 1e-9);
      expect(p.title).not.toBeNull();
    }
    for (let i = 0; i < 12; i++)
      for (let j = i + 1; j < 12; j++) expect(overlaps(l.panels[i]!, l.panels[j]!)).toBe(false);
    // the last panels of each column label the step axis
    expect(l.panels.filter((p) => p.xTicks)).toHaveLength(l.perRow);
  });

  it('never throws on nonsense sizes', () => {
    for (const bad of [{ width: 0 }, { width: Number.NaN }, { rows: 0, cols: -2 }, { height: -5 }]) {
      const l = smallMultiplesLayout(input(bad));
      expect(l.panels.length).toBeGreaterThan(0);
      for (const p of l.panels) expect(Number.isFinite(p.x + p.y + p.width + p.height)).toBe(true);
    }
  });
});

const entry = (id: string, values: number[], faint = false): LossLegendEntry => ({
  id,
  label: id,
  color: '#000000',
  status: 'done',
  accuracy: null,
  faint,
  points: values.map((v, i) => ({ step: 10 ** i, testNmse: v, trainLoss: null })),
});

describe('loss small multiples', () => {
  const rows = { field: 'k' as const, values: [2, 3] };
  const cols = { field: 'h' as const, values: [32, 128, 512] };

  it('sorts each curve into the cell of its values, and leaves curves off the grid out', () => {
    const cells = lossCells(rows, cols, [
      { entry: entry('a', [1]), values: { k: 3, h: 128 } },
      { entry: entry('b', [1]), values: { k: 2, h: 32, seed: 2 } },
      { entry: entry('c', [1]), values: { k: 7, h: 32 } },
    ]);
    expect(cells).toHaveLength(6);
    expect(cells.map((c) => c.series.map((s) => s.id))).toEqual([['b'], [], [], [], ['a'], []]);
    expect(cells[4]).toMatchObject({ row: 1, col: 1 });
  });

  it('shares one loss scale: a high curve in one panel raises every panel’s axis', () => {
    const g = lossMultiplesGeometry({
      rowCount: 2,
      colCount: 3,
      cells: [
        { row: 0, col: 0, series: [entry('low', [0.5, 0.2, 0.1])] },
        { row: 1, col: 2, series: [entry('high', [2.4, 2.2, 2.1])] },
      ],
      totalSteps: 100,
      showTrain: false,
      width: 900,
      height: 320,
    });
    expect(g.panels).toHaveLength(6);
    const tops = new Set(g.panels.map((p) => p.geometry.yMax));
    expect([...tops]).toEqual([g.yMax]);
    expect(g.yMax).toBeGreaterThanOrEqual(2.4);
    // every panel's plot is its box: same scales, so a step lands at the same x in each
    for (const p of g.panels) {
      expect(p.geometry.frame.innerWidth).toBeCloseTo(p.box.width);
      expect(p.geometry.frame.innerHeight).toBeCloseTo(p.box.height);
      expect(p.geometry.x(100)).toBeCloseTo(g.panels[0]!.geometry.x(100));
    }
    expect(g.panels[0]!.geometry.lines.map((l) => l.id)).toEqual(['low']);
    expect(g.panels[1]!.geometry.lines).toEqual([]);
  });
});

describe('the loss=… view key', () => {
  it('reads the two layouts, and gives a problem for anything else', () => {
    expect(readLossLayout(null)).toEqual({ layout: null, problem: null });
    expect(readLossLayout('overlay')).toEqual({ layout: 'overlay', problem: null });
    expect(readLossLayout(' Multiples ')).toEqual({ layout: 'multiples', problem: null });
    const bad = readLossLayout('grid');
    expect(bad.layout).toBeNull();
    expect(bad.problem).toMatch(/loss=.*grid.* is no layout of the loss chart/);
  });

  it('defaults to small multiples with two setting axes, and draws one chart otherwise', () => {
    expect(lossLayoutShown(null, 2)).toBe('multiples');
    expect(lossLayoutShown('overlay', 2)).toBe('overlay');
    expect(lossLayoutShown('nonsense', 2)).toBe('multiples');
    expect(lossLayoutShown(null, 1)).toBe('overlay');
    expect(lossLayoutShown('multiples', 0)).toBe('overlay');
    // the default leaves the URL
    expect(lossLayoutParam('multiples')).toBeNull();
    expect(lossLayoutParam('overlay')).toBe('overlay');
  });
});
