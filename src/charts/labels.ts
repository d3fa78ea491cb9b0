/**
 * Label layout without a DOM: text widths are estimated from the character
 * count, which lets the geometry run (and be tested) in Node. The estimate is
 * deliberately generous (0.6 em per character, wider than the digits and most
 * letters of a sans-serif face), so labels judged not to overlap really don't.
 */

const EM_PER_CHAR = 0.6;

export function estimateTextWidth(text: string, fontSize: number): number {
  return [...text].length * EM_PER_CHAR * fontSize;
}

export interface TickLabel {
  value: number;
  /** position along the axis in px */
  pos: number;
  label: string;
}

/**
 * Keep every k-th tick, with the smallest k at which no two labels overlap:
 * a regular pattern (1, 100, 10k) reads better than greedy gaps.
 * `extent` gives a label's size along the axis (its width on a horizontal
 * axis, its height on a vertical one); `gap` is the space required between labels.
 */
export function thinTicks<T extends TickLabel>(ticks: readonly T[], extent: (t: T) => number, gap: number): T[] {
  const sorted = [...ticks].sort((a, b) => a.pos - b.pos);
  for (let stride = 1; stride <= Math.max(1, sorted.length); stride++) {
    const kept = sorted.filter((_, i) => i % stride === 0);
    let ok = true;
    for (let i = 1; i < kept.length && ok; i++) {
      const a = kept[i - 1]!;
      const b = kept[i]!;
      ok = b.pos - extent(b) / 2 - (a.pos + extent(a) / 2) >= gap;
    }
    if (ok) return kept;
  }
  return sorted.slice(0, 1);
}

/** Break text into lines no wider than `maxWidth` px (a single over-long word gets its own line). */
export function wrapText(text: string, maxWidth: number, fontSize: number): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    const next = line ? `${line} ${w}` : w;
    if (line && estimateTextWidth(next, fontSize) > maxWidth) {
      lines.push(line);
      line = w;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** A text's anchor point: `y` is its baseline, `anchor` its text-anchor. */
export interface LabelSpot {
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
}

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The box a one-line text occupies (cap height above the baseline, descenders below). */
export function textBox(spot: LabelSpot, width: number, fontSize: number): Box {
  const left = spot.anchor === 'start' ? spot.x : spot.anchor === 'end' ? spot.x - width : spot.x - width / 2;
  return { left, right: left + width, top: spot.y - fontSize * 0.8, bottom: spot.y + fontSize * 0.25 };
}

export function boxesOverlap(a: Box, b: Box, gap = 0): boolean {
  return a.left < b.right + gap && b.left < a.right + gap && a.top < b.bottom + gap && b.top < a.bottom + gap;
}

/**
 * Give each label the first of its candidate spots that stays inside `bounds`
 * and overlaps neither a label already placed nor a box in `avoid`. A label
 * with no free spot is dropped (null): a missing label is better than two
 * unreadable ones.
 */
export function placeLabels(
  labels: readonly { text: string; fontSize: number; candidates: readonly LabelSpot[] }[],
  bounds: Box,
  avoid: readonly Box[] = [],
  gap = 2,
): (LabelSpot | null)[] {
  const taken: Box[] = [...avoid];
  return labels.map((l) => {
    const width = estimateTextWidth(l.text, l.fontSize);
    for (const spot of l.candidates) {
      const box = textBox(spot, width, l.fontSize);
      const inside =
        box.left >= bounds.left && box.right <= bounds.right && box.top >= bounds.top && box.bottom <= bounds.bottom;
      if (inside && !taken.some((t) => boxesOverlap(t, box, gap))) {
        taken.push(box);
        return spot;
      }
    }
    return null;
  });
}

/** The first (longest) wording that fits in `room` px, else the last (shortest). */
export function fitText(variants: readonly string[], fontSize: number, room: number): string {
  return variants.find((t) => estimateTextWidth(t, fontSize) <= room) ?? variants[variants.length - 1] ?? '';
}
