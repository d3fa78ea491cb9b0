/**
 * How many training workers the page starts, and which runs each trains
 * (README, "How training uses the cores"; the split itself is
 * core/split.ts). The page keeps its share of the machine: the main thread
 * lays out and redraws the charts and the compositor paints them while
 * the workers train, and a worker per core plus more starves both (on 2
 * cores, 3 workers gave main-thread tasks of 282 ms). So training takes
 * every core but one from 3 cores up, and never more workers than the
 * cores it takes; on 2 cores both targets cannot hold at once
 * (poolSpeedup >= 1.6 needs 3 workers for the default 3 runs, a page
 * without 50 ms tasks needs a core of its own), and the page wins.
 */
import type { Experiment } from '../core/config';
import { expandRuns } from '../core/experiment';
import { MEMORY_BUDGET_BYTES } from '../core/memory';
import { MAX_WORKERS, planRuns, type SplitPlan } from '../core/split';
import type { ActualBackend } from '../worker/protocol';

/** The cores training may take on a machine of `cores`: all but the page's one, and at least one. */
export function trainingCores(cores: number): number {
  return Math.max(1, Math.floor(cores) - 1);
}

/** Memory the workers may take together: the tab's budget, less where the device says it has little. */
function memoryBudget(): number {
  const nav = typeof navigator === 'undefined' ? undefined : (navigator as Navigator & { deviceMemory?: number });
  const gib = nav?.deviceMemory;
  return typeof gib === 'number' && gib > 0 ? Math.min(MEMORY_BUDGET_BYTES, (gib * 2 ** 30) / 2) : MEMORY_BUDGET_BYTES;
}

/**
 * GPU backends batch an experiment's runs in one worker and gain nothing
 * from several sharing one GPU, so a GPU backend asked for by name, or
 * chosen by an earlier measurement, keeps one worker unless the link asks
 * for more. A `workers` value in the link is taken as it is.
 */
export function planWorkers(
  e: Experiment,
  autoChoice: ActualBackend | null,
  cores = Math.max(1, (typeof navigator === 'undefined' ? 1 : navigator.hardwareConcurrency) || 1),
): SplitPlan {
  const configs = expandRuns(e).map((r) => r.config);
  const setting = e.base.workers;
  const gpuName = (b: string | null) => b === 'webgl' || b === 'webgpu';
  const gpu = gpuName(e.base.backend) || (e.base.backend === 'auto' && gpuName(autoChoice));
  const training = trainingCores(cores);
  return planRuns(configs, {
    cores: training,
    // The link's own count may pass the page's share (the pool's tests, a user who wants it).
    maxWorkers: Math.min(MAX_WORKERS, setting !== 'auto' ? Math.max(training, Number(setting)) : training),
    memoryBytes: memoryBudget(),
    ...(setting !== 'auto' ? { workers: Number(setting) } : gpu ? { workers: 1 } : {}),
  });
}
