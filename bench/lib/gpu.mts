/** Whether a WebGPU adapter is a real GPU (the webgpu figures measure only then). Pure. */
import type { AdapterInfo } from '../engine-page';

const SOFTWARE = /swiftshader|llvmpipe|lavapipe|softpipe|warp|microsoft basic render|software/i;

/** Why this adapter is not a GPU worth timing, or null when it is one. */
export function softwareAdapterReason(a: AdapterInfo): string | null {
  const named = [a.vendor, a.architecture, a.device, a.description].filter(Boolean).join(' ');
  if (SOFTWARE.test(named)) return `the adapter is a software renderer (${named})`;
  if (a.isFallbackAdapter) return `the browser calls the adapter a fallback adapter (${named || 'no name given'})`;
  return null;
}

export function describeAdapter(a: AdapterInfo): string {
  return [a.vendor, a.architecture, a.device, a.description].filter(Boolean).join(' / ') || 'unnamed adapter';
}
