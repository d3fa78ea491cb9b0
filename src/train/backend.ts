/**
 * Choosing and starting the tfjs backend (docs/architecture.md, "Training engine and backends"): WebGL by
 * default, WebGPU where an adapter exists, wasm and cpu as fallbacks, and
 * always a sentence saying which one runs and why, because the chosen
 * backend is shown to the user.
 */
import * as tf from '@tensorflow/tfjs-core';
// Side-effect imports register the backends' factories; nothing runs until setBackend.
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
// Registers 'webgpu' only where navigator.gpu exists (a browser or worker with WebGPU).
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { BackendName } from '../core/config';

export type RunningBackend = 'webgl' | 'webgpu' | 'wasm' | 'cpu';

export interface BackendInfo {
  name: RunningBackend;
  /** Why this backend runs, including every fallback taken on the way. */
  reason: string;
}

/**
 * Where the browser fetches the wasm binaries from (the bundler moves them).
 * Must be called before the first `initBackend` that may pick wasm; Node
 * finds them in node_modules and needs no call.
 */
export function setWasmBinaryPath(prefixOrFiles: string | Record<string, string>): void {
  setWasmPaths(prefixOrFiles);
}

/**
 * WebGL's factory is registered only in browsers and workers, and even there
 * a context can be refused (no GPU, blocklisted driver); probing first keeps
 * tfjs from logging a failed initialisation as an error.
 */
function canMakeWebGLContext(): boolean {
  if (!tf.findBackendFactory('webgl')) return false;
  try {
    if (typeof OffscreenCanvas !== 'undefined') {
      const canvas = new OffscreenCanvas(1, 1);
      return (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) !== null;
    }
    const doc = (globalThis as { document?: Document }).document;
    if (doc) {
      const canvas = doc.createElement('canvas');
      return (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) !== null;
    }
  } catch {
    return false;
  }
  return false;
}

/** navigator.gpu, where WebGPU is exposed. */
function gpuApi(): { requestAdapter(): Promise<unknown> } | null {
  const nav = (globalThis as { navigator?: { gpu?: { requestAdapter(): Promise<unknown> } } }).navigator;
  return nav?.gpu ?? null;
}

/**
 * tfjs' WebGPU factory dereferences a missing adapter and logs the failure
 * as an error; asking for an adapter first says plainly why WebGPU cannot run.
 */
async function webgpuProblem(): Promise<string | null> {
  const gpu = gpuApi();
  if (!gpu || !tf.findBackendFactory('webgpu')) return 'WebGPU is not available in this browser';
  try {
    return (await gpu.requestAdapter()) ? null : 'no WebGPU adapter is available here';
  } catch (e) {
    return `no WebGPU adapter is available here (${e instanceof Error ? e.message : String(e)})`;
  }
}

/** What the WebGPU adapter says it is (a real GPU, or a software one such as SwiftShader), for the bench. */
export interface AdapterInfo {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** True for software or fallback adapters, whose speed says nothing about a GPU. */
  isFallbackAdapter: boolean;
}

export async function webgpuAdapterInfo(): Promise<AdapterInfo | null> {
  const gpu = gpuApi();
  if (!gpu) return null;
  try {
    const adapter = (await gpu.requestAdapter()) as {
      info?: Partial<AdapterInfo>;
      isFallbackAdapter?: boolean;
      requestAdapterInfo?: () => Promise<Partial<AdapterInfo>>;
    } | null;
    if (!adapter) return null;
    const info = adapter.info ?? (await adapter.requestAdapterInfo?.()) ?? {};
    const text = `${info.vendor ?? ''} ${info.architecture ?? ''} ${info.description ?? ''}`.toLowerCase();
    return {
      vendor: info.vendor ?? '',
      architecture: info.architecture ?? '',
      device: info.device ?? '',
      description: info.description ?? '',
      isFallbackAdapter: Boolean(adapter.isFallbackAdapter) || /swiftshader|llvmpipe|software/.test(text),
    };
  } catch {
    return null;
  }
}

async function trySet(name: RunningBackend): Promise<string | null> {
  try {
    if (name === 'webgl' && !canMakeWebGLContext()) return 'no WebGL context can be created here';
    if (name === 'webgpu') {
      const problem = await webgpuProblem();
      if (problem) return problem;
    }
    if (await tf.setBackend(name)) {
      await tf.ready();
      return null;
    }
    return `the ${name} backend failed to initialise`;
  } catch (e) {
    return `the ${name} backend failed to initialise (${e instanceof Error ? e.message : String(e)})`;
  }
}

const FALLBACK_ORDER: Record<BackendName, RunningBackend[]> = {
  auto: ['webgl', 'wasm', 'cpu'],
  webgl: ['webgl', 'wasm', 'cpu'],
  webgpu: ['webgpu', 'wasm', 'cpu'],
  wasm: ['wasm', 'cpu'],
  cpu: ['cpu'],
};

/** Whether a backend can start here, without starting it (for 'auto''s list of candidates). */
export async function canStart(name: RunningBackend): Promise<boolean> {
  if (name === 'webgl') return canMakeWebGLContext();
  if (name === 'webgpu') return (await webgpuProblem()) === null;
  return tf.findBackendFactory(name) !== null;
}

/** Starts the requested backend, or the next one that works. */
export async function initBackend(requested: BackendName): Promise<BackendInfo> {
  const failures: string[] = [];
  for (const name of FALLBACK_ORDER[requested]) {
    const problem = await trySet(name);
    if (problem === null) {
      const why =
        failures.length === 0
          ? requested === 'auto'
            ? `${name} chosen automatically`
            : `${name} as requested`
          : `${name}, because ${failures.join('; ')}`;
      return { name, reason: why };
    }
    failures.push(problem);
  }
  throw new Error(`no tfjs backend could start: ${failures.join('; ')}`);
}

/** The WebGL context tfjs draws with, when WebGL runs (for context-loss handling and its test hook). */
export function webglContext(): WebGLRenderingContext | WebGL2RenderingContext | null {
  if (tf.getBackend() !== 'webgl') return null;
  const backend = tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext | WebGL2RenderingContext } };
  return backend.gpgpu?.gl ?? null;
}

/** The GPU device tfjs computes on, when WebGPU runs (for device-loss handling and its test hook). */
export interface GpuDeviceHandle {
  lost: Promise<unknown>;
  destroy(): void;
}

export function webgpuDevice(): GpuDeviceHandle | null {
  if (tf.getBackend() !== 'webgpu') return null;
  const backend = tf.backend() as unknown as { device?: GpuDeviceHandle };
  return backend.device ?? null;
}

/** The backend that is running now, for code that did not start it. */
export function currentBackend(): RunningBackend {
  const name = tf.getBackend();
  if (name === 'webgl' || name === 'webgpu' || name === 'wasm' || name === 'cpu') return name;
  throw new Error(`unexpected tfjs backend ${name}`);
}
