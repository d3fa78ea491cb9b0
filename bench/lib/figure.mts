/**
 * What a figure is (bench/figures/*.mts, one per figure) and what the
 * runner hands it. A figure measures through the context, returns its JSON
 * value and what it measured against its targets, and prints its own lines
 * of the readable report from that JSON alone (so `--print` of a saved
 * report needs nothing else).
 */
import type { Browser } from 'playwright-core';
import type { Measured, TargetSpec } from './targets.mjs';

export interface BenchContext {
  readonly quick: boolean;
  /** The figures this run measures (`--only`, or all). */
  readonly selected: ReadonlySet<string>;
  /** The benchmark's browser (scripts/browser.ts flags, no WebGPU). */
  readonly browser: Browser;
  /** Where the copy of dist/ is served. */
  readonly base: string;
  /** The copy of dist/ itself. */
  readonly dist: string;
  /** Cores of the machine (os.availableParallelism()). */
  readonly cores: number;
  /** Problems that did not stop the run; printed under "errors". */
  readonly errors: string[];
  log(msg: string): void;
  /** Whether any of these figures is measured in this run. */
  wants(...ids: string[]): boolean;
  /**
   * A measurement several figures share (the interleaved engine cells, the
   * default experiment in the app), made once on first use.
   */
  once<T>(key: string, make: () => Promise<T>): Promise<T>;
}

export interface Outcome<V> {
  value: V;
  measured?: Measured[];
  /** Why declared targets were not measured ("pending: …", "skipped: …"). */
  missing?: string;
}

export interface Figure<V = unknown> {
  readonly id: string;
  /** One sentence: what is measured (BENCHMARKS.md has the whole definition). */
  readonly description: string;
  readonly targets: readonly TargetSpec[];
  run(ctx: BenchContext): Promise<Outcome<V>>;
  /** The figure's lines of the readable report; a leading '' is a blank line before it. */
  print(value: V): string[];
}

/** Figures are stored in a list of mixed value types; each reads back only its own. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the registry holds figures of every value type
export type AnyFigure = Figure<any>;
