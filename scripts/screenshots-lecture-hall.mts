/**
 * `npx tsx scripts/screenshots-lecture-hall.mts [base URL]`: a story step
 * with its question, and presentation mode with the audience QR code, at
 * 1920x1080 and 390x844, into /tmp/lecture-shots/ (for looking at; not
 * committed). Needs a running production build (`npx vite preview`).
 */
import { mkdirSync } from 'node:fs';
import { launchChromium } from './browser';

const BASE = process.argv[2] ?? 'http://localhost:4173';
const OUT = '/tmp/lecture-shots';
mkdirSync(OUT, { recursive: true });
const browser = await launchChromium();
try {
  for (const [w, h] of [
    [1920, 1080],
    [390, 844],
  ] as const) {
    const phone = w < 600;
    const page = await browser.newPage({ viewport: { width: w, height: h }, isMobile: phone, hasTouch: phone });
    await page.goto(`${BASE}/?story=2`);
    await page.waitForSelector('.question-card');
    await page.waitForTimeout(1000);
    await page.screenshot({ path: `${OUT}/question-${w}x${h}.png` });
    await page.getByRole('button', { name: 'Presentation', exact: true }).click();
    await page.waitForSelector('svg.audience-qr');
    await page.waitForTimeout(800);
    await page.screenshot({ path: `${OUT}/presentation-qr-${w}x${h}.png` });
    await page.keyboard.press('r');
    await page.waitForSelector('svg.loss-chart path.recorded');
    await page.waitForTimeout(800);
    await page.screenshot({ path: `${OUT}/revealed-${w}x${h}.png` });
    await page.close();
  }
} finally {
  await browser.close();
}
