/**
 * What the worker computes for the page's histograms, so that the page only
 * draws: the teachers' weights, each run's teacher pre-activations, and each
 * student's first-layer weights in fixed bins; and, for the construction
 * inputs (issue 10), the teacher's bit influence, the pre-activations of
 * pattern and dead units beside the same units under Gaussian inputs, and
 * the pattern units' weights against all the others with a two-sample test.
 *
 * Every function here is pure and cheap (milliseconds at the default sizes):
 * the preview worker calls them to draw the teacher before any training.
 */
import type { Config } from '../core/config';
import { makeWeightDistribution } from '../core/distributions';
import { weightStd } from '../core/weightScale';
import { bitInfluenceOfBits, influenceProbe, influenceStream, roundInfluence } from '../core/influence';
import type { UnitRole, UnitRoleName } from '../core/inputs/types';
import { histogram } from '../core/metrics';
import type { RunInputs } from '../core/run-inputs';
import { Rng } from '../core/rng';
import { ksTwoSample, type KsResult } from '../core/stats';
// From student.ts, not snapshots.ts: the preview worker imports this file and must not pull in tfjs.
import { studentWeightRange as engineWeightRange } from '../train/student';
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

const previewStream = (r: RunInputs): Rng => new Rng(r.plan.seeds.data).fork('preview');

export function preactivationViews(runs: readonly RunInputs[]): HistogramData[] {
  return runs.map((r) => {
    const values = r.sampler.teacherPreactivations(previewStream(r), PREVIEW_INPUTS);
    const [lo, hi] = paddedRange(values);
    return toHistogramData(values, lo, hi);
  });
}

/** Fixed bins for a student's first layer: five times its initial spread, so growth stays visible. */
export function studentWeightRange(c: Config): [number, number] {
  return engineWeightRange(c);
}

// ---------------------------------------------------------------------------
// The construction's pictures (issue 10, items 1-2)

/** The secret bits S behind a run's inputs (parity, random labels), increasing; null otherwise. */
export function secretView(r: RunInputs): number[] | null {
  return r.sampler.secret ? [...r.sampler.secret] : null;
}

/**
 * The teacher's influence of every hidden bit (docs/science.md 2.6) on the same
 * fixed sample the students are measured on, from the label function of
 * the bits (no input formed): 1 on S and 0 elsewhere under parity, a
 * probability under ksat, and null under random labels (no teacher function
 * of the inputs) and gaussian inputs.
 */
export function teacherInfluenceView(r: RunInputs): number[] | null {
  const { construction } = r.sampler;
  const labels = r.sampler.teacherOfBits?.();
  if (!construction || !labels) return null;
  const probe = influenceProbe(construction, influenceStream(r.plan.seeds.data));
  return roundInfluence(bitInfluenceOfBits(probe, labels));
}

/**
 * A window on the pre-activations that shows the forced values: 1 where a
 * pattern unit fires, 0 and the small negative integers where it does not,
 * -1 the dead units' ceiling. Fixed, so that runs and inputs compare.
 */
export const UNIT_PREACTIVATION_RANGE: readonly [number, number] = [-3, 2];
/**
 * Bins of 0.05 centred on the integers (edges at -3.025, -2.975, ...): every
 * value the construction forces gets a bar of its own, whichever side of the
 * integer its rounding falls.
 */
const UNIT_BIN = 0.05;
/** Bins of 0.2 under Gaussian inputs: a continuous picture wants fewer, fuller bins. */
const GAUSSIAN_UNIT_BIN = 0.2;

export type UnitKind = UnitRoleName;

export interface UnitGroupView {
  kind: UnitKind;
  /** hidden units of the teacher in the group */
  units: number;
  /** their pre-activations in UNIT_PREACTIVATION_RANGE; below and above say what lies outside */
  histogram: HistogramData;
}

export interface UnitPreactivationView {
  /** under the run's own inputs */
  construction: UnitGroupView[];
  /** the same units under Gaussian inputs x ~ N(0, sigma^2 I), sigma from the run's config */
  gaussian: UnitGroupView[];
}

function groupViews(pre: Float64Array, m: number, roles: readonly UnitRole[], bin: number): UnitGroupView[] {
  const count = pre.length / m;
  const lo = UNIT_PREACTIVATION_RANGE[0] - bin / 2;
  const hi = UNIT_PREACTIVATION_RANGE[1] + bin / 2;
  const bins = Math.round((hi - lo) / bin);
  return roles.map(({ role: kind, units }) => {
    const values = new Float64Array(count * units.length);
    let at = 0;
    for (let s = 0; s < count; s++) for (const i of units) values[at++] = pre[s * m + i]!;
    return { kind, units: units.length, histogram: toHistogramData(values, lo, hi, bins) };
  });
}

