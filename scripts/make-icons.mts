/**
 * `npx tsx scripts/make-icons.mts`: the web app manifest's PNG icons, drawn
 * once from public/favicon.svg by headless Chromium and committed (192 and
 * 512 px, and a maskable 512 px whose mark sits inside the safe zone, the
 * central 80%, on a full-bleed background).
 */
import { readFileSync } from 'node:fs';
import { launchChromium } from './browser';

const favicon = readFileSync('public/favicon.svg', 'utf8');
/** The favicon's background colour, for the maskable icon's full bleed. */
const BACKGROUND = '#1f2a44';

function page(svg: string, size: number, background: string): string {
  return `<!doctype html><style>html,body{margin:0;background:${background}}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`;
}

function maskable(svg: string): string {
  const inner = svg.replace(/^<svg[^>]*>/, '').replace(/<\/svg>\s*$/, '');
  // The mark at 64% of the side, centred: well inside the 80% circle every platform keeps.
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" fill="${BACKGROUND}"/><g transform="translate(5.76 5.76) scale(0.64)">${inner}</g></svg>`;
}

const browser = await launchChromium();
try {
  const shots = [
    { file: 'public/icons/icon-192.png', size: 192, svg: favicon, background: 'transparent' },
    { file: 'public/icons/icon-512.png', size: 512, svg: favicon, background: 'transparent' },
    { file: 'public/icons/icon-maskable-512.png', size: 512, svg: maskable(favicon), background: BACKGROUND },
  ];
  for (const s of shots) {
    const p = await browser.newPage({ viewport: { width: s.size, height: s.size } });
    await p.setContent(page(s.svg, s.size, s.background));
    await p.screenshot({ path: s.file, omitBackground: s.background === 'transparent' });
    await p.close();
    console.log(s.file);
  }
} finally {
  await browser.close();
}
