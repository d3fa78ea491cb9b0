import { describe, expect, it } from 'vitest';
import { expandRuns } from '../../src/core/experiment';
import { parsePermalink } from '../../src/core/permalink';
import { buildRunInputs } from '../../src/core/run-inputs';
import { PreviewBuilder, type PreviewUpdate } from '../../src/worker/previewBuild';
import { previewKey } from '../../src/worker/previewKey';
import { preactivationViews, scienceSetup, teacherViews } from '../../src/worker/views';
import { importGraph, reachedPackages } from './helpers/importGraph';

// Small sizes keep each construction cheap; the logic does not depend on them.
const SMALL = 'n=24&m=12&d=8&k=3&h=8&steps=100&test=64';

function experiment(query: string) {
  const { experiment, notices } = parsePermalink(`${SMALL}&${query}`);
  expect(notices).toEqual([]);
  return experiment;
}

function all(builder: PreviewBuilder, query: string, id = 0): PreviewUpdate[] {
  return [...builder.views(id, experiment(query))];
}

describe('preview key', () => {
  it('ignores the student, training and runtime fields and follows teacher, inputs and seeds', () => {
    const base = previewKey(experiment('vs=none'));
    expect(previewKey(experiment('vs=none&depth=2&lr=0.01&bs=64&backend=cpu'))).toBe(base);
    expect(previewKey(experiment('vs=none&w=uniform'))).not.toBe(base);
    expect(previewKey(experiment('vs=none&c=0.5'))).not.toBe(base);
    expect(previewKey(experiment('vs=none&seed=2'))).not.toBe(base);
    // A derived data seed and the same seed written out draw the same construction.
    const derived = expandRuns(experiment('vs=none'))[0]!.seeds.data;
    expect(previewKey(experiment(`vs=none&dseed=${derived}`))).toBe(base);
  });
});

describe('preview builder', () => {
  it('draws what the training worker draws, for every run', () => {
    const e = experiment('vs=inputs:gaussian,parity,random');
    const updates = [...new PreviewBuilder().views(7, e)];
    const last = updates[updates.length - 1]!;
    expect(last.complete).toBe(true);
    expect(last.id).toBe(7);
    expect(last.key).toBe(previewKey(e));
    const runs = expandRuns(e).map(buildRunInputs);
    expect(last.labels).toEqual(runs.map((r) => r.plan.label));
    expect(last.teachers).toEqual(teacherViews(runs));
    expect(last.preactivations).toEqual(preactivationViews(runs));
    expect(last.science).toEqual(scienceSetup(runs));
    expect(last.science.secrets[0]).toBeNull(); // gaussian
    expect(last.science.secrets[1]).toHaveLength(3);
    expect(last.science.patternWeights[0]!.runs).toEqual([1, 2]);
    expect(last.failed).toEqual([]);
  });

  it('builds each distinct construction once, reports after each, and keeps them for the next request', () => {
    const builder = new PreviewBuilder();
    // Six runs over the student width share one teacher and one construction.
    const widths = all(builder, 'vs=h:4,8,16,32,64,128');
    expect(builder.builds).toBe(1);
    expect(widths).toHaveLength(1);
    expect(widths[0]!.teachers).toHaveLength(1);
    expect(widths[0]!.teachers[0]!.runs).toEqual([0, 1, 2, 3, 4, 5]);
    expect(widths[0]!.preactivations.every((p) => p !== null)).toBe(true);

    // Three constructions (k = 1, 2, 3): a partial report after each but the last.
    const ks = all(builder, 'vs=k:1,2,3');
    expect(builder.builds).toBe(3); // k=3 is the construction built above
    expect(ks.map((u) => u.complete)).toEqual([false, true]);
    expect(ks[0]!.preactivations.filter((p) => p !== null)).toHaveLength(2);
    // The partial report's per-run science is in run order: k=3 (cached, run 2) and k=1 (built first, run 0).
    expect(ks[0]!.science.secrets.map((x) => x?.length ?? null)).toEqual([1, null, 3]);

    all(builder, 'vs=k:1,2,3', 1);
    expect(builder.builds).toBe(3);
  });

  it('reports a run whose inputs cannot be built, and draws the others', () => {
    // Validation refuses m >= n for parity; the preview must not throw on such an edit in progress.
    const { experiment: e } = parsePermalink(`${SMALL}&vs=inputs:gaussian,parity`);
    const broken = { ...e, base: { ...e.base, m: 30 } };
    const [last] = [...new PreviewBuilder().views(0, broken)].slice(-1);
    expect(last!.failed.map((f) => f.run)).toEqual([1]);
    expect(last!.failed[0]!.message).toMatch(/m below/);
    expect(last!.preactivations[0]).not.toBeNull();
    expect(last!.preactivations[1]).toBeNull();
    expect(last!.teachers[0]!.runs).toEqual([0]);
  });
});

describe('the preview worker', () => {
  it('imports no tfjs, however deep (it only draws the teacher)', () => {
    const graph = importGraph(['src/worker/preview.worker.ts']);
    expect(graph.files.size).toBeGreaterThan(5);
    expect([...reachedPackages(graph).keys()].filter((p) => p.startsWith('@tensorflow'))).toEqual([]);
  });
});
