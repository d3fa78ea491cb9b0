/** The production build the figures measure: built when missing, copied, served by `vite preview`. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { log, sleep } from './log.mjs';
import { DIST, ROOT } from './paths.mjs';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export function ensureBuild(force: boolean): void {
  const ready = existsSync(path.join(DIST, 'index.html')) && existsSync(path.join(DIST, 'bench', 'engine.html'));
  if (ready && !force) return;
  log(force ? 'building (--build)…' : 'dist/ is missing or has no bench page: building…');
  // Build output goes to stderr so that --json keeps stdout to the one object.
  const r = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  if (r.status !== 0) throw new Error('npm run build failed');
}

/**
 * Other people rebuild dist/ while working; a copy taken now keeps every
 * figure of this run on one build. Source maps are left behind.
 */
export function snapshotDist(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nwl-bench-dist-'));
  cpSync(DIST, dir, { recursive: true, filter: (src) => !src.endsWith('.map') });
  return dir;
}

export async function startPreview(outDir: string): Promise<{ base: string; server: ChildProcess }> {
  const port = await freePort();
  const viteBin = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  // node itself, not npx: killing npx would leave vite running.
  const server = spawn(
    process.execPath,
    [viteBin, 'preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1', '--outDir', outDir],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  server.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    if (server.exitCode !== null) throw new Error(`vite preview exited: ${stderr}`);
    try {
      if ((await fetch(`${base}/bench/engine.html`)).ok) return { base, server };
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  server.kill();
  throw new Error(`vite preview did not answer on ${base}: ${stderr}`);
}
