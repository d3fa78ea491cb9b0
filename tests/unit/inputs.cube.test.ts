/**
 * Cube inputs (core/inputs/cube.ts), the benign Boolean control: x uniform on
 * {-1, +1}^n, labels exactly the teacher's output, a link that says
 * inputs=cube, and a student that learns it as it learns Gaussian inputs.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type Config } from '../../src/core/config';
import { expandRuns } from '../../src/core/experiment';
import { makeInputSampler } from '../../src/core/inputs';
import { parsePermalink, serialisePermalink } from '../../src/core/permalink';
import { Rng } from '../../src/core/rng';
import { buildRunInputs, drawTeacher } from '../../src/core/run-inputs';
import { teacherOutput } from '../../src/core/teacher';
import { runExperiment } from '../../src/train/run';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const config = (extra: Partial<Config> = {}): Config => ({ ...DEFAULT_CONFIG, inputs: 'cube', ...extra });

describe('cube inputs', () => {
  it('draws ±1 coordinates of mean 0 and variance 1, labelled by the teacher exactly', () => {
    const c = config({ n: 32, m: 16 });
    const t = drawTeacher(c, new Rng(3));
    const batch = makeInputSampler(c, t, new Rng(4)).sample(new Rng(5), 2000);
    let sum = 0;
    for (const v of batch.x) {
      expect(Math.abs(v)).toBe(1);
      sum += v;
    }
    expect(Math.abs(sum / batch.x.length)).toBeLessThan(0.02);
    for (let s = 0; s < 50; s++) {
      const x = batch.x.subarray(s * c.n, (s + 1) * c.n);
      expect(batch.y[s]).toBeCloseTo(teacherOutput(t, x), 4);
    }
  });

  it('follows the clip and needs no null space (any m against n)', () => {
    const c = config({ n: 16, m: 32, clip: true, wscale: 0.02 });
    const y = makeInputSampler(c, drawTeacher(c, new Rng(3)), new Rng(4)).sample(new Rng(5), 500).y;
    expect(Math.max(...y)).toBeLessThanOrEqual(1);
    expect(Math.min(...y)).toBeGreaterThanOrEqual(0);
  });

  it('is a permalink value that reads back, with no fields of its own in the link', () => {
    const { experiment, notices } = parsePermalink('inputs=cube&vs=none');
    expect(notices).toEqual([]);
    expect(experiment.base.inputs).toBe('cube');
    expect(serialisePermalink(experiment)).toBe('v=1&inputs=cube&vs=none');
    const axis = parsePermalink('vs=inputs:gaussian,cube,parity').experiment;
    expect(expandRuns(axis).map((r) => r.config.inputs)).toEqual(['gaussian', 'cube', 'parity']);
  });

  it('is learned by a student as gaussian inputs are, while random labels are not', async () => {
    const query = 'n=16&m=8&d=6&k=3&h=32&lr=0.01&bs=64&steps=600&test=512&vs=inputs:cube,gaussian,random';
    const runs = expandRuns(parsePermalink(query).experiment).map(buildRunInputs);
    const [cube, gaussian, random] = await runExperiment(runs);
    expect(cube!.final.testNmse).toBeLessThan(0.2);
    expect(gaussian!.final.testNmse).toBeLessThan(0.2);
    expect(random!.final.testNmse).toBeGreaterThan(0.9);
  });
});
