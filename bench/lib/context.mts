/** The runner's BenchContext: what every figure measures with, and the memo of shared measurements. */
import os from 'node:os';
import type { Browser } from 'playwright-core';
import type { BenchContext } from './figure.mjs';
import { log } from './log.mjs';

export function makeContext(o: {
  quick: boolean;
  selected: readonly string[];
  browser: Browser;
  base: string;
  dist: string;
  errors: string[];
}): BenchContext {
  const selected = new Set(o.selected);
  const memo = new Map<string, Promise<unknown>>();
  return {
    quick: o.quick,
    selected,
    browser: o.browser,
    base: o.base,
    dist: o.dist,
    cores: os.availableParallelism(),
    errors: o.errors,
    log,
    wants: (...ids) => ids.some((id) => selected.has(id)),
    once<T>(key: string, make: () => Promise<T>): Promise<T> {
      let p = memo.get(key) as Promise<T> | undefined;
      if (!p) {
        p = make();
        memo.set(key, p);
      }
      return p;
    },
  };
}
