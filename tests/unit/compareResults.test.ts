/**
 * scripts/compare-results.mts and the comparison behind it: identical
 * results agree, a perturbed number is found at its step with its size, a
 * result exported mid-training compares over the steps both hold, and files
 * that are not results or not of one experiment are refused.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { runPermalink } from '../../cli/run-permalink';
import { serialiseResult, type ResultFile } from '../../src/core/result';
import { agree, compareResults, formatComparison, relativeDifference } from '../../src/export/compareResults';

const QUERY = 'n=16&m=8&d=6&k=2&h=8&steps=40&test=64&bs=16&vs=inputs:gaussian,parity';
let a: ResultFile;
let dir: string;

beforeAll(async () => {
  const outcome = await runPermalink(QUERY, { backend: 'cpu', strategy: 'auto' });
  if (!outcome.ok) throw new Error('the fixture experiment must run');
  a = outcome.output;
  dir = mkdtempSync(join(tmpdir(), 'nwl-compare-'));
});

const copy = (r: ResultFile): ResultFile => JSON.parse(serialiseResult(r)) as ResultFile;

function file(name: string, r: ResultFile | string): string {
  const path = join(dir, name);
  writeFileSync(path, typeof r === 'string' ? r : serialiseResult(r));
  return path;
}

async function script(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)('npx', ['tsx', 'scripts/compare-results.mts', ...args]);
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('comparing two results', () => {
  it('relative difference: symmetric, scale-free, zero for equal numbers', () => {
    expect(relativeDifference(1, 1)).toBe(0);
    expect(relativeDifference(0, 0)).toBe(0);
    expect(relativeDifference(1, 1.001)).toBeCloseTo(0.001 / 1.001, 12);
    expect(relativeDifference(1000, 1001)).toBeCloseTo(relativeDifference(1, 1.001), 12);
    expect(relativeDifference(null, null)).toBe(0);
    expect(relativeDifference(null, 1)).toBe(Infinity);
  });

  it('identical results agree with a largest difference of 0', () => {
    const c = compareResults(a, copy(a));
    expect(c.sameExperiment).toBe(true);
    expect(c.largest).toBe(0);
    expect(c.runs.map((r) => r.commonSteps)).toEqual(a.runs.map((r) => r.curve.length));
    expect(agree(c, 0)).toBe(true);
  });

  it('finds a perturbed number at its step, with its size', () => {
    const b = copy(a);
    const p = b.runs[1]!.curve[4]!;
    p.testNmse *= 1 + 2e-4;
    const c = compareResults(a, b);
    expect(c.runs[0]!.testNmse.maxRel).toBe(0);
    expect(c.runs[1]!.testNmse.step).toBe(p.step);
    expect(c.runs[1]!.testNmse.maxRel).toBeCloseTo(2e-4 / (1 + 2e-4), 9);
    expect(agree(c, 1e-4)).toBe(false);
    expect(agree(c, 1e-3)).toBe(true);
    expect(formatComparison(c, 1e-4)).toMatch(/inputs=parity .*2\.00e-4 \(\d+\)[\s\S]*DIFFER/);
  });

  it('compares a result cut short over the steps both hold', () => {
    const b = copy(a);
    for (const r of b.runs) r.curve = r.curve.slice(0, 3);
    const c = compareResults(b, a);
    expect(c.runs.map((r) => r.commonSteps)).toEqual([3, 3]);
    expect(c.runs[0]!.onlyInB).toBe(a.runs[0]!.curve.length - 3);
    expect(agree(c, 0)).toBe(true);
  });

  it('says when the files are of different experiments or backends, or runs do not match', () => {
    const b = copy(a);
    b.permalink = `${a.permalink}&seed=2`;
    expect(compareResults(a, b).sameExperiment).toBe(false);
    expect(agree(compareResults(a, b), 1)).toBe(false);
    const c = copy(a);
    c.backend = 'webgl';
    expect(formatComparison(compareResults(a, c), 1e-5)).toMatch(/backends differ/);
    const d = copy(a);
    d.runs[1]!.label = 'inputs=other';
    expect(compareResults(a, d).unmatched).toEqual(['inputs=parity', 'inputs=other']);
  });
});

describe('scripts/compare-results.mts', () => {
  it('exits 0 when the files agree and 1 when they differ, with the table', async () => {
    const same = await script(file('a.json', a), file('b.json', copy(a)));
    expect(same.code).toBe(0);
    expect(same.stdout).toMatch(/largest relative difference: 0; .*agree/);
    const b = copy(a);
    b.runs[0]!.curve[2]!.trainLoss! *= 1.01;
    const differ = await script(file('a.json', a), file('c.json', b), '--json');
    expect(differ.code).toBe(1);
    const out = JSON.parse(differ.stdout) as { agree: boolean; largest: number };
    expect(out.agree).toBe(false);
    expect(out.largest).toBeCloseTo(0.01 / 1.01, 9);
  }, 60_000);

  it('exits 2 with reasons for a file that is not a result', async () => {
    const bad = await script(file('a.json', a), file('bad.json', '{"format": "something else"}'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /bad\.json is not a result the lab can read:\n {2}- this is not a Natural Weights Lab result/,
    );
  }, 60_000);
});
