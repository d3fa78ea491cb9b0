/**
 * The preview worker's work, without the worker: from an experiment to the
 * teacher pictures, building each distinct teacher and construction once
 * (and keeping the last few, so that stepping back and forth through presets
 * or story steps rebuilds nothing), cheapest first, and reporting after
 * every construction so the first pictures appear before the last is built.
 */
import type { Experiment } from '../core/config';
import { expandRuns, type RunPlan } from '../core/experiment';
import { buildRunInputs, type RunInputs } from '../core/run-inputs';
import type { FromPreview, PreviewPreactivation } from './preview.protocol';
import { pictureKey, previewKey } from './previewKey';
import { preactivationViews, scienceSetup, teacherViews, type ScienceSetup } from './views';

/** Constructions kept between requests; each holds a few MB of sampling tables at the default sizes. */
const CACHE_SIZE = 12;

type Built = RunInputs | { error: string };

export type PreviewUpdate = Extract<FromPreview, { type: 'views' }>;

export class PreviewBuilder {
  private readonly cache = new Map<string, Built>();

  /** How many constructions were built (not taken from the cache) so far; for tests. */
  builds = 0;

  private take(key: string): Built | undefined {
    const hit = this.cache.get(key);
    if (hit) {
      // Map order is insertion order: re-inserting makes this the most recent.
      this.cache.delete(key);
      this.cache.set(key, hit);
    }
    return hit;
  }

  private build(key: string, plan: RunPlan): Built {
    let built: Built;
    try {
      built = buildRunInputs(plan);
    } catch (e) {
      built = { error: e instanceof Error ? e.message : String(e) };
    }
    this.builds++;
    this.cache.set(key, built);
    while (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    return built;
  }

  /**
   * Yields a report after every construction it had to build and a last,
   * complete one. The caller stops iterating when a newer request arrives.
   */
  *views(id: number, experiment: Experiment): Generator<PreviewUpdate> {
    const plans = expandRuns(experiment);
    const keys = plans.map(pictureKey);
    const key = previewKey(experiment);
    const built = new Map<string, Built>();
    const distinct = [...new Set(keys)].map((k) => ({ k, plan: plans[keys.indexOf(k)]! }));
    for (const d of distinct) {
      const hit = this.take(d.k);
      if (hit) built.set(d.k, hit);
    }
    // Gaussian inputs cost nothing to build, constructions about half a second each: cheapest first.
    const todo = distinct
      .filter((d) => !built.has(d.k))
      .sort((a, b) => Number(a.plan.config.inputs !== 'gaussian') - Number(b.plan.config.inputs !== 'gaussian'));
    for (let i = 0; i < todo.length; i++) {
      const d = todo[i]!;
      built.set(d.k, this.build(d.k, d.plan));
      if (i < todo.length - 1) yield report(id, key, plans, keys, built, false);
    }
    yield report(id, key, plans, keys, built, true);
  }
}

function report(
  id: number,
  key: string,
  plans: RunPlan[],
  keys: string[],
  built: ReadonlyMap<string, Built>,
  complete: boolean,
): PreviewUpdate {
  const ready: { run: number; inputs: RunInputs }[] = [];
  const failed: { run: number; message: string }[] = [];
  plans.forEach((plan, run) => {
    const b = built.get(keys[run]!);
    if (!b) return;
    if ('error' in b) failed.push({ run, message: b.error });
    // The shared construction with this run's own plan, so labels and per-run fields are the run's.
    else ready.push({ run, inputs: { ...b, plan } });
  });
  const inputs = ready.map((r) => r.inputs);
  const teachers = teacherViews(inputs).map((t) => ({ ...t, runs: t.runs.map((j) => ready[j]!.run) }));
  const pictures = preactivationViews(inputs);
  const preactivations: (PreviewPreactivation | null)[] = plans.map(() => null);
  ready.forEach((r, j) => (preactivations[r.run] = pictures[j]!));
  const own = scienceSetup(inputs);
  const perRun = <T>(xs: readonly (T | null)[]): (T | null)[] => {
    const out: (T | null)[] = plans.map(() => null);
    ready.forEach((r, j) => (out[r.run] = xs[j] ?? null));
    return out;
  };
  const science: ScienceSetup = {
    secrets: perRun(own.secrets),
    teacherInfluence: perRun(own.teacherInfluence),
    unitPreactivations: perRun(own.unitPreactivations),
    patternWeights: own.patternWeights.map((p) => ({ ...p, runs: p.runs.map((j) => ready[j]!.run) })),
  };
  return {
    type: 'views',
    id,
    key,
    labels: plans.map((p) => p.label),
    teachers,
    preactivations,
    complete,
    failed,
    science,
  };
}