/** Pre-activations <w_i, x> (count x m) for x ~ N(0, sigma^2 I_n), from the run's preview stream. */
function gaussianPreactivations(r: RunInputs, count: number): Float64Array {
  const { n, m, W } = r.teacher;
  const rng = previewStream(r).fork('gaussian');
  const x = new Float64Array(n);
  const out = new Float64Array(count * m);
  for (let s = 0; s < count; s++) {
    rng.fillNormal(x, r.plan.config.sigma);
    for (let row = 0; row < n; row++) {
      const xr = x[row]!;
      for (let i = 0; i < m; i++) out[s * m + i]! += xr * W[row * m + i]!;
    }
  }
  return out;
}

/** Per construction run: its units' pre-activations by role, and the same units under Gaussian inputs; null otherwise. */
export function unitPreactivationViews(runs: readonly RunInputs[]): (UnitPreactivationView | null)[] {
  return runs.map((r) => {
    const roles = r.sampler.unitRoles;
    if (!roles) return null;
    const m = r.teacher.m;
    const own = r.sampler.teacherPreactivations(previewStream(r), PREVIEW_INPUTS);
    return {
      construction: groupViews(own, m, roles, UNIT_BIN),
      gaussian: groupViews(gaussianPreactivations(r, PREVIEW_INPUTS), m, roles, GAUSSIAN_UNIT_BIN),
    };
  });
}

export interface PatternWeightsView {
  /** the runs whose teacher and pattern units these are */
  runs: number[];
  /** the pattern units' weights, in the bins of the run's teacher histogram (teacherViews) */
  pattern: HistogramData;
  patternUnits: number;
  otherUnits: number;
  /** two-sample Kolmogorov-Smirnov test of the pattern units' weights against the other units' */
  ks: KsResult;
}

/**
 * For parity and random labels: the weights of the teacher units that carry
 * the parity (the pattern units, picked by the construction) against those
 * of every other unit. The weights were drawn before the construction chose
 * its units, so the test should find nothing: the units that carry the
 * parity are as natural as the rest.
 */
export function patternWeightViews(runs: readonly RunInputs[]): PatternWeightsView[] {
  const byKey = new Map<string, PatternWeightsView>();
  runs.forEach((r, i) => {
    const units = r.sampler.unitRoles?.find((g) => g.role === 'pattern')?.units;
    if (!units) return;
    const key = JSON.stringify([teacherKey(r), units]);
    const seen = byKey.get(key);
    if (seen) {
      seen.runs.push(i);
      return;
    }
    const { n, m, W } = r.teacher;
    const isPattern = new Uint8Array(m);
    for (const u of units) isPattern[u] = 1;
    const pattern = new Float64Array(n * units.length);
    const other = new Float64Array(n * (m - units.length));
    let p = 0;
    let o = 0;
    for (let row = 0; row < n; row++) {
      for (let u = 0; u < m; u++) {
        if (isPattern[u]) pattern[p++] = W[row * m + u]!;
        else other[o++] = W[row * m + u]!;
      }
    }
    const c = r.plan.config;
    const [lo, hi] = makeWeightDistribution(c.w, weightStd(c.wscale, c.n), { nu: c.wnu, p: c.wp }).support;
    byKey.set(key, {
      runs: [i],
      pattern: toHistogramData(pattern, lo, hi),
      patternUnits: units.length,
      otherUnits: m - units.length,
      ks: ksTwoSample(pattern, other),
    });
  });
  return [...byKey.values()];
}

/** Everything of the construction the page draws before and beside training, per run. */
export interface ScienceSetup {
  secrets: (number[] | null)[];
  teacherInfluence: (number[] | null)[];
  unitPreactivations: (UnitPreactivationView | null)[];
  patternWeights: PatternWeightsView[];
}

export function scienceSetup(runs: readonly RunInputs[]): ScienceSetup {
  return {
    secrets: runs.map(secretView),
    teacherInfluence: runs.map(teacherInfluenceView),
    unitPreactivations: unitPreactivationViews(runs),
    patternWeights: patternWeightViews(runs),
  };
}

/** The typed arrays of a ScienceSetup, for transferring it. */
export function scienceTransfer(s: ScienceSetup): Transferable[] {
  const hs: HistogramData[] = [
    ...s.unitPreactivations.flatMap((v) => (v ? [...v.construction, ...v.gaussian].map((g) => g.histogram) : [])),
    ...s.patternWeights.map((p) => p.pattern),
  ];
  return hs.flatMap((h) => [h.edges.buffer, h.counts.buffer]);
}
