/**
 * `npm run screenshots`: the default experiment mid-training at laptop
 * (1366x768) and projector (1920x1080, presentation mode) sizes, from the
 * production build, into docs/. Run `npm run build` first.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { launchChromium } from './browser';

const PORT = 4319;
const BASE = `http://localhost:${PORT}`;
const QUERY = process.argv[2] ?? '';
const TRAIN_MS = Number(process.env.TRAIN_MS ?? 12000);

// DIST lets the shots use a build kept apart from dist/ (say, while a benchmark serves dist/).
const outDir = process.env.DIST ?? 'dist';
const server = spawn('npx', ['vite', 'preview', '--port', String(PORT), '--strictPort', '--outDir', outDir], {
  stdio: 'ignore',
});
try {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(BASE)).ok) break;
    } catch {
      if (i > 100) throw new Error('vite preview did not start; run npm run build first');
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  mkdirSync('docs', { recursive: true });
  const browser = await launchChromium();
  const shots = [
    { name: 'laptop', width: 1366, height: 768, presentation: false },
    { name: 'projector', width: 1920, height: 1080, presentation: true },
  ];
  for (const shot of shots) {
    const page = await browser.newPage({ viewport: { width: shot.width, height: shot.height } });
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(`${BASE}/${QUERY ? `?${QUERY}` : ''}`);
    await page.getByRole('button', { name: 'Start' }).click();
    if (shot.presentation) await page.getByRole('button', { name: 'Presentation' }).click();
    await page.waitForTimeout(TRAIN_MS);
    const path = `docs/screenshot-${shot.name}.png`;
    await page.screenshot({ path });
    const step = await page.locator('.step-counter').textContent();
    console.log(
      `${path}: ${shot.width}x${shot.height}, ${step}, ${await page.locator('.backend-badge').textContent()}`,
    );
    await page.close();
  }
  await browser.close();
} finally {
  server.kill();
}
