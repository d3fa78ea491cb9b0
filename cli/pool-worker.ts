/**
 * One thread of the CLI's worker pool (cli/pool.ts): trains the runs it is
 * given of an experiment, posting progress and then its results. Run indices
 * are the experiment's, so the main thread merges results in run order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Experiment } from '../src/core/config';
import { expandRuns } from '../src/core/experiment';
import { buildRunInputs } from '../src/core/run-inputs';
import { initBackend } from '../src/train/backend';
import { runExperiment } from '../src/train/run';
import type { PoolJob, PoolReply } from './pool';

const job = workerData as PoolJob;

function reply(msg: PoolReply): void {
  parentPort!.postMessage(msg);
}

async function main(): Promise<void> {
  const experiment: Experiment = job.experiment;
  const backend = await initBackend(job.backend ?? 'auto');
  const plans = expandRuns(experiment);
  const setups = job.runs.map((i) => buildRunInputs(plans[i]!));
  const results = await runExperiment(setups, {
    strategy: job.strategy,
    onProgress: (p) => reply({ type: 'progress', progress: p }),
  });
  reply({ type: 'done', backend: backend.name, results });
}

main().catch((e: unknown) => {
  reply({ type: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
});
