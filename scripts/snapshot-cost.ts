/**
 * What one weight snapshot costs (train/snapshots.ts): bit influence on the
 * device plus the student histograms, per run, against one training step of
 * the same run, side by side on the same backend (the ratio survives a loaded
 * machine better than either time alone).
 *
 *   npx tsx scripts/snapshot-cost.ts ['<permalink query>'] [wasm|cpu]
 */
import { expandRuns } from '../src/core/experiment';
import { parsePermalink } from '../src/core/permalink';
import { buildRunInputs } from '../src/core/run-inputs';
import { initBackend } from '../src/train/backend';
import { TrainingSession } from '../src/train/session';
import { Snapshotter } from '../src/train/snapshots';

const query = process.argv[2] ?? 'vs=none';
const backend = await initBackend((process.argv[3] as 'wasm' | 'cpu' | undefined) ?? 'wasm');
const setups = expandRuns(parsePermalink(query).experiment).map(buildRunInputs);
const session = await TrainingSession.create(setups);
const snapshotter = new Snapshotter(setups);
const runs = setups.map((_, i) => i);
await session.advance(20);
await snapshotter.take(session, runs, 20); // warm-up: kernels, buffers
const snapMs: number[] = [];
const stepMs: number[] = [];
for (let rep = 0; rep < 5; rep++) {
  let t = performance.now();
  await snapshotter.take(session, runs, 20);
  snapMs.push((performance.now() - t) / runs.length);
  t = performance.now();
  await session.advance(50);
  stepMs.push((performance.now() - t) / 50 / runs.length);
}
const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1]!;
const snap = median(snapMs);
const step = median(stepMs);
console.log(
  `${backend.name}, ?${query}: one snapshot ${snap.toFixed(1)} ms per run, one training step ${step.toFixed(2)} ms per run: a snapshot costs ${(snap / step).toFixed(1)} steps`,
);
session.dispose();
