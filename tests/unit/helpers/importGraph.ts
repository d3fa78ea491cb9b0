/**
 * The graph of value imports between the project's source files, read from
 * the text: `import type`, `export type` and imports whose every name is
 * `type X` are left out, because they are erased from the bundle and cannot
 * form a cycle at run time.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export interface ImportGraph {
  /** file (absolute) -> the project files it imports by value */
  files: Map<string, string[]>;
  /** file -> the packages it imports by value */
  packages: Map<string, string[]>;
}

const IMPORT = /^(?:import|export)\s+(?!type\b)([^'";]*?)\s*from\s+'([^']+)'|^import\s+'([^']+)'/gm;

/** Whether every name of an import clause is `type X` (so the whole import is erased). */
function typeOnly(clause: string): boolean {
  const braces = /^\{([^}]*)\}$/.exec(clause.trim());
  if (!braces) return false;
  const names = braces[1]!
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  return names.length > 0 && names.every((n) => n.startsWith('type '));
}

function resolveFile(from: string, spec: string): string | null {
  const base = resolve(dirname(from), spec);
  return (
    [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), base].find((f) => existsSync(f) && /\.(m?ts|tsx)$/.test(f)) ??
    null
  );
}

/** The value-import graph reachable from the entry files. */
export function importGraph(entries: readonly string[]): ImportGraph {
  const files = new Map<string, string[]>();
  const packages = new Map<string, string[]>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    const targets: string[] = [];
    const pkgs: string[] = [];
    files.set(file, targets);
    packages.set(file, pkgs);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(IMPORT)) {
      const clause = m[1] ?? '';
      const spec = m[2] ?? m[3]!;
      if (typeOnly(clause)) continue;
      if (!spec.startsWith('.')) {
        pkgs.push(spec);
        continue;
      }
      const target = resolveFile(file, spec);
      if (target) targets.push(target);
    }
    for (const t of targets) visit(t);
  };
  for (const e of entries) visit(resolve(e));
  return { files, packages };
}

/** Every package the entries reach, with one file that imports it. */
export function reachedPackages(g: ImportGraph): Map<string, string> {
  const out = new Map<string, string>();
  for (const [file, pkgs] of g.packages)
    for (const p of pkgs) if (!out.has(p)) out.set(p, relative(process.cwd(), file));
  return out;
}

/** The cycles of the graph: its strongly connected components of more than one file (or a file importing itself). */
export function importCycles(g: ImportGraph): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const strong = (v: string) => {
    indices.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of g.files.get(v) ?? []) {
      if (!indices.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, indices.get(w)!));
      }
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(relative(process.cwd(), w));
      } while (w !== v);
      if (component.length > 1 || (g.files.get(v) ?? []).includes(v)) cycles.push(component.sort());
    }
  };
  for (const v of g.files.keys()) if (!indices.has(v)) strong(v);
  return cycles;
}
