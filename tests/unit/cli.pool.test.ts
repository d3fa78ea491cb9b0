/**
 * The CLI's worker pool changes no number: the same experiment trained with
 * 1, 2 and 3 worker threads prints the same JSON, byte for byte.
 */
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../cli/args';
import { planCliSplit, runPermalink } from '../../cli/run-permalink';
import { parsePermalink } from '../../src/core/permalink';

const QUERY = 'n=16&m=8&d=6&k=2&h=8&steps=300&test=64&bs=16&vs=inputs:gaussian,parity,random';

describe('the CLI with worker threads', () => {
  it('prints the same JSON with 1, 2 and 3 workers (wasm)', async () => {
    const outputs: string[] = [];
    for (const workers of [1, 2, 3]) {
      const outcome = await runPermalink(QUERY, { backend: 'wasm', strategy: 'auto', workers });
      expect(outcome.ok).toBe(true);
      if (!outcome.ok) return;
      expect(outcome.workers).toBe(workers);
      expect(outcome.output.backend).toBe('wasm');
      outputs.push(JSON.stringify(outcome.output));
    }
    expect(outputs[1]).toBe(outputs[0]);
    expect(outputs[2]).toBe(outputs[0]);
    const runs = (JSON.parse(outputs[0]!) as { runs: { label: string; curve: unknown[] }[] }).runs;
    expect(runs.map((r) => r.label)).toEqual(['inputs=gaussian', 'inputs=parity', 'inputs=random']);
    expect(runs.every((r) => r.curve.length > 3)).toBe(true);
  });

  it('splits by the planner when asked for auto, and takes --workers', () => {
    const { experiment } = parsePermalink(QUERY);
    const auto = planCliSplit(experiment, 'auto');
    expect(auto.assignment.flat().sort()).toEqual([0, 1, 2]);
    expect(planCliSplit(experiment, 2).assignment).toHaveLength(2);
    expect(parseArgs(['--workers', '3'])).toMatchObject({ workers: 3 });
    expect(parseArgs(['--workers', 'auto'])).toMatchObject({ workers: 'auto' });
    expect(parseArgs(['--workers', '0'])).toHaveProperty('error');
    expect(parseArgs(['--workers', 'x'])).toHaveProperty('error');
  });
});
