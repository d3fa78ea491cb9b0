/**
 * Colours that survive colour-vision deficiency and a washed-out projector.
 *
 * Categorical: the Okabe–Ito palette (Okabe & Ito 2008), distinguishable under
 * protanopia, deuteranopia and tritanopia. Sequential: cividis, built to read
 * the same with and without red-green vision and monotone in lightness, so it
 * also survives greyscale printing.
 */
import { interpolateCividis, interpolateViridis, rgb } from 'd3';

/**
 * The eight Okabe–Ito colours in the order runs take them. Yellow is last and
 * black next to last: yellow lines almost vanish on white (contrast 1.2:1), and
 * black is reserved for axes and text until there are many runs.
 */
export const OKABE_ITO = [
  '#0072B2', // blue
  '#E69F00', // orange
  '#009E73', // bluish green
  '#D55E00', // vermillion
  '#CC79A7', // reddish purple
  '#56B4E9', // sky blue
  '#000000', // black
  '#F0E442', // yellow
] as const;

/** Colour of the run at `index` (0-based); wraps round after eight runs. */
export function runColor(index: number): string {
  const n = OKABE_ITO.length;
  const i = ((Math.trunc(index) % n) + n) % n;
  return OKABE_ITO[i]!;
}

/**
 * Four more colours for groups nine to twelve of a categorical axis: from Paul
 * Tol's colour-blind-safe "muted" scheme, the ones farthest from Okabe–Ito's.
 */
const EXTRA_CATEGORICAL = ['#882255', '#44AA99', '#999933', '#332288'] as const;

/** Viridis from its dark end up to here: the lighter rest reads poorly on white and on a projector. */
export const SEQUENTIAL_END = 0.72;

/** A colour per group, by the group's index. */
export type GroupColors = (group: number) => string;

/**
 * The colours of `count` groups. Along a numeric compare axis (`ordered`)
 * they follow the axis: viridis from light to dark, so a larger value reads
 * darker, monotone in lightness for colour-vision deficiency and greyscale.
 * Otherwise Okabe–Ito, then four more; no two groups share a colour up to
 * twelve groups (tested), and beyond that the colours wrap round.
 */
export function groupColors(count: number, ordered: boolean): GroupColors {
  if (ordered && count > 1) {
    const colours = Array.from({ length: count }, (_, i) =>
      rgb(interpolateViridis(SEQUENTIAL_END * (1 - i / (count - 1)))).formatHex(),
    );
    return (group) => colours[((Math.trunc(group) % count) + count) % count]!;
  }
  const list = count > OKABE_ITO.length ? [...OKABE_ITO, ...EXTRA_CATEGORICAL] : OKABE_ITO;
  return (group) => list[((Math.trunc(group) % list.length) + list.length) % list.length]!;
}

/** Neutral colours shared by every chart. */
export const INK = {
  text: '#1a1a1a',
  axis: '#555555',
  grid: '#e6e6e6',
  reference: '#333333',
  /** runs still in progress on the wall chart */
  pending: '#8c8c8c',
  /** phase-map cells whose run diverged: lighter than any cividis colour */
  diverged: '#d9d9d9',
  /** phase-map cells with no value yet */
  empty: '#f4f4f4',
  halo: '#ffffff',
} as const;

/** The normalised loss range of the phase map's colour scale; larger values take the end colour. */
export const PHASE_DOMAIN: readonly [number, number] = [0, 1.2];

/**
 * Colour of a normalised loss on the phase map. Low loss (learned) is the light
 * end of cividis and high loss (stuck at the trivial level or worse) the dark
 * end, so the failing region reads as the dark "wall".
 */
export function phaseColor(value: number): string {
  const [lo, hi] = PHASE_DOMAIN;
  const t = Number.isFinite(value) ? Math.min(1, Math.max(0, (value - lo) / (hi - lo))) : 1;
  return rgb(interpolateCividis(1 - t)).formatHex();
}

/** WCAG relative luminance of a CSS colour, in [0, 1]. */
export function relativeLuminance(color: string): number {
  const c = rgb(color);
  const channel = (v: number): number => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

/**
 * Black or white, whichever contrasts more with `background`. The threshold
 * 0.179 is where the WCAG contrast ratios against black and against white are
 * equal.
 */
export function contrastingText(background: string): '#000000' | '#ffffff' {
  return relativeLuminance(background) > 0.179 ? '#000000' : '#ffffff';
}
