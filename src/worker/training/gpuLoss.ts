/**
 * A GPU backend can lose its device under the training: WebGL its context
 * (a driver reset, too many contexts), WebGPU its device (`device.lost`).
 * Every tensor on it is gone, and tfjs may wait for a fence that never
 * signals, so a step's promise is raced against the loss. The runs are
 * deterministic from their seeds: the trainer rebuilds them on the next
 * backend and replays (trainer.ts).
 */
import { webglContext, webgpuDevice, type GpuDeviceHandle, type RunningBackend } from '../../train/backend';

const CONTEXT_POLL_MS = 200;

/** Devices whose `lost` promise has resolved. */
const lostDevices = new WeakSet<GpuDeviceHandle>();
const watchedDevices = new WeakSet<GpuDeviceHandle>();

function watchDevice(device: GpuDeviceHandle): void {
  if (watchedDevices.has(device)) return;
  watchedDevices.add(device);
  void device.lost.then(() => lostDevices.add(device));
}

/** Whether the backend that runs has lost its GPU (never for wasm and cpu). */
export function gpuLost(backend: RunningBackend): boolean {
  if (backend === 'webgl') {
    const gl = webglContext();
    return gl === null || gl.isContextLost();
  }
  if (backend === 'webgpu') {
    const device = webgpuDevice();
    if (device === null) return true;
    watchDevice(device);
    return lostDevices.has(device);
  }
  return false;
}

/**
 * Whether a step's failure was the GPU going away: a lost WebGPU device
 * fails its pending reads (mapAsync) before `device.lost` resolves, so
 * wait a moment for the loss to show before calling it a bug.
 */
export async function failedWithGpu(backend: RunningBackend, waitMs = 500): Promise<boolean> {
  if (gpuLost(backend)) return true;
  const device = backend === 'webgpu' ? webgpuDevice() : null;
  if (!device) return false;
  watchDevice(device);
  const lost = await Promise.race([
    device.lost.then(() => true),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), waitMs)),
  ]);
  return lost || gpuLost(backend);
}

/** Resolves with null once the GPU is lost; stop() ends the watch. */
export function watchGpuLoss(backend: RunningBackend): { lost: Promise<null>; stop(): void } {
  let timer: ReturnType<typeof setInterval> | undefined;
  const lost = new Promise<null>((resolve) => {
    const device = backend === 'webgpu' ? webgpuDevice() : null;
    if (device) void device.lost.then(() => resolve(null));
    timer = setInterval(() => {
      if (gpuLost(backend)) resolve(null);
    }, CONTEXT_POLL_MS);
  });
  return { lost, stop: () => clearInterval(timer) };
}

/** The name the page shows for what was lost. */
export function lossName(backend: RunningBackend): string {
  return backend === 'webgpu' ? 'the WebGPU device' : 'the WebGL context';
}

/** A test hook: loses the GPU of the backend that runs, as a driver reset would. */
export function loseGpuOnPurpose(): void {
  webglContext()?.getExtension('WEBGL_lose_context')?.loseContext();
  webgpuDevice()?.destroy();
}
