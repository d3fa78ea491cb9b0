/**
 * `npx tsx scripts/screenshots-lecture.mts [base URL]`: the lecture's three
 * screenshots for the README, from a running production build (`npm run
 * build && npx vite preview`): the first screen with no click (1366x768),
 * a story step in presentation mode (1920x1080) and the phone layout
 * (390x844). Prints, for the first screen, the time from navigation to the
 * first drawn recorded curve and to the teacher pictures.
 */
import { mkdirSync } from 'node:fs';
import { launchChromium } from './browser';

const BASE = process.argv[2] ?? 'http://localhost:4173';
mkdirSync('docs', { recursive: true });
const browser = await launchChromium();
try {
  {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const t0 = Date.now();
    await page.goto(`${BASE}/`);
    await page.waitForSelector('svg.loss-chart path.recorded');
    const curve = Date.now() - t0;
    await page.waitForFunction(
      () => document.querySelectorAll('section[aria-labelledby="preact-title"] svg').length >= 2,
    );
    await page.waitForSelector('section[aria-labelledby="weights-title"] svg');
    const pictures = Date.now() - t0;
    console.log(`first screen: first recorded curve ${curve} ms, teacher pictures ${pictures} ms after navigation`);
    await page.waitForTimeout(500);
    await page.screenshot({ path: 'docs/screenshot-first-screen.png' });
    await page.close();
  }
  {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${BASE}/?story=2&revealed=1`);
    await page.getByRole('button', { name: 'Presentation', exact: true }).click();
    await page.waitForSelector('svg.loss-chart path.recorded');
    await page.waitForTimeout(1500);
    await page.screenshot({ path: 'docs/screenshot-story.png' });
    await page.close();
  }
  {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await page.goto(`${BASE}/`);
    await page.waitForSelector('svg.loss-chart path.recorded');
    await page.waitForTimeout(1500);
    await page.screenshot({ path: 'docs/screenshot-phone.png' });
    await page.close();
  }
} finally {
  await browser.close();
}
