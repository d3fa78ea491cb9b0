/** The page's plan of training workers (src/state/poolPlan.ts): the page keeps a core of its own. */
import { describe, expect, it } from 'vitest';
import { parsePermalink } from '../../src/core/permalink';
import { planWorkers, trainingCores } from '../../src/state/poolPlan';

const experiment = (q: string) => parsePermalink(q).experiment;

describe('the plan of training workers', () => {
  it('leaves one core to the page and never starts more workers than the cores it trains on', () => {
    expect([1, 2, 3, 4, 8].map(trainingCores)).toEqual([1, 1, 2, 3, 7]);
    expect(planWorkers(experiment('backend=wasm'), null, 2).assignment).toHaveLength(1);
    expect(planWorkers(experiment('backend=wasm'), null, 4).assignment).toHaveLength(3);
    const many = planWorkers(experiment('backend=wasm&vs2=seed:1,2,3,4,5,6,7,8'), null, 8);
    expect(many.assignment.length).toBeLessThanOrEqual(7);
    expect(many.assignment.flat().sort((a, b) => a - b)).toEqual([...Array(24).keys()]);
  });

  it('keeps one worker for a GPU backend and takes the link at its word', () => {
    expect(planWorkers(experiment('backend=webgl'), null, 8).assignment).toHaveLength(1);
    expect(planWorkers(experiment('backend=auto'), 'webgpu', 8).assignment).toHaveLength(1);
    expect(planWorkers(experiment('backend=wasm&workers=3'), null, 2).assignment).toHaveLength(3);
  });
});
