import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HEAT_LEVELS, heatLevel, heatPaths, levelValue } from '../../src/charts/heatPaths';

/** The rectangles of a path written by heatPaths: [x, y, width, height]. */
function rects(d: string): number[][] {
  return [...d.matchAll(/M([-\d.]+),([-\d.]+)h([-\d.]+)v([-\d.]+)h([-\d.]+)z/g)].map((m) => {
    expect(Number(m[5])).toBeCloseTo(-Number(m[3]), 6);
    return [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
  });
}

describe('heat levels', () => {
  it('run from 0 to the top, clamped, non-finite values at 0', () => {
    expect(heatLevel(0, 1)).toBe(0);
    expect(heatLevel(1, 1)).toBe(HEAT_LEVELS - 1);
    expect(heatLevel(7, 1)).toBe(HEAT_LEVELS - 1);
    expect(heatLevel(-1, 1)).toBe(0);
    expect(heatLevel(Number.NaN, 1)).toBe(0);
    expect(levelValue(heatLevel(0.5, 2), 2)).toBeCloseTo(0.5, 1);
  });
});

describe('heat paths', () => {
  const grid = (levels: number[][], gap = 0) => ({
    columns: levels[0]!.map((_, c) => ({ x: c * (10 + gap), width: 10 })),
    rows: levels.map((_, r) => ({ y: r * 5, height: 5 })),
    level: (c: number, r: number) => levels[r]![c]!,
  });

  it('merge a row’s touching cells of one level into one rectangle', () => {
    const paths = heatPaths(grid([[3, 3, 3, 9]]));
    expect(paths.map((p) => p.level)).toEqual([3, 9]);
    expect(rects(paths[0]!.d)).toEqual([[0, 0, 30, 5]]);
    expect(rects(paths[1]!.d)).toEqual([[30, 0, 10, 5]]);
  });

  it('keep apart cells of columns with a gap between them', () => {
    const paths = heatPaths(grid([[3, 3]], 2));
    expect(rects(paths[0]!.d)).toEqual([
      [0, 0, 10, 5],
      [12, 0, 10, 5],
    ]);
  });

  it('draw every cell exactly once, in the colour of its level', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((cols) =>
          fc.array(fc.array(fc.integer({ min: 0, max: HEAT_LEVELS - 1 }), { minLength: cols, maxLength: cols }), {
            minLength: 1,
            maxLength: 5,
          }),
        ),
        fc.boolean(),
        (levels, gapped) => {
          const g = grid(levels, gapped ? 1 : 0);
          const drawn = new Map<string, number>();
          for (const p of heatPaths(g)) {
            for (const [x, y, w] of rects(p.d)) {
              for (const col of g.columns) {
                if (col.x >= x! - 1e-9 && col.x + col.width <= x! + w! + 1e-9) {
                  const key = `${g.columns.indexOf(col)},${y! / 5}`;
                  expect(drawn.has(key)).toBe(false);
                  drawn.set(key, p.level);
                }
              }
            }
          }
          levels.forEach((row, r) => row.forEach((level, c) => expect(drawn.get(`${c},${r}`)).toBe(level)));
        },
      ),
    );
  });
});
