/**
 * What the worker computes for the page's histograms, so that the page only
 * draws: the teachers' weights, each run's teacher pre-activations, and each
 * student's first-layer weights in fixed bins.
 */
import { makeWeightDistribution, weightStd } from '../core/distributions';
import { histogram } from '../core/metrics';
import type { RunInputs } from '../core/run-inputs';
import { Rng } from '../core/rng';
import type { Config } from '../core/config';
import { initStd } from '../train/student';
import type { HistogramData, TeacherView } from './protocol';

export const HISTOGRAM_BINS = 60;
/** Teacher pre-activations per run: inputs drawn for the picture only, never for training. */
const PREVIEW_INPUTS = 256;

export function toHistogramData(
  values: ArrayLike<number>,
  lo: number,
  hi: number,
  bins = HISTOGRAM_BINS,
): HistogramData {
  const h = histogram(values, lo, hi, bins);
  return { edges: h.edges, counts: Float64Array.from(h.counts), total: h.total, below: h.below, above: h.above };
}

function teacherKey(r: RunInputs): string {
  const c = r.plan.config;
  return JSON.stringify([c.n, c.m, c.w, c.wscale, c.wnu, c.wp, r.plan.seeds.teacher]);
}

export function teacherViews(runs: readonly RunInputs[]): TeacherView[] {
  const byKey = new Map<string, TeacherView>();
  runs.forEach((r, i) => {
    const key = teacherKey(r);
    const seen = byKey.get(key);
    if (seen) {
      seen.runs.push(i);
      return;
    }
    const c = r.plan.config;
    const std = weightStd(c.wscale, c.n);
    const dist = makeWeightDistribution(c.w, std, { nu: c.wnu, p: c.wp });
    const [lo, hi] = dist.support;
    byKey.set(key, { runs: [i], weights: toHistogramData(r.teacher.W, lo, hi), shape: c.w, std, nu: c.wnu, p: c.wp });
  });
  return [...byKey.values()];
}

/** Range of the data with a little margin, so that every forced value has a visible bar. */
function paddedRange(values: Float64Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [-1, 1];
  const pad = Math.max(1e-6, 0.03 * (hi - lo));
  return [lo - pad, hi + pad];
}

export function preactivationViews(runs: readonly RunInputs[]): HistogramData[] {
  return runs.map((r) => {
    const values = r.sampler.teacherPreactivations(new Rng(r.plan.seeds.data).fork('preview'), PREVIEW_INPUTS);
    const [lo, hi] = paddedRange(values);
    return toHistogramData(values, lo, hi);
  });
}

/** Fixed bins for a student's first layer: five times its initial spread, so growth stays visible. */
export function studentWeightRange(c: Config): [number, number] {
  const std = initStd(c.act, c.n, false);
  return [-5 * std, 5 * std];
}
