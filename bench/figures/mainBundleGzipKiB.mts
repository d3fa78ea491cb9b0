/**
 * mainBundleGzipKiB: gzip (node:zlib, default level) of each JavaScript
 * file dist/index.html loads before training starts (its module script,
 * its modulepreload links and their static imports, recursively), summed.
 * The worker chunk (tfjs) is reported apart; tfjsInMainBundle checks that
 * tfjs stayed out.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Figure } from '../lib/figure.mjs';
import { fmt } from '../lib/format.mjs';
import { round } from '../lib/stats.mjs';
import { goal } from '../lib/targets.mjs';

export interface MainBundleGzipKiB {
  kib: number;
  files: Record<string, { rawKiB: number; gzipKiB: number }>;
  workerChunkGzipKiB: number | null;
  tfjsInMainBundle: boolean;
  definition: string;
}

/** The files a page loads before any import() or worker, from its entry and preloads (static imports only). */
export function firstScreenFiles(dist: string): Map<string, { raw: number; gzip: number }> {
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const entry = [...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].map((m) => m[1]!);
  const preload = [...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1]!);
  const seen = new Map<string, { raw: number; gzip: number }>();
  const queue = [...entry, ...preload].map((u) => u.replace(/^\//, ''));
  while (queue.length) {
    const rel = queue.shift()!;
    if (seen.has(rel)) continue;
    const code = readFileSync(path.join(dist, rel));
    seen.set(rel, { raw: code.length, gzip: gzipSync(code).length });
    const text = code.toString('utf8');
    // Static imports only (`from"./x.js"`, `import"./x.js"`); import() and new Worker(new URL()) load later.
    for (const m of text.matchAll(/(?:\bfrom|\bimport)\s*["']([^"']+\.js)["']/g)) {
      queue.push(path.posix.normalize(path.posix.join(path.posix.dirname(rel), m[1]!)));
    }
  }
  return seen;
}

export const mainBundleGzipKiB: Figure<MainBundleGzipKiB> = {
  id: 'mainBundleGzipKiB',
  description: 'gzip KiB of the JavaScript index.html loads before training (entry, preloads, static imports)',
  targets: [{ label: 'mainBundleGzipKiB', goal: goal('<=', '200') }],
  async run(ctx) {
    const seen = firstScreenFiles(ctx.dist);
    const gzip = [...seen.values()].reduce((s, f) => s + f.gzip, 0) / 1024;
    const assets = readdirSync(path.join(ctx.dist, 'assets'));
    const worker = assets.find((a) => /^training\.worker.*\.js$/.test(a));
    const tfjsInMain = [...seen.keys()].some((rel) =>
      /registerKernel|tfjs-backend|Backend_WebGL/.test(readFileSync(path.join(ctx.dist, rel), 'utf8')),
    );
    return {
      value: {
        kib: round(gzip, 1),
        files: Object.fromEntries(
          [...seen].map(([k, v]) => [k, { rawKiB: round(v.raw / 1024, 1), gzipKiB: round(v.gzip / 1024, 1) }]),
        ),
        workerChunkGzipKiB: worker
          ? round(gzipSync(readFileSync(path.join(ctx.dist, 'assets', worker))).length / 1024, 1)
          : null,
        tfjsInMainBundle: tfjsInMain,
        definition: 'node:zlib gzip (default level) of each JS file index.html loads before training, summed',
      },
      measured: [{ label: 'mainBundleGzipKiB', value: round(gzip, 1), exact: gzip }],
    };
  },
  print(mb) {
    return [
      `mainBundleGzipKiB: ${fmt(mb.kib)} KiB (${Object.keys(mb.files).join(', ')}); worker chunk ${fmt(mb.workerChunkGzipKiB)} KiB; tfjs in main bundle: ${fmt(mb.tfjsInMainBundle)}`,
    ];
  },
};
