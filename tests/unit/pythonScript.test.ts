/**
 * "Export as code" (src/export/pythonScript.ts): the script embeds the lab's own constructions,
 * and runs as it is with Debian's python3-torch for a few steps, every input kind included.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expandRuns } from '../../src/core/experiment';
import { parsePermalink } from '../../src/core/permalink';
import { buildRunInputs } from '../../src/core/run-inputs';
import { base64Float32, pythonScript } from '../../src/export/pythonScript';

const QUERY = 'n=16&m=8&d=6&k=2&h=8&bs=16&test=64&steps=300&depth=2&vs=inputs:parity,random,ksat,gaussian,cube';
const dir = mkdtempSync(join(tmpdir(), 'nwl-py-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the Python (PyTorch) script', () => {
  const { experiment } = parsePermalink(QUERY);
  const script = pythonScript(experiment);

  it('embeds each run’s construction as the lab builds it', () => {
    const plan = expandRuns(experiment)[0]!;
    const construction = buildRunInputs(plan).sampler.construction!;
    expect(script).toContain(base64Float32(construction.standardisedMapT()));
    expect(script).toMatch(/The lab's permalink: \?v=1&n=16&m=8/);
  });

  it('runs with /usr/bin/python3 for a few steps and reports every run', () => {
    const file = join(dir, 'experiment.py');
    const out = join(dir, 'out.json');
    writeFileSync(file, script);
    const r = spawnSync('/usr/bin/python3', [file, '--steps', '5', '--json', out], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(5);
    const result = JSON.parse(readFileSync(out, 'utf8')) as {
      runs: { label: string; curve: { step: number; testNmse: number }[] }[];
    };
    expect(result.runs.map((x) => x.label)).toEqual(expandRuns(experiment).map((p) => p.label));
    for (const run of result.runs) {
      expect(run.curve.map((p) => p.step)).toEqual([0, 1, 2, 5]); // the lab's evaluation steps of a 300-step budget, up to 5
      expect(run.curve.every((p) => Number.isFinite(p.testNmse) && p.testNmse > 0)).toBe(true);
    }
  });

  it('trains a fixed training set with SGD too', () => {
    const file = join(dir, 'fixed.py');
    writeFileSync(
      file,
      pythonScript(parsePermalink('n=16&m=8&d=6&k=2&h=8&bs=16&test=64&train=20&opt=sgd&act=tanh&vs=none').experiment),
    );
    const r = spawnSync('/usr/bin/python3', [file, '--steps', '4'], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^run: NMSE \d+\.\d{4} at step 4$/m);
  });
});
