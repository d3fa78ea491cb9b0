/**
 * NumPy's .npy format, version 1.0, for the few dtypes the twin exchanges:
 * little-endian float32/float64/int32 and bytes. numpy.load reads these
 * files as they are, so the Python side needs no parser of its own.
 * https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html
 */
import { readFileSync, writeFileSync } from 'node:fs';

export type NpyDtype = '<f4' | '<f8' | '<i4' | '|u1';

export type NpyData = Float32Array | Float64Array | Int32Array | Uint8Array;

export interface NpyArray {
  dtype: NpyDtype;
  shape: number[];
  data: NpyData;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

export function dtypeOf(data: NpyData): NpyDtype {
  if (data instanceof Float32Array) return '<f4';
  if (data instanceof Float64Array) return '<f8';
  if (data instanceof Int32Array) return '<i4';
  return '|u1';
}

function shapeText(shape: readonly number[]): string {
  // Python's tuple syntax: a one-element tuple keeps its comma.
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

/** The bytes of a .npy file holding `data` with `shape` (C order). */
export function encodeNpy(data: NpyData, shape: readonly number[]): Uint8Array {
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== data.length)
    throw new Error(`npy: shape ${shapeText(shape)} holds ${count} values, got ${data.length}`);
  if (!shape.every((s) => Number.isInteger(s) && s >= 0)) throw new Error(`npy: bad shape ${shapeText(shape)}`);
  let header = `{'descr': '${dtypeOf(data)}', 'fortran_order': False, 'shape': ${shapeText(shape)}, }`;
  // The header, with its 10-byte preamble, is padded with spaces to a multiple of 64 and ends in a newline.
  const total = Math.ceil((10 + header.length + 1) / 64) * 64;
  header = header.padEnd(total - 10 - 1, ' ') + '\n';
  const out = new Uint8Array(total + data.byteLength);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  out[8] = header.length & 0xff;
  out[9] = header.length >> 8;
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), total);
  return out;
}

/** Parses a .npy file written by encodeNpy or by numpy (version 1.0 or 2.0, C order, the dtypes above). */
export function decodeNpy(bytes: Uint8Array): NpyArray {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) throw new Error('npy: not a .npy file');
  const major = bytes[6]!;
  if (major !== 1 && major !== 2) throw new Error(`npy: version ${major} is not supported`);
  const headerStart = major === 1 ? 10 : 12;
  const headerLen =
    major === 1
      ? bytes[8]! | (bytes[9]! << 8)
      : (bytes[8]! | (bytes[9]! << 8) | (bytes[10]! << 16) | (bytes[11]! << 24)) >>> 0;
  const header = new TextDecoder('latin1').decode(bytes.subarray(headerStart, headerStart + headerLen));
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shapeMatch = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeMatch === undefined) throw new Error('npy: bad header');
  if (fortran === 'True') throw new Error('npy: Fortran order is not supported');
  const shape = shapeMatch
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map(Number);
  const count = shape.reduce((a, b) => a * b, 1);
  const start = headerStart + headerLen;
  // Copy so that the typed array is aligned whatever the header length.
  const body = bytes.slice(start);
  const dtype = descr as NpyDtype;
  const width = { '<f4': 4, '<f8': 8, '<i4': 4, '|u1': 1 }[dtype];
  if (width === undefined) throw new Error(`npy: dtype ${descr} is not supported`);
  if (body.byteLength !== count * width)
    throw new Error(`npy: shape ${shapeText(shape)} needs ${count * width} bytes, the file has ${body.byteLength}`);
  const buf = body.buffer;
  const data =
    dtype === '<f4'
      ? new Float32Array(buf, 0, count)
      : dtype === '<f8'
        ? new Float64Array(buf, 0, count)
        : dtype === '<i4'
          ? new Int32Array(buf, 0, count)
          : new Uint8Array(buf, 0, count);
  return { dtype, shape, data };
}

export function writeNpy(path: string, data: NpyData, shape: readonly number[]): void {
  writeFileSync(path, encodeNpy(data, shape));
}

export function readNpy(path: string): NpyArray {
  return decodeNpy(new Uint8Array(readFileSync(path)));
}
