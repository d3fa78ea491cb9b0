/**
 * The science of issue 10, item 1, through the CLI's own code path (wasm):
 * the student that learns parity k = 2 has found the two secret bits (their
 * influences are the two largest), and the student stuck at k = 7 has found
 * none (no secret bit's influence above 0.3). A few tens of seconds each on
 * an idle machine; minutes on a loaded one, hence the long timeout.
 */
import { describe, expect, it } from 'vitest';
import { runPermalink } from '../../cli/run-permalink';

const TIMEOUT_MS = 900_000;

async function finalRun(query: string) {
  const outcome = await runPermalink(query, { backend: 'wasm', strategy: 'auto' });
  expect(outcome.ok).toBe(true);
  if (!outcome.ok) throw new Error('the experiment must run');
  return outcome.output.runs[0]!;
}

describe('bit influence of the student (docs/science.md 2.6)', () => {
  it(
    'parity k=2, 12000 steps: the two secret bits have the two largest influences',
    async () => {
      const run = await finalRun('inputs=parity&k=2&steps=12000&vs=none');
      const inf = run.final.bitInfluence!;
      const secret = run.secret!;
      expect(secret.length).toBe(2);
      const top2 = inf
        .map((v, j) => [v, j] as const)
        .sort((a, b) => b[0] - a[0])
        .slice(0, 2)
        .map(([, j]) => j)
        .sort((a, b) => a - b);
      expect(top2).toEqual(secret);
      // learned: near the teacher's 1 on S, near its 0 elsewhere
      for (const j of secret) expect(inf[j]).toBeGreaterThan(0.8);
      expect(Math.max(...inf.filter((_, j) => !secret.includes(j)))).toBeLessThan(0.2);
      expect(run.final.testNmse!).toBeLessThan(0.1);
    },
    TIMEOUT_MS,
  );

  it(
    'parity k=7, 8000 steps: no secret bit has an influence above 0.3',
    async () => {
      const run = await finalRun('inputs=parity&k=7&steps=8000&vs=none');
      const inf = run.final.bitInfluence!;
      expect(run.secret!.length).toBe(7);
      for (const j of run.secret!) expect(inf[j]).toBeLessThan(0.3);
      expect(run.final.testNmse!).toBeGreaterThan(0.9);
    },
    TIMEOUT_MS,
  );
});
