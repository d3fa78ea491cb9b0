/**
 * The layering of docs/architecture.md, checked on the import graph: no
 * cycles of value imports anywhere, core and train free of React, the DOM's
 * libraries and the page's layers, and the page's main thread free of tfjs
 * and of the construction's matrix library.
 */
import { execFileSync } from 'node:child_process';
import { relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCycles, importGraph, reachedPackages } from './helpers/importGraph';

const tracked = execFileSync('git', ['ls-files', 'src', 'cli', 'bench', 'scripts', 'tools'], { encoding: 'utf8' })
  .split('\n')
  .filter((f) => /\.(m?ts|tsx)$/.test(f) && !f.endsWith('.d.ts'));

describe('the import graph', () => {
  it('has no cycle of value imports', () => {
    expect(importCycles(importGraph(tracked))).toEqual([]);
  });

  it('finds a cycle when there is one (the check itself can fail)', () => {
    const g = importGraph(['src/core/config.ts']);
    const config = resolve('src/core/config.ts');
    const registry = resolve('src/core/inputs/registry.ts');
    g.files.set(registry, [...(g.files.get(registry) ?? []), config]);
    expect(importCycles(g).some((c) => c.includes('src/core/config.ts'))).toBe(true);
  });

  it('keeps core and train free of React, the DOM libraries, the store and the page', () => {
    const lower = tracked.filter((f) => f.startsWith('src/core/') || f.startsWith('src/train/'));
    const g = importGraph(lower);
    const files = [...g.files.keys()].map((f) => relative(process.cwd(), f));
    expect(files.filter((f) => !/^src\/(core|train)\//.test(f))).toEqual([]);
    const packages = [...reachedPackages(g).keys()];
    expect(packages.filter((p) => /^(react|react-dom|zustand|d3)(\/|$)/.test(p))).toEqual([]);
  });

  it("keeps tfjs and the construction's matrix library off the page's main thread", () => {
    const packages = reachedPackages(importGraph(['src/app/main.tsx']));
    const heavy = [...packages].filter(([p]) => p.startsWith('@tensorflow') || p === 'ml-matrix');
    expect(heavy).toEqual([]);
    // The entry does reach the field table and the input kinds' descriptors.
    const files = [...importGraph(['src/app/main.tsx']).files.keys()].map((f) => relative(process.cwd(), f));
    expect(files).toContain('src/core/inputs/registry.ts');
  });
});
