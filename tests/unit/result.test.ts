import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { runPermalink } from '../../cli/run-permalink';
import { snapshotSteps } from '../../src/core/metrics';
import { parsePermalink } from '../../src/core/permalink';
import {
  experimentKey,
  MAX_RESULT_BYTES,
  parseResult,
  RESULT_FORMAT,
  RESULT_VERSION,
  serialiseResult,
  type ResultFile,
} from '../../src/core/result';

const QUERY = 'n=16&m=8&d=6&k=2&h=8&steps=40&test=64&bs=16&vs=inputs:gaussian,parity';
let result: ResultFile;
let text: string;

beforeAll(async () => {
  const outcome = await runPermalink(QUERY, { backend: 'cpu', strategy: 'auto' });
  if (!outcome.ok) throw new Error('the fixture experiment must run');
  result = outcome.output;
  text = serialiseResult(result);
});

function mutated(edit: (r: Record<string, unknown> & ResultFile) => void): string {
  const copy = JSON.parse(text) as Record<string, unknown> & ResultFile;
  edit(copy);
  return JSON.stringify(copy);
}

function reasons(input: string | unknown): string {
  const parsed = parseResult(input);
  expect(parsed.ok).toBe(false);
  return parsed.ok ? '' : parsed.reasons.join('\n');
}

describe('the result format', () => {
  it('is what the CLI prints, and reads back to the same result and experiment', () => {
    expect(result.format).toBe(RESULT_FORMAT);
    expect(result.version).toBe(RESULT_VERSION);
    const parsed = parseResult(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(serialiseResult(parsed.result)).toBe(text);
    expect(parsed.experiment).toEqual(parsePermalink(QUERY).experiment);
  });

  it('keys experiments by what changes numbers: the backend does not', () => {
    const a = parsePermalink(QUERY).experiment;
    const b = parsePermalink(`${QUERY}&backend=cpu`).experiment;
    expect(experimentKey(a)).toBe(experimentKey(b));
    expect(experimentKey(a)).not.toBe(experimentKey(parsePermalink(`${QUERY}&seed=2`).experiment));
  });

  it('refuses what is not a result, with a reason a user can act on', () => {
    expect(reasons('[1, 2]')).toMatch(/not a Natural Weights Lab result/);
    expect(reasons('{"hello": 1}')).toMatch(/no "format"/);
    expect(reasons('not json at all')).toMatch(/not JSON/);
    expect(reasons(null)).toMatch(/JSON object/);
  });

  it('refuses another format version and says which', () => {
    expect(reasons(mutated((r) => ((r as Record<string, unknown>).version = 2)))).toMatch(/version 2.*newer/);
  });

  it('refuses a truncated file', () => {
    expect(reasons(text.slice(0, Math.floor(text.length / 2)))).toMatch(/truncated/);
  });

  it('refuses a file over the size limit without parsing it', () => {
    expect(reasons(' '.repeat(MAX_RESULT_BYTES + 1))).toMatch(/larger than 20 MB/);
  });

  it('refuses numbers that are not finite or out of range, naming where', () => {
    const inf = text.replace(/"testNmse":[0-9.e+-]+/, '"testNmse":1e999');
    expect(reasons(inf)).toMatch(/runs\[0\]\.curve\[0\]\.testNmse/);
    expect(reasons(mutated((r) => (r.runs[1]!.curve[1]!.testNmse = -1)))).toMatch(/runs\[1\]\.curve\[1\]\.testNmse/);
    expect(reasons(mutated((r) => (r.runs[1]!.final.accuracy = 2)))).toMatch(/accuracy/);
    expect(reasons(mutated((r) => ((r.runs[0]!.curve[0] as unknown as Record<string, unknown>).step = 'NaN')))).toMatch(
      /step/,
    );
  });

  it('refuses a result that does not belong to its permalink', () => {
    expect(reasons(mutated((r) => (r.permalink = 'k=99')))).toMatch(/does not open as it is/);
    expect(reasons(mutated((r) => r.runs.pop()))).toMatch(/has 2 runs but the file holds 1/);
    expect(reasons(mutated((r) => (r.runs[0]!.label = 'inputs=ksat')))).toMatch(/labelled/);
    expect(reasons(mutated((r) => r.runs[0]!.curve.reverse()))).toMatch(/steps must increase/);
    expect(reasons(mutated((r) => (r.config.n = 17)))).toMatch(/do not match its permalink/);
    expect(reasons(mutated((r) => (r.runs[0]!.final.diverged = true)))).toMatch(/diverged/);
  });

  it('holds the secret, the bit influence at snapshot steps and the final student of a construction run', () => {
    const [gaussian, parity] = result.runs;
    const experiment = parsePermalink(QUERY).experiment;
    const { d, k, n, h, steps } = { ...experiment.base };
    expect(gaussian!.secret).toBeUndefined();
    expect(parity!.secret!.length).toBe(k);
    const snaps = snapshotSteps(steps);
    expect(parity!.curve.filter((p) => p.bitInfluence).map((p) => p.step)).toEqual(snaps);
    for (const p of parity!.curve) if (p.bitInfluence) expect(p.bitInfluence.length).toBe(d);
    expect(parity!.final.bitInfluence).toEqual(parity!.curve.at(-1)!.bitInfluence);
    for (const run of result.runs) expect(run.final.student!.firstLayer.total).toBe(n * h);
    expect(parity!.final.student!.secretProjection!.total).toBe(k * h);
    expect(parity!.final.student!.otherProjection!.total).toBe((d - k) * h);
    expect(gaussian!.final.student!.secretProjection).toBeUndefined();
    expect(gaussian!.final.bitInfluence).toBeUndefined();
  });

  it('refuses influences, secrets and student histograms that cannot belong to the run', () => {
    expect(reasons(mutated((r) => r.runs[1]!.final.bitInfluence!.pop()))).toMatch(/one number per hidden bit \(d=6\)/);
    expect(reasons(mutated((r) => (r.runs[1]!.curve[0]!.bitInfluence = [1])))).toMatch(/one number per hidden bit/);
    expect(reasons(mutated((r) => (r.runs[1]!.final.bitInfluence![0] = -0.5)))).toMatch(/bitInfluence/);
    expect(reasons(mutated((r) => (r.runs[1]!.secret = [3, 1])))).toMatch(/distinct bits below d=6, increasing/);
    expect(reasons(mutated((r) => (r.runs[1]!.secret = [1, 6])))).toMatch(/secret/);
    expect(reasons(mutated((r) => (r.runs[1]!.final.student!.firstLayer.total = 1)))).toMatch(
      /more values than its total/,
    );
    expect(reasons(mutated((r) => (r.runs[1]!.final.student!.firstLayer.hi = -1e9)))).toMatch(/hi above lo/);
  });

  it('reads a file written before a runtime field existed, but not one missing any other field', () => {
    const noWorkers = mutated((r) => delete (r.config as unknown as Record<string, unknown>).workers);
    expect(parseResult(noWorkers).ok).toBe(true);
    expect(reasons(mutated((r) => delete (r.config as unknown as Record<string, unknown>).k))).toMatch(/do not match/);
    expect(reasons(mutated((r) => ((r.config as unknown as Record<string, unknown>).zz = 1)))).toMatch(/do not match/);
  });

  it('never throws, whatever the bytes', () => {
    fc.assert(
      fc.property(fc.nat({ max: text.length }), fc.string({ maxLength: 8 }), (at, junk) => {
        const broken = text.slice(0, at) + junk + text.slice(at + junk.length);
        const parsed = parseResult(broken);
        if (parsed.ok) expect(serialiseResult(parsed.result).length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});
