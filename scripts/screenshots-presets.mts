/**
 * `npx tsx scripts/screenshots-presets.mts [base URL]`: the README's pictures
 * of many runs on one page (issue 13): the wall and phase presets at
 * 1366x768 and 1920x1080 (the first screen, as a visitor sees it) and a story
 * step asking its question (1920x1080), into docs/, as PNG; the
 * first screen only, to keep them small. Needs a running production build (`npm run build && npx
 * vite preview`); prints each page's full height beside its file.
 */
import { mkdirSync } from 'node:fs';
import { PRESETS } from '../src/components/presets';
import { launchChromium } from './browser';

const BASE = process.argv[2] ?? 'http://localhost:4173';
mkdirSync('docs', { recursive: true });
const query = (id: string) => PRESETS.find((p) => p.id === id)!.query;
const shots = [
  { file: 'screenshot-wall-1366.png', path: `/?${query('parity-wall')}`, size: [1366, 768] },
  { file: 'screenshot-wall-1920.png', path: `/?${query('parity-wall')}`, size: [1920, 1080] },
  { file: 'screenshot-phase-1366.png', path: `/?${query('phase')}`, size: [1366, 768] },
  { file: 'screenshot-phase-1920.png', path: `/?${query('phase')}`, size: [1920, 1080] },
  { file: 'screenshot-question-1920.png', path: '/?story=2', size: [1920, 1080] },
] as const;
const browser = await launchChromium();
try {
  for (const s of shots) {
    const page = await browser.newPage({ viewport: { width: s.size[0], height: s.size[1] } });
    await page.goto(`${BASE}${s.path}`);
    await page.waitForSelector(s.file.includes('question') ? '.question-card' : 'path.recorded');
    await page.waitForTimeout(1500);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.screenshot({ path: `docs/${s.file}` });
    console.log(`docs/${s.file}: page ${s.size[0]}x${height}`);
    await page.close();
  }
} finally {
  await browser.close();
}
