/**
 * How fast the training loop goes and how often it speaks: chunks sized to
 * about CHUNK_MS of work at full speed, a steady number of steps per chunk
 * at a set speed, and a rate over half-second windows for the page.
 */
import type { Speed } from '../protocol';

/** One message per about this many milliseconds of training: smooth curves, little overhead. */
export const CHUNK_MS = 40;
export const MAX_CHUNK = 2000;
/** The students' histograms change slowly; each message redraws every histogram on the page. */
export const WEIGHTS_EVERY_MS = 1500;

/** Steps of the next chunk: the adapted size at full speed, or a chunk's worth at the set speed. */
export function chunkSteps(speed: Speed, adapted: number): number {
  return speed === 'max' ? adapted : Math.max(1, Math.round((speed * CHUNK_MS) / 1000));
}

/**
 * The chunk at full speed after one that took `ms` for `steps`: moves half
 * way to the size that would take CHUNK_MS.
 */
export function adaptChunk(steps: number, ms: number): number {
  const dt = Math.max(1, ms);
  return Math.max(1, Math.min(MAX_CHUNK, Math.round(0.5 * steps + 0.5 * ((steps * CHUNK_MS) / dt))));
}

/** How long to wait after a chunk of `steps` that took `ms`, at a set speed (0 at full speed). */
export function pauseAfter(speed: Speed, steps: number, ms: number): number {
  return speed === 'max' ? 0 : Math.max(0, (steps * 1000) / speed - ms);
}

/** Steps per second over windows of about half a second. */
export class RateWindow {
  private start: number;
  private steps = 0;
  rate = 0;

  constructor(now: number) {
    this.start = now;
  }

  add(steps: number, now: number): number {
    this.steps += steps;
    if (now - this.start > 500) {
      this.rate = (this.steps * 1000) / (now - this.start);
      this.start = now;
      this.steps = 0;
    }
    return this.rate;
  }
}

/**
 * A macrotask without setTimeout's 4 ms clamp for nested timers: lets pause
 * and speed messages in between chunks at no cost to the pace. The channel
 * is made on first use, so importing this module does nothing.
 */
let channel: MessageChannel | null = null;
const waiting: (() => void)[] = [];
export function macrotask(): Promise<void> {
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => waiting.shift()?.();
    // Node's ports keep the process alive; a browser's ignore this.
    (channel.port1 as { unref?: () => void }).unref?.();
  }
  const port = channel.port2;
  return new Promise<void>((resolve) => {
    waiting.push(resolve);
    port.postMessage(null);
  });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
