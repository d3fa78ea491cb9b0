/**
 * Helpers for the export and embed specs: choose an item of a panel's export
 * menu and read the file the browser saved, and small readers for what the
 * files hold (a PNG's pixel size, an SVG parsed as XML by the browser).
 */
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';

export type MenuItem =
  'SVG image' | 'PNG image (2×)' | 'CSV of the numbers' | 'JSON result (whole experiment)' | 'Python (PyTorch) script';

/** The export button of the panel whose heading is `heading`. */
export function exportButton(page: Page, heading: string): Locator {
  return page.locator('section.panel', { has: page.getByRole('heading', { name: heading }) }).locator('.export-button');
}

/** Picks `item` from the menu of the panel headed `heading` with the mouse; resolves to the saved file. */
export async function exportByClick(
  page: Page,
  heading: string,
  item: MenuItem,
): Promise<{ name: string; data: Buffer }> {
  const button = exportButton(page, heading);
  await button.click();
  const menu = page.getByRole('menu', { name: (await button.getAttribute('aria-label')) ?? '' });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    menu.getByRole('menuitem', { name: item }).click(),
  ]);
  const path = await download.path();
  return { name: download.suggestedFilename(), data: await readFile(path) };
}

/** A PNG's width and height from its IHDR chunk. */
export function pngSize(data: Buffer): { width: number; height: number } {
  const signature = data.subarray(0, 8).toString('hex');
  if (signature !== '89504e470d0a1a0a') throw new Error('not a PNG file');
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

export interface ParsedSvg {
  error: string | null;
  rootName: string;
  namespace: string | null;
  viewBox: string | null;
  width: number;
  height: number;
  permalink: string;
  hrefs: string[];
  text: string;
}

/** Parses SVG text with the browser's XML parser (strict: any well-formedness error is reported). */
export async function parseSvg(page: Page, svg: string): Promise<ParsedSvg> {
  return page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const err = doc.querySelector('parsererror');
    const root = doc.documentElement;
    const hrefs = [...doc.querySelectorAll('*')].flatMap((e) =>
      ['href', 'xlink:href', 'src'].map((a) => e.getAttribute(a)).filter((v): v is string => v !== null),
    );
    return {
      error: err ? (err.textContent ?? 'parser error') : null,
      rootName: root.localName,
      namespace: root.namespaceURI,
      viewBox: root.getAttribute('viewBox'),
      width: Number(root.getAttribute('width')),
      height: Number(root.getAttribute('height')),
      permalink: [...doc.querySelectorAll('text.permalink')].map((t) => t.textContent ?? '').join(''),
      hrefs,
      text: root.textContent ?? '',
    };
  }, svg);
}

/** The on-screen box of a panel's charts together (the SVG images, not the legend's swatches). */
export async function chartsBoxOnScreen(page: Page, heading: string): Promise<{ width: number; height: number }> {
  const panel = page.locator('section.panel', { has: page.getByRole('heading', { name: heading }) });
  return panel.evaluate((p) => {
    const rects = [...p.querySelectorAll('svg[role="img"]')].map((s) => s.getBoundingClientRect());
    const left = Math.min(...rects.map((r) => r.left));
    const right = Math.max(...rects.map((r) => r.right));
    const top = Math.min(...rects.map((r) => r.top));
    const bottom = Math.max(...rects.map((r) => r.bottom));
    return { width: right - left, height: bottom - top };
  });
}
