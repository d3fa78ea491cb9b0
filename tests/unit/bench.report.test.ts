/**
 * The benchmark's report (bench/lib/report.mts, each figure's print): a
 * report saved before the split into one module per figure still prints
 * byte for byte as it did (the expected text was printed by the old
 * bench/run.mts from the same file), new figures print beside the old, and
 * the targets are judged as BENCHMARKS.md says.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIGURES } from '../../bench/figures/index.mjs';
import { sameKernels } from '../../bench/figures/kernelsPerRunStep.mjs';
import { parseArgs, UsageError } from '../../bench/lib/args.mjs';
import { softwareAdapterReason } from '../../bench/lib/gpu.mjs';
import { parseSavedReport, readable, type Report } from '../../bench/lib/report.mjs';
import { median, round } from '../../bench/lib/stats.mjs';
import { goal, goalText, meets, targetRows } from '../../bench/lib/targets.mjs';

const fixtures = path.join(import.meta.dirname, 'fixtures');
const saved = readFileSync(path.join(fixtures, 'bench-report-2026-11-28.json'), 'utf8');
const printedBefore = readFileSync(path.join(fixtures, 'bench-report-2026-11-28.txt'), 'utf8');

describe('readable report', () => {
  it('prints a report saved before the split exactly as the old runner did', () => {
    expect(readable(parseSavedReport(saved), FIGURES) + '\n').toBe(printedBefore);
  });

  it("tolerates npm's banner before the object", () => {
    const r = parseSavedReport(`\n> natural-weights-lab@0.1.0 bench\n> tsx bench/run.mts\n\n${saved}`);
    expect(r.date).toBe('2026-11-28T00:42:45.472Z');
    expect(() => parseSavedReport('no object here')).toThrow(/no JSON object/);
  });

  it('prints the new figures, pending and measured, and a figure it does not know as JSON', () => {
    const r = parseSavedReport(saved) as Report;
    r.figures = {
      poolSpeedup: { pending: 'pending: no workers field', definition: 'd' },
      parityWallSeconds: {
        seconds: 412.3,
        extrapolated: true,
        reachedStep: 21000,
        paceStepsPerSecond: 72.5,
        timeoutSeconds: 300,
        fromFirstStepToLastSeconds: 405,
        fromClickToBackendChosenSeconds: 3.1,
        backend: 'wasm',
        workers: 'no workers field',
        runs: 6,
        notices: [],
        query: '/?steps=40000&vs=k:2,3,4,5,6,7',
        definition: 'd',
      },
      defaultExperimentVsPyTorch: {
        ratio: 0.114,
        appSeconds: 64,
        extrapolated: false,
        backend: 'wasm',
        workers: 'no workers field',
        idealSeconds: 7.3,
        runs: 3,
        runSteps: 24000,
        cores: 2,
        anchorRunStepsPerSecond: 1644,
        anchorBefore: 1650,
        anchorAfter: 1638,
        torch: '1.13',
        definition: 'd',
      },
      someFutureFigure: { x: 1 },
    };
    r.targets = [{ figure: 'poolSpeedup', target: '>= 1.7', value: null, met: null, note: 'pending' }];
    const text = readable(r, FIGURES);
    // Registry order, whatever the order of the keys in the file.
    expect(text.indexOf('defaultExperimentVsPyTorch: 0.114')).toBeLessThan(text.indexOf('poolSpeedup: pending'));
    expect(text).toContain('parityWallSeconds: 412.3 s (extrapolated from step 21000 at 72.5 steps/s after 300 s)');
    expect(text).toContain('ideal PyTorch 7.3 s = 24000 run-steps / (2 cores x 1644 run-steps/s at R=3');
    expect(text).toContain('someFutureFigure: {"x":1}');
    expect(text).toMatch(/poolSpeedup\s+>= 1\.7\s+—\s+— pending/);
  });

  it('gives every figure an id, a description and a printer, ids unique', () => {
    const ids = FIGURES.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const f of FIGURES) expect(f.description.length).toBeGreaterThan(20);
    for (const id of ['poolSpeedup', 'parityWallSeconds', 'kernelsPerRunStep', 'webgpu', 'parityWallVsPyTorch'])
      expect(ids).toContain(id);
  });
});

describe('targets', () => {
  it('keeps the decimals of the target as written', () => {
    expect(goalText(goal('>=', '0.90'))).toBe('>= 0.90');
    expect(() => goal('>=', 'fast')).toThrow(/needs a number/);
  });

  it('judges each comparison, and nothing without a value', () => {
    expect(meets(goal('>=', '0.45'), 0.45)).toBe(true);
    expect(meets(goal('>=', '0.45'), 0.449)).toBe(false);
    expect(meets(goal('<', '50'), 50)).toBe(false);
    expect(meets(goal('<=', '15'), 15)).toBe(true);
    expect(meets(goal('=', '0'), 0)).toBe(true);
    expect(meets(goal('=', '0'), 0.001)).toBe(false);
    expect(meets(goal('>=', '1.7'), null)).toBeNull();
    expect(meets(goal('>=', '1.7'), Number.NaN)).toBeNull();
  });

  it('judges the exact value, lists unmeasured targets and leaves unjudged ones open', () => {
    const specs = [
      { label: 'a', goal: goal('>=', '0.90') },
      { label: 'b', goal: goal('>=', '0.90') },
      { label: 'c', goal: goal('<=', '20') },
    ];
    const rows = targetRows(
      specs,
      [
        { label: 'a', value: 0.9, exact: 0.897 },
        { label: 'c', value: 12, judged: false, note: 'the app ran on cpu' },
      ],
      'pending',
    );
    expect(rows).toEqual([
      { figure: 'a', target: '>= 0.90', value: 0.9, met: false },
      { figure: 'b', target: '>= 0.90', value: null, met: null, note: 'pending' },
      { figure: 'c', target: '<= 20', value: 12, met: null, note: 'the app ran on cpu' },
    ]);
  });
});

describe('command line', () => {
  const known = ['a', 'b', 'c'];
  it('keeps every flag and orders --only as the registry', () => {
    const args = parseArgs(
      ['--json', '--quick', '--build', '--only', 'c,a', '--note=busy box', '--print', 'r.json'],
      known,
    );
    expect(args).toMatchObject({
      json: true,
      quick: true,
      build: true,
      only: ['a', 'c'],
      note: 'busy box',
      print: 'r.json',
    });
    expect(parseArgs([], known).only).toEqual(known);
  });

  it('refuses what it does not know, saying what it knows', () => {
    expect(() => parseArgs(['--only', 'a,zz'], known)).toThrow(new UsageError('unknown figure zz; known: a, b, c'));
    expect(() => parseArgs(['--fast'], known)).toThrow(/unknown option --fast/);
    expect(() => parseArgs(['--note'], known)).toThrow(/--note needs a value/);
    expect(() => parseArgs(['--only', ','], known)).toThrow(/--only needs figure names/);
  });
});

describe('small pure parts', () => {
  it('median and round', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNaN();
    expect(round(0.8967, 2)).toBe(0.9);
    expect(round(Number.POSITIVE_INFINITY, 2)).toBe(Number.POSITIVE_INFINITY);
  });

  it('tells a software WebGPU adapter from a GPU', () => {
    const swiftshader = {
      vendor: 'google',
      architecture: 'swiftshader',
      device: '',
      description: 'SwiftShader Device (Subzero)',
      isFallbackAdapter: false,
    };
    expect(softwareAdapterReason(swiftshader)).toMatch(/software renderer/);
    expect(
      softwareAdapterReason({ ...swiftshader, architecture: '', description: '', isFallbackAdapter: true }),
    ).toMatch(/fallback/);
    expect(
      softwareAdapterReason({
        vendor: 'nvidia',
        architecture: 'ampere',
        device: '',
        description: '',
        isFallbackAdapter: false,
      }),
    ).toBeNull();
  });

  it('counts the engine unchanged only when its kernels match tfjs’ optimizer name for name', () => {
    expect(sameKernels({ Add: 16, Multiply: 24 }, { Multiply: 24, Add: 16 })).toBe(true);
    expect(sameKernels({ Add: 16, Multiply: 24 }, { Add: 16, Multiply: 24, FusedAdam: 4 })).toBe(false);
    expect(sameKernels({ Add: 16 }, { Add: 12 })).toBe(false);
  });
});
