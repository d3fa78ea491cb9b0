/**
 * The name of the GPU 'auto' would measure here, so that a remembered
 * choice (state/backendMemory.ts) holds for this device only: WebGPU's
 * adapter, else WebGL's renderer. Empty when neither says.
 */
import { webgpuAdapterInfo } from '../../train/backend';

let cached: Promise<string> | null = null;

function webglRenderer(): string {
  try {
    if (typeof OffscreenCanvas === 'undefined') return '';
    const gl = new OffscreenCanvas(1, 1).getContext('webgl');
    if (!gl) return '';
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const name = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return name;
  } catch {
    return '';
  }
}

export function deviceName(): Promise<string> {
  cached ??= (async () => {
    const a = await webgpuAdapterInfo();
    const gpu = a ? [a.vendor, a.architecture, a.device, a.description].filter(Boolean).join(' ') : '';
    return [gpu && `webgpu: ${gpu}`, `webgl: ${webglRenderer()}`].filter(Boolean).join('; ');
  })();
  return cached;
}
