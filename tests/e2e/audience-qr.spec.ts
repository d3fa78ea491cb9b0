/**
 * The audience follows on their phones (issue 13, item 4): presentation mode
 * shows a QR code and a short link; the QR code, decoded by jsQR from the
 * drawn picture, is the experiment's permalink (with the lesson lock, without
 * the story and question keys), and the phone that opens it sees the chart first.
 */
import jsQR from 'jsqr';
import { parsePermalink, serialisePermalink } from '../../src/core/permalink';
import { expect, openApp, test, type Page } from './fixtures';
import { seriousViolations } from './lectureHelpers';

/** The QR code on screen, drawn onto a canvas in the page and decoded here by jsQR. */
async function decodedQr(page: Page): Promise<string | null> {
  const pixels = await page.evaluate(async () => {
    const svg = document.querySelector('svg.audience-qr');
    // Between two experiments the code is redrawn once the QR library has encoded the new link.
    if (!svg) return null;
    const img = new Image();
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(svg))}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 400;
    const ctx = canvas.getContext('2d')!;
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(img, 0, 0, 400, 400);
    return Array.from(ctx.getImageData(0, 0, 400, 400).data);
  });
  if (!pixels) return null;
  return jsQR(Uint8ClampedArray.from(pixels), 400, 400)?.data ?? null;
}

test('presentation mode shows a QR code whose link is the permalink; a phone opens it chart first', async ({
  page,
  browser,
}) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openApp(page, '/?story=6&lock=teacher');
  await expect(page.locator('svg.audience-qr')).toHaveCount(0);
  await page.getByRole('button', { name: 'Presentation', exact: true }).click();
  const qr = page.getByRole('img', { name: /^QR code of / });
  await expect(qr).toBeVisible();
  const query = serialisePermalink(parsePermalink('steps=12000&vs=k:2,3,4&vs2=h:32,128,512&vs3=seed:1,2,3').experiment);
  const origin = new URL(page.url()).origin;
  const permalink = `${origin}/?${query}&lock=teacher`;
  expect(await decodedQr(page)).toBe(permalink);
  await expect(page.getByRole('link', { name: permalink.replace(/^https?:\/\//, '') })).toBeVisible();
  expect(await seriousViolations(page, 'presentation with QR')).toEqual([]);
  // The next step's experiment gets its own code.
  await page.keyboard.press('PageDown');
  await expect.poll(() => decodedQr(page)).toBe(`${origin}/?lock=teacher`);

  const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await openApp(phone, permalink);
  const chart = await phone.locator('svg.phase-map, svg.loss-chart, svg.loss-multiples').first().boundingBox();
  expect(chart && chart.y).toBeLessThan(844);
  await expect(phone.getByRole('textbox', { name: 'input dimension' })).toBeDisabled();
  await phone.close();
});

test('on the main page the QR code sits beside the caption, so the loss chart starts above the fold at 1366x768', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openApp(page, '/');
  await page.getByRole('button', { name: 'Presentation', exact: true }).click();
  const qr = page.getByRole('img', { name: /^QR code of / });
  await expect(qr).toBeVisible();
  expect(await decodedQr(page)).toBe(`${new URL(page.url()).origin}/`);
  const box = async (selector: string) => (await page.locator(selector).first().boundingBox())!;
  const link = await box('.audience-link');
  const caption = await box('.preset-caption');
  const chart = await box('.loss-panel svg[role="img"]');
  // beside the caption, not above it: the two share rows, the code on the right
  expect(link.x).toBeGreaterThanOrEqual(caption.x + caption.width);
  expect(link.y).toBeLessThan(caption.y + caption.height);
  expect(link.y + link.height).toBeLessThanOrEqual(chart.y);
  // the chart's top half on the first screen (it started at 639 px with the code above it)
  expect(chart.y + chart.height / 2).toBeLessThan(768);
  expect(await seriousViolations(page, 'presentation, main page with QR')).toEqual([]);
});
