/** A PyTorch sweep's result (tools/sweep/): the lab reads it, keeps its engine fields, and names its runs by them. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseResult, serialiseResult } from '../../src/core/result';
import { foreignEngine, recordedLossSeries, recordedWallPoints, recordedWord } from '../../src/components/recordedRuns';
import { groupWallMedian, recordedMembers, seedGroups } from '../../src/components/seedGroups';
import { wallGeometry } from '../../src/charts/wallGeometry';

const TEXT = readFileSync('tests/unit/fixtures/sweep-tiny.json', 'utf8');

describe('a sweep’s result file', () => {
  it('parses, keeps engine, device and versions, and serialises to the same bytes', () => {
    const parsed = parseResult(TEXT);
    if (!parsed.ok) throw new Error(parsed.reasons.join('; '));
    expect(parsed.result).toMatchObject({ backend: 'pytorch', engine: 'pytorch', device: 'cpu' });
    expect(Object.keys(parsed.result.versions ?? {})).toEqual(['torch', 'distributed', 'python']);
    expect(`${serialiseResult(parsed.result)}\n`).toBe(TEXT);
  });

  it('names its runs by engine and device; the lab’s own stay "recorded"', () => {
    const parsed = parseResult(TEXT);
    if (!parsed.ok) throw new Error('unreadable fixture');
    expect(foreignEngine(parsed.result)).toBe('PyTorch on cpu');
    expect(recordedWord({ engine: 'pytorch', device: 'cuda' })).toBe('recorded, PyTorch on cuda');
    expect(recordedWord({})).toBe('recorded');
    expect(recordedLossSeries(parsed.result).map((s) => s.recordedWord)).toEqual([
      'recorded, PyTorch on cpu',
      'recorded, PyTorch on cpu',
    ]);
  });

  it('names its engine on the wall chart: each run and each median over seeds', () => {
    const parsed = parseResult(TEXT);
    if (!parsed.ok) throw new Error('unreadable fixture');
    const axis = parsed.result.axes[0]!;
    const points = recordedWallPoints(axis, parsed.result);
    expect(points.map((p) => p.recordedWord)).toEqual(['recorded, PyTorch on cpu', 'recorded, PyTorch on cpu']);
    const geometry = wallGeometry({ axisLabel: 'k', points, medians: [], width: 600, height: 300 });
    expect(geometry.markers.map((m) => m.title)).toEqual([
      expect.stringMatching(/^k=2 \(recorded, PyTorch on cpu\): k = 2/),
      expect.stringMatching(/^k=3 \(recorded, PyTorch on cpu\): k = 3/),
    ]);
    const [group] = seedGroups(recordedMembers(parsed.result));
    expect(groupWallMedian(group!, 2, recordedWord(parsed.result)).label).toMatch(
      /^k=2 \(recorded, PyTorch on cpu\): median of 1 seeds/,
    );
    expect(groupWallMedian(group!, 2, true).label).toMatch(/^k=2 \(recorded\): median/);
  });

  it('refuses engine fields that are not text', () => {
    const bad = parseResult(TEXT.replace('"device":"cpu"', '"device":7'));
    expect(bad.ok).toBe(false);
  });
});
