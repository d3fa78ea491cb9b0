/**
 * A thinned recording (core/thinResult.ts) keeps each run's own learned
 * point: the group's median and band must stay on the steps every run has.
 */
import { describe, expect, it } from 'vitest';
import { runBadge } from '../../src/charts/lossSeries';
import { groupSeries, onCommonSteps, seedGroups, type GroupMember } from '../../src/components/seedGroups';

function member(index: number, seed: number, curve: [number, number][], diverged = false): GroupMember {
  return {
    index,
    values: { k: 6, seed },
    curve: curve.map(([step, testNmse]) => ({ step, testNmse, trainLoss: null })),
    stepsToLearn: curve.find(([, v]) => v < 0.1)?.[0] ?? null,
    diverged,
    pending: false,
    budget: 3000,
    status: diverged ? 'diverged' : 'done',
  };
}

const plateau: [number, number][] = [
  [0, 1.1],
  [1000, 1],
  [2000, 1],
  [3000, 1],
];
// One seed in three learned at 1500, a point only its own thinned curve has.
const members = [
  member(0, 1, [
    [0, 1.1],
    [1000, 1],
    [1500, 0.05],
    [2000, 0.04],
    [3000, 0.03],
  ]),
  member(1, 2, plateau),
  member(2, 3, plateau),
];

describe('the median of a thinned recording', () => {
  it('is taken on the steps every run has', () => {
    expect(onCommonSteps(members).map((c) => c.map((p) => p.step))).toEqual([
      [0, 1000, 2000, 3000],
      [0, 1000, 2000, 3000],
      [0, 1000, 2000, 3000],
    ]);
    const [group] = seedGroups(members);
    const { entry, band } = groupSeries(group!, { recorded: true, recordedWord: 'recorded, PyTorch on cpu' });
    expect(band.points.map((p) => p.step)).toEqual([0, 1000, 2000, 3000]);
    expect(entry.points.map((p) => p.testNmse)).toEqual([1.1, 1, 1, 1]);
    expect(runBadge(entry)).toBe('not learned'); // one seed in three learned: the median did not
    expect(entry.recordedWord).toBe('recorded, PyTorch on cpu');
  });

  it('leaves a diverged run out of the steps that count, and live groups as they are', () => {
    const withDiverged = [
      ...members,
      member(
        3,
        4,
        [
          [0, 1.1],
          [1000, 5],
        ],
        true,
      ),
    ];
    expect(onCommonSteps(withDiverged)[0]!.map((p) => p.step)).toEqual([0, 1000, 2000, 3000]);
    const [group] = seedGroups(members);
    expect(groupSeries(group!).band.points.map((p) => p.step)).toEqual([0, 1000, 1500, 2000, 3000]);
  });
});
