/**
 * One WebAssembly memory per thread for every fused optimiser (and the SIMD
 * engine), handed out in blocks.
 *
 * Each WebAssembly.Instance with its own memory reserves gigabytes of
 * address space (guard regions), so a page that made one per run failed at
 * a few hundred runs with "WebAssembly.Instance(): Out of memory". Here the
 * kernels are instantiated once and their memory grows as blocks are asked
 * for; a freed block is reused by later requests (first fit, neighbours
 * merged), so resets and new experiments do not grow it without end.
 */
import { simdKernels, type SimdInstance } from './simdKernels';

const PAGE = 65536;
/** Blocks start on 16-byte boundaries, as v128 loads want. */
const ALIGN = 16;

interface FreeBlock {
  at: number;
  bytes: number;
}

export class SimdArena {
  /** Free ranges below `top`, sorted by address. */
  private readonly free: FreeBlock[] = [];
  private readonly sizes = new Map<number, number>();
  /** Bytes [top, memory end) have never been handed out. Offset 0 stays unused so that 0 never names a block. */
  private top = ALIGN;

  constructor(readonly kernels: SimdInstance) {}

  get memory(): WebAssembly.Memory {
    return this.kernels.memory;
  }

  /** Bytes handed out and not yet freed. */
  get inUse(): number {
    let n = 0;
    for (const b of this.sizes.values()) n += b;
    return n;
  }

  /** A zeroed block of at least `bytes` bytes; its offset in the memory. */
  alloc(bytes: number): number {
    const size = Math.max(ALIGN, Math.ceil(bytes / ALIGN) * ALIGN);
    let at: number;
    const i = this.free.findIndex((b) => b.bytes >= size);
    if (i >= 0) {
      const b = this.free[i]!;
      at = b.at;
      if (b.bytes === size) this.free.splice(i, 1);
      else this.free[i] = { at: b.at + size, bytes: b.bytes - size };
    } else {
      at = this.top;
      this.top += size;
      const pages = Math.ceil(this.top / PAGE) - this.memory.buffer.byteLength / PAGE;
      // grow throws a RangeError when the browser refuses; the caller's message says what failed.
      if (pages > 0) this.memory.grow(pages);
    }
    new Uint8Array(this.memory.buffer, at, size).fill(0);
    this.sizes.set(at, size);
    return at;
  }

  /** Gives a block back; freeing twice or a foreign offset is ignored. */
  release(at: number): void {
    const size = this.sizes.get(at);
    if (size === undefined) return;
    this.sizes.delete(at);
    let i = this.free.findIndex((b) => b.at > at);
    if (i < 0) i = this.free.length;
    this.free.splice(i, 0, { at, bytes: size });
    // Merge with the following and the preceding free range.
    const next = this.free[i + 1];
    if (next && at + size === next.at) {
      this.free[i]!.bytes += next.bytes;
      this.free.splice(i + 1, 1);
    }
    const prev = this.free[i - 1];
    if (prev && prev.at + prev.bytes === at) {
      prev.bytes += this.free[i]!.bytes;
      this.free.splice(i, 1);
    }
    // A free range that ends at the top goes back to the never-used tail.
    const last = this.free[this.free.length - 1];
    if (last && last.at + last.bytes === this.top) {
      this.top = last.at;
      this.free.pop();
    }
  }

  /** A live float32 view (take a new one after any alloc: growing detaches old views). */
  f32(at: number, length: number): Float32Array {
    return new Float32Array(this.memory.buffer, at, length);
  }
}

let shared: SimdArena | null | undefined;

/** This thread's one arena, or null where WebAssembly SIMD is unavailable. */
export function simdArena(): SimdArena | null {
  if (shared === undefined) {
    const kernels = simdKernels();
    shared = kernels ? new SimdArena(kernels) : null;
  }
  return shared;
}
