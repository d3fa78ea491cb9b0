/**
 * The twin's exchange format: one run of the lab, written to a directory as
 * a JSON manifest plus NumPy .npy arrays, for the PyTorch side
 * (tools/twin/python/) to train the same network on the same numbers.
 *
 * Format "nwl-twin", version 1 (bump TWIN_FORMAT_VERSION on any change a
 * reader would notice). `manifest.json` holds the run's config, seeds,
 * optimiser, the lab's own results and an index of the arrays; every array
 * is one `<name>.npy` file in C order. Arrays (B = batch, T = exported steps,
 * D = d + 1):
 *
 * | name | dtype | shape | what |
 * | --- | --- | --- | --- |
 * | init.W{l}, init.b{l} | f4 | fanIn x fanOut, fanOut | the student's initial layers, l = 0 .. depth (output last) |
 * | test.x, test.y | f4 | count x n, count | the test set as the student sees it |
 * | teacher.W | f8 | n x m | the teacher's first layer |
 * | train.x, train.y | f4 | T x B x n, T x B | the batches of every exported step, as the engine trains on them (when it trained) |
 * | train.zbits | u1 | T x B x ceil(d/8) | the hidden bits of every step, packed as numpy.packbits (first bit in the high bit) |
 * | construction.A, .mean, .std | f8 | n x D, n, n | x = A [z; 1] and the calibrated standardisation |
 * | construction.map | f8 | D x n | (x - mean) / std = sum_j z_j map[j] + map[d] |
 * | lab.trainLoss | f4 | T | the engine's batch loss at every step (before that step's update) |
 * | final.W{l}, final.b{l} | f4 | as init | the engine's layers after T steps |
 *
 * The construction arrays and train.zbits exist for parity, ksat and random
 * labels only; the lab.* and final.* arrays only when the engine trained.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config, InputKind } from '../../src/core/config';
import type { Construction } from '../../src/core/inputs';
import type { InputSampler } from '../../src/core/inputs/types';
import type { Rng, SeedSet } from '../../src/core/rng';
import type { Teacher } from '../../src/core/teacher';
import { dtypeOf, readNpy, writeNpy, type NpyData, type NpyDtype } from './twin-npy';

export const TWIN_FORMAT = 'nwl-twin';
export const TWIN_FORMAT_VERSION = 1;

export type TwinOptimizer =
  | { name: 'adam'; lr: number; beta1: number; beta2: number; epsilon: number }
  | { name: 'sgd'; lr: number; momentum: number };

export interface TwinArrayEntry {
  file: string;
  dtype: NpyDtype;
  shape: number[];
}

/** What the lab measured on its own engine, when it trained. */
export interface TwinLabResult {
  backend: string;
  strategy: string;
  steps: number;
  testMse: number;
  testNmse: number;
  accuracy: number | null;
}

export interface TwinManifest {
  format: typeof TWIN_FORMAT;
  version: typeof TWIN_FORMAT_VERSION;
  /** The permalink query of the whole experiment, and which of its runs this is. */
  query: string;
  run: { index: number; label: string; of: number };
  config: Config;
  seeds: SeedSet;
  student: { n: number; h: number; depth: number; act: Config['act'] };
  optimizer: TwinOptimizer;
  batch: number;
  /** Steps whose batches are exported (train.x/y and/or train.zbits). */
  steps: number;
  test: { count: number; labelVariance: number };
  inputs: {
    kind: InputKind;
    /** Hidden bits of the construction; 0 for gaussian inputs. */
    d: number;
    /** The secret bits (parity and random labels), increasing. */
    secret: number[] | null;
    /** Scale of the gaussian inputs (the student sees x / sigma). */
    sigma: number | null;
  };
  /** How train.y was obtained, in words (it matters for the device-label path). */
  labels: string;
  lab: TwinLabResult | null;
  arrays: Record<string, TwinArrayEntry>;
}

export interface TwinArray {
  data: NpyData;
  shape: number[];
}

export interface TwinExport {
  manifest: Omit<TwinManifest, 'arrays'>;
  arrays: Record<string, TwinArray>;
}

/** Bits (count x d, one 0/1 byte each) packed as numpy.packbits(axis=-1) packs them: first bit in the high bit. */
export function packBits(z: Uint8Array, count: number, d: number): Uint8Array {
  const per = Math.ceil(d / 8);
  const out = new Uint8Array(count * per);
  for (let s = 0; s < count; s++) {
    for (let j = 0; j < d; j++) {
      if (z[s * d + j]) out[s * per + (j >> 3)]! |= 0x80 >> (j & 7);
    }
  }
  return out;
}

