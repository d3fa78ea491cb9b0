/**
 * Arrow keys over a grid of panels drawn anywhere (the loss chart's small
 * multiples): the next panel in the key's direction as it is seen on the
 * screen, whatever the order of the rows (the small multiples run upward,
 * like the phase map). Home and End take the first and the last panel.
 */
export interface GridPanel {
  row: number;
  col: number;
  x: number;
  y: number;
}

/** The panel the key moves to from `at` (null: the key is not a move, or nothing lies that way). */
export function panelForKey(
  panels: readonly GridPanel[],
  at: { row: number; col: number } | null,
  key: string,
): GridPanel | null {
  if (panels.length === 0) return null;
  const byPosition = [...panels].sort((a, b) => a.y - b.y || a.x - b.x);
  if (key === 'Home') return byPosition[0]!;
  if (key === 'End') return byPosition[byPosition.length - 1]!;
  const moves: Record<string, (p: GridPanel, from: GridPanel) => number | null> = {
    // how far a panel lies in the key's direction (null: not that way), the closest first
    ArrowRight: (p, from) => (Math.abs(p.y - from.y) < 1 && p.x > from.x ? p.x - from.x : null),
    ArrowLeft: (p, from) => (Math.abs(p.y - from.y) < 1 && p.x < from.x ? from.x - p.x : null),
    ArrowDown: (p, from) => (Math.abs(p.x - from.x) < 1 && p.y > from.y ? p.y - from.y : null),
    ArrowUp: (p, from) => (Math.abs(p.x - from.x) < 1 && p.y < from.y ? from.y - p.y : null),
  };
  const distance = moves[key];
  if (!distance) return null;
  const from = at ? panels.find((p) => p.row === at.row && p.col === at.col) : undefined;
  // Nothing selected yet: the first arrow selects the top-left panel.
  if (!from) return byPosition[0]!;
  let best: GridPanel | null = null;
  let bestDistance = Infinity;
  for (const p of panels) {
    const d = distance(p, from);
    if (d !== null && d < bestDistance) {
      best = p;
      bestDistance = d;
    }
  }
  return best;
}
