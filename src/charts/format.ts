/**
 * Number formatting for chart text and geometry. Pixel coordinates are rounded
 * to 2 decimals: finer than any screen can show, and it keeps the SVG snapshot
 * tests stable across floating-point noise.
 */
import { format } from 'd3';

/** A pixel coordinate rounded to 0.01 px (and -0 folded into 0). */
export function px(v: number): number {
  const r = Math.round(v * 100) / 100;
  return r === 0 ? 0 : r;
}

const withCommas = format(',');

/** Trim a number to at most `digits` decimals without trailing zeros. */
function trimmed(v: number, digits: number): string {
  return String(Number(v.toFixed(digits)));
}

/** Step counts for axes: 1, 10, 100, 1k, 2.5k, 10k, 100k, 1M. */
export function formatStepShort(step: number): string {
  const a = Math.abs(step);
  if (a >= 1e6) return `${trimmed(step / 1e6, 2)}M`;
  if (a >= 1e3) return `${trimmed(step / 1e3, 2)}k`;
  return trimmed(step, 2);
}

/** Step counts in running text: 12,500. */
export function formatStepLong(step: number): string {
  return withCommas(Math.round(step));
}

/** A normalised loss with 3 decimals, or words for values that are not numbers. */
export function formatLoss(v: number | null | undefined, digits = 3): string {
  if (v === null || v === undefined) return '–';
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  return v.toFixed(digits);
}

/**
 * Values of a compare axis (k, d, lr, ...): integers as they are, tiny or huge
 * values in exponent notation (1e-4), others with up to 3 significant digits.
 */
export function formatAxisValue(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (Number.isInteger(v) && a < 1e5) return String(v);
  if (a < 1e-3 || a >= 1e5) {
    const [mantissa, exponent] = v.toExponential(2).split('e');
    return `${String(Number(mantissa))}e${Number(exponent)}`;
  }
  return String(Number(v.toPrecision(3)));
}

/** Tick labels of a linear axis, with just enough decimals for the tick spacing. */
export function linearTickFormatter(ticks: readonly number[]): (v: number) => string {
  const step = ticks.length > 1 ? Math.abs(ticks[1]! - ticks[0]!) : 1;
  const decimals = step > 0 ? Math.max(0, Math.min(6, -Math.floor(Math.log10(step) + 1e-9))) : 0;
  return (v) => (Math.abs(v) < step * 1e-9 ? 0 : v).toFixed(decimals);
}

/** A probability as a short label: 0.5, 0.9, 0.05. */
export function formatProbability(p: number): string {
  return trimmed(p, p >= 0.1 ? 2 : 3);
}