export function unpackBits(packed: Uint8Array, count: number, d: number): Uint8Array {
  const per = Math.ceil(d / 8);
  const out = new Uint8Array(count * d);
  for (let s = 0; s < count; s++) {
    for (let j = 0; j < d; j++) out[s * d + j] = (packed[s * per + (j >> 3)]! >> (7 - (j & 7))) & 1;
  }
  return out;
}

/** The standardised map of step 6 as the construction applies it: row j < d is bit j's column of A over std, row d the constant. */
export function standardisedMap(construction: Construction): Float64Array {
  const { n, d, A, mean, std } = construction;
  const p = d + 1;
  const map = new Float64Array(p * n);
  for (let r = 0; r < n; r++) {
    const inv = 1 / std[r]!;
    for (let j = 0; j < d; j++) map[j * n + r] = A[r * p + j]! * inv;
    map[d * n + r] = (A[r * p + d]! - mean[r]!) * inv;
  }
  return map;
}

/** The construction's arrays, or none for gaussian inputs. */
export function constructionArrays(sampler: InputSampler): Record<string, TwinArray> {
  const { construction } = sampler;
  if (!construction) return {};
  const { n, d, A, mean, std } = construction;
  return {
    'construction.A': { data: A, shape: [n, d + 1] },
    'construction.mean': { data: mean, shape: [n] },
    'construction.std': { data: std, shape: [n] },
    'construction.map': { data: standardisedMap(construction), shape: [d + 1, n] },
  };
}

export function teacherArray(t: Teacher): TwinArray {
  return { data: t.W, shape: [t.n, t.m] };
}

/** The secret bits of a run's inputs (parity, random labels), or null. */
export function secretOf(sampler: InputSampler): number[] | null {
  return sampler.secret ? [...sampler.secret] : null;
}

/**
 * The hidden bits of `steps` batches of `bs` from the training stream, drawn
 * the way sample() draws them (sampleBits uses the stream exactly as sample
 * does, labels included), packed. Only for inputs built from hidden bits.
 */
export function trainingBits(sampler: InputSampler, rng: Rng, steps: number, bs: number): Uint8Array {
  const { construction, sampleBits } = sampler;
  if (!construction || !sampleBits) throw new Error(`${sampler.kind} inputs are not built from hidden bits`);
  const d = construction.d;
  const per = Math.ceil(d / 8);
  const codes = new Float32Array(bs * (d + 1));
  const labels = new Float32Array(bs);
  const z = new Uint8Array(bs * d);
  const out = new Uint8Array(steps * bs * per);
  for (let t = 0; t < steps; t++) {
    sampleBits.call(sampler, rng, bs, codes, labels);
    for (let s = 0; s < bs; s++) for (let j = 0; j < d; j++) z[s * d + j] = codes[s * (d + 1) + j]!;
    out.set(packBits(z, bs, d), t * bs * per);
  }
  return out;
}

/** Writes an export into `dir` (created if missing); returns the manifest as written. */
export function writeTwinExport(dir: string, exp: TwinExport): TwinManifest {
  mkdirSync(dir, { recursive: true });
  const arrays: Record<string, TwinArrayEntry> = {};
  for (const [name, a] of Object.entries(exp.arrays)) {
    const file = `${name}.npy`;
    writeNpy(join(dir, file), a.data, a.shape);
    arrays[name] = { file, dtype: dtypeOf(a.data), shape: [...a.shape] };
  }
  const manifest: TwinManifest = { ...exp.manifest, arrays };
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 1)}\n`);
  return manifest;
}

/** Reads an export back, checking the format, the version and every array against the manifest. */
export function readTwinExport(dir: string): { manifest: TwinManifest; arrays: Record<string, TwinArray> } {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as TwinManifest;
  if (manifest.format !== TWIN_FORMAT) throw new Error(`${dir}: not a twin export (format ${String(manifest.format)})`);
  if (manifest.version !== TWIN_FORMAT_VERSION)
    throw new Error(`${dir}: twin export version ${manifest.version}, this reader knows ${TWIN_FORMAT_VERSION}`);
  const arrays: Record<string, TwinArray> = {};
  for (const [name, entry] of Object.entries(manifest.arrays)) {
    const a = readNpy(join(dir, entry.file));
    if (a.dtype !== entry.dtype || a.shape.join(',') !== entry.shape.join(','))
      throw new Error(
        `${dir}/${entry.file}: ${a.dtype} ${a.shape.join('x')}, the manifest says ${entry.dtype} ${entry.shape.join('x')}`,
      );
    arrays[name] = { data: a.data, shape: a.shape };
  }
  return { manifest, arrays };
}

/** Concatenates same-length chunks into one array. */
export function concat(parts: readonly Float32Array[]): Float32Array {
  const len = parts.reduce((s, p) => s + p.length, 0);
  const out = new Float32Array(len);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
