/**
 * A pool worker trains a subset of an experiment's runs; its engine numbers
 * them 0, 1, 2, … in the order it was given them. Every run index that
 * leaves the worker is the experiment's (worker/protocol.ts, `runs`): this
 * is the one place that maps one to the other.
 */

/** The experiment's runs a worker trains: the start message's list, checked, or all of them. */
export function workerRuns(asked: readonly number[] | undefined, experimentRuns: number): number[] {
  const indices = asked ? [...asked] : Array.from({ length: experimentRuns }, (_, i) => i);
  if (indices.some((i) => !Number.isInteger(i) || i < 0 || i >= experimentRuns)) {
    throw new Error(`the worker was asked for runs ${indices.join(', ')} of an experiment of ${experimentRuns}`);
  }
  return indices;
}

/** Maps the worker's own run numbers to the experiment's. */
export class RunIndexMap {
  constructor(readonly indices: readonly number[]) {}

  /** The experiment's index of the worker's run `local`. */
  experimentRun(local: number): number {
    const i = this.indices[local];
    if (i === undefined) throw new Error(`the worker has no run ${local} (it trains ${this.indices.length})`);
    return i;
  }

  /** Items that name one run (`run`), renumbered. */
  withRun<T extends { run: number }>(items: readonly T[]): T[] {
    return items.map((p) => ({ ...p, run: this.experimentRun(p.run) }));
  }

  /** Items that name several runs (`runs`), renumbered. */
  withRuns<T extends { runs: number[] }>(items: readonly T[]): T[] {
    return items.map((v) => ({ ...v, runs: v.runs.map((i) => this.experimentRun(i)) }));
  }
}
