import { describe, expect, it } from 'vitest';
import { panelForKey, type GridPanel } from '../../src/charts/gridKeys';

/** Three rows by two columns, drawn upward like the phase map: row 0 at the bottom. */
const PANELS: GridPanel[] = [0, 1, 2].flatMap((row) =>
  [0, 1].map((col) => ({ row, col, x: col * 100, y: (2 - row) * 80 })),
);
const at = (row: number, col: number) => ({ row, col });
const key = (from: { row: number; col: number } | null, k: string) => {
  const p = panelForKey(PANELS, from, k);
  return p ? [p.row, p.col] : null;
};

describe('arrow keys over the small multiples', () => {
  it('move to the neighbour seen on the screen in the key’s direction', () => {
    expect(key(at(1, 0), 'ArrowRight')).toEqual([1, 1]);
    expect(key(at(1, 1), 'ArrowLeft')).toEqual([1, 0]);
    // rows run upward: up is the next row, down the one before
    expect(key(at(1, 0), 'ArrowUp')).toEqual([2, 0]);
    expect(key(at(1, 0), 'ArrowDown')).toEqual([0, 0]);
  });

  it('stay at the edges, and ignore other keys', () => {
    expect(key(at(2, 1), 'ArrowRight')).toBeNull();
    expect(key(at(2, 1), 'ArrowUp')).toBeNull();
    expect(key(at(0, 0), 'ArrowDown')).toBeNull();
    expect(key(at(0, 0), 'Enter')).toBeNull();
  });

  it('Home and End take the first and last panel on the screen; a first arrow the top-left one', () => {
    expect(key(at(1, 1), 'Home')).toEqual([2, 0]);
    expect(key(at(1, 1), 'End')).toEqual([0, 1]);
    expect(key(null, 'ArrowRight')).toEqual([2, 0]);
    expect(panelForKey([], null, 'Home')).toBeNull();
  });
});
