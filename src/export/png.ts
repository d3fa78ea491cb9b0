/**
 * The standalone SVG figure drawn onto a canvas at twice its size (print
 * quality). The page's Content-Security-Policy allows images from 'self' and
 * data: only, so the SVG goes in as a data: URL, never a blob: URL.
 */
export const PNG_SCALE = 2;

export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

export async function svgToPng(svg: string, width: number, height: number, scale = PNG_SCALE): Promise<Blob> {
  const img = new Image();
  img.decoding = 'async';
  img.src = svgDataUrl(svg);
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('this browser gave no 2-D canvas to draw the PNG on');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  const start = performance.now();
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  performance.measure('nwl-export:png-draw', { start, end: performance.now() });
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the canvas could not be encoded as PNG'))), 'image/png'),
  );
}
