/**
 * The recordings shipped in public/recorded/ never drift from the engine:
 * every preset and story step has one, and its recorded curve equals a
 * fresh run of the same permalink on the same code path, within float32
 * tolerance, on its first evaluation points (only those are trained, so the
 * test stays fast however long the preset). A missing recording, or one the
 * engine no longer reproduces (stale), fails here; `npm run -s record`
 * re-records what is out of date.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../src/components/presets';
import { STORY } from '../../src/components/storySteps';
import { expandRuns } from '../../src/core/experiment';
import { parsePermalink } from '../../src/core/permalink';
import { parseRecordedIndex } from '../../src/core/recordedIndex';
import { experimentKey, parseResult } from '../../src/core/result';
import { buildRunInputs } from '../../src/core/run-inputs';
import { drawTestSet } from '../../src/train';
import { initBackend } from '../../src/train/backend';
import { ExperimentDriver } from '../../src/train/driver';

/** Steps trained per recording: the first evaluation points (0, 1, 2, 5, ..., 100 for an 8000-step budget). */
const CHECKED_STEPS = 100;
/** float32 arithmetic on the same backend, then 7 significant digits in the file. */
const REL_TOL = 1e-4;
const ABS_TOL = 1e-6;

const indexText = readFileSync('public/recorded/index.json', 'utf8');
const index = parseRecordedIndex(indexText);

const experiments = [
  ...PRESETS.map((p) => ({ id: p.id, query: p.query, bySweep: p.recordedBy === 'sweep' })),
  ...STORY.map((s, i) => ({ id: `story ${i + 1}`, query: s.query, bySweep: false })),
]
  .map((x) => ({ ...x, experiment: parsePermalink(x.query).experiment }))
  .map((x) => ({ ...x, key: experimentKey(x.experiment) }));
// Story steps that show a preset's experiment share its recording: check each recording once.
const unique = experiments.filter((x, i) => experiments.findIndex((y) => y.key === x.key) === i);
const recorded = unique.filter((x) => !x.bySweep);
const bySweep = unique.filter((x) => x.bySweep);
/** Runs of a sweep's recording whose construction is rebuilt here: one per value of the first axis, seeds spread. */
const SWEEP_RUNS_CHECKED = 6;

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= ABS_TOL + REL_TOL * Math.abs(b);
}

describe('recorded results', () => {
  it('has an index, and every preset and story step is recorded in it', () => {
    expect(index.ok).toBe(true);
    if (!index.ok) return;
    for (const x of experiments) {
      const file = index.index.recordings[x.key];
      expect(file, `${x.id} (?${x.key}) is not recorded: npm run -s record`).toBeDefined();
      expect(existsSync(`public/recorded/${file}`), `${x.id}: public/recorded/${file} is missing`).toBe(true);
    }
  });

  it.each(recorded.map((x) => [x.id, x] as const))(
    '%s: the recording matches a fresh run on its first points',
    async (_id, x) => {
      if (!index.ok) throw new Error('no index');
      const file = index.index.recordings[x.key]!;
      const read = parseResult(readFileSync(`public/recorded/${file}`, 'utf8'));
      expect(read.ok).toBe(true);
      if (!read.ok) return;
      expect(experimentKey(read.experiment)).toBe(x.key);

      const backend = await initBackend(read.result.backend === 'cpu' ? 'cpu' : 'wasm');
      expect(backend.name).toBe(read.result.backend);
      const driver = await ExperimentDriver.create(expandRuns(x.experiment).map(buildRunInputs), 'auto');
      const fresh = read.result.runs.map(() => [] as { step: number; testNmse: number; trainLoss: number | null }[]);
      try {
        for (const p of (await driver.start()).points) fresh[p.run]!.push(p);
        while (driver.step < CHECKED_STEPS && !driver.done) {
          for (const p of (await driver.advance(CHECKED_STEPS)).points) fresh[p.run]!.push(p);
        }
      } finally {
        driver.dispose();
      }
      read.result.runs.forEach((run, i) => {
        const got = fresh[i]!;
        expect(got.length).toBeGreaterThan(3);
        got.forEach((p, j) => {
          const rec = run.curve[j]!;
          expect(rec.step).toBe(p.step);
          expect(
            close(rec.testNmse, p.testNmse),
            `${run.label} test NMSE at step ${p.step}: recorded ${rec.testNmse}, fresh ${p.testNmse}`,
          ).toBe(true);
          if (p.trainLoss === null) expect(rec.trainLoss).toBeNull();
          else expect(close(rec.trainLoss!, p.trainLoss), `${run.label} train loss at step ${p.step}`).toBe(true);
        });
      });
    },
  );

  it.each(bySweep.map((x) => [x.id, x] as const))(
    '%s: the sweep trained the lab’s own constructions, and says it is PyTorch',
    (_id, x) => {
      if (!index.ok) throw new Error('no index');
      const read = parseResult(readFileSync(`public/recorded/${index.index.recordings[x.key]!}`, 'utf8'));
      expect(read.ok).toBe(true);
      if (!read.ok) return;
      expect(experimentKey(read.experiment)).toBe(x.key);
      expect(read.result.engine).toBe('pytorch');
      const plans = expandRuns(x.experiment);
      expect(read.result.runs.map((r) => r.label)).toEqual(plans.map((p) => p.label));
      const stride = Math.floor(plans.length / SWEEP_RUNS_CHECKED) + 1;
      for (let i = 0; i < plans.length; i += stride) {
        const { sampler } = buildRunInputs(plans[i]!);
        const test = drawTestSet(sampler, plans[i]!.seeds, plans[i]!.config.test);
        const run = read.result.runs[i]!;
        expect(run.secret, `${run.label}: its secret`).toEqual(sampler.secret ? [...sampler.secret] : undefined);
        expect(close(run.labelVariance ?? NaN, test.labelVariance), `${run.label}: its label variance`).toBe(true);
      }
    },
  );
});
