/**
 * The twin's export format (tools/twin/twin-export.ts), without PyTorch: the .npy
 * codec, the bit packing, the shapes, a round trip through a directory, and
 * that the exported inputs are what the engine trained on: a float64 student
 * written out here, fed the exported initial weights and batches, must
 * reproduce the engine's own losses, final weights and test loss.
 */
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  packBits,
  readTwinExport,
  unpackBits,
  writeTwinExport,
  TWIN_FORMAT_VERSION,
  type TwinExport,
} from '../../tools/twin/twin-export';
import { captureLabRun, planFor } from '../../tools/twin/twin-lab';
import { decodeNpy, encodeNpy } from '../../tools/twin/twin-npy';
import { maxRelDiff, parseTwinArgs, runPython } from '../../tools/twin/twin';
import { buildRunInputs } from '../../src/core/run-inputs';
import { drawTestSet, trainStream } from '../../src/train/data';
import { initialLayers, groupShape } from '../../src/train/student';

const TINY = 'n=16&m=8&d=6&k=2&h=8&bs=16&test=64&vs=none';
const STEPS = 6;
const dirs: string[] = [];
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'nwl-twin-test-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('the .npy codec', () => {
  it('round-trips every dtype and shape, with the header padded to 64 bytes', () => {
    const cases = [
      { data: Float32Array.from([1.5, -2, 3.25, 0]), shape: [2, 2] },
      { data: Float64Array.from([Math.PI, -1e-300, 7]), shape: [3] },
      { data: Int32Array.from([1, -2, 3, 4, 5, 6]), shape: [1, 2, 3] },
      { data: Uint8Array.from([0, 255, 7]), shape: [3, 1] },
    ];
    for (const { data, shape } of cases) {
      const bytes = encodeNpy(data, shape);
      const headerEnd = 10 + (bytes[8]! | (bytes[9]! << 8));
      expect(headerEnd % 64).toBe(0);
      expect(bytes[headerEnd - 1]).toBe(0x0a);
      const back = decodeNpy(bytes);
      expect(back.shape).toEqual(shape);
      expect(Array.from(back.data)).toEqual(Array.from(data));
    }
  });

  it('writes the header numpy expects, one-element shapes with their comma', () => {
    const bytes = encodeNpy(Float32Array.from([1, 2]), [2]);
    const text = new TextDecoder().decode(bytes.subarray(10, 10 + (bytes[8]! | (bytes[9]! << 8))));
    expect(text).toMatch(/^\{'descr': '<f4', 'fortran_order': False, 'shape': \(2,\), \} *\n$/);
  });

  it('refuses a wrong size, a foreign file and Fortran order', () => {
    expect(() => encodeNpy(new Float32Array(3), [2, 2])).toThrow(/holds 4 values/);
    expect(() => decodeNpy(new TextEncoder().encode('hello world'))).toThrow(/not a .npy/);
    const bytes = encodeNpy(new Float32Array(4), [2, 2]);
    const fortran = new TextDecoder('latin1').decode(bytes).replace('False', 'True ');
    expect(() => decodeNpy(Uint8Array.from(fortran, (c) => c.charCodeAt(0)))).toThrow(/Fortran/);
  });
});

describe('bit packing', () => {
  it('follows numpy.packbits: first bit in the high bit, rows padded to whole bytes', () => {
    const z = Uint8Array.from([1, 0, 0, 0, 0, 0, 0, 1, 1, /* second row */ 0, 1, 0, 0, 0, 0, 0, 0, 0]);
    const packed = packBits(z, 2, 9);
    expect(Array.from(packed)).toEqual([0x81, 0x80, 0x40, 0x00]);
    expect(Array.from(unpackBits(packed, 2, 9))).toEqual(Array.from(z));
  });
});

/** A float64 student (one relu hidden layer) trained with the exported optimiser: the engine's step, written out. */
function float64Twin(exp: TwinExport): {
  losses: number[];
  W0: Float64Array;
  b0: Float64Array;
  W1: Float64Array;
  b1: Float64Array;
} {
  const m = exp.manifest;
  const { n, h } = m.student;
  const B = m.batch;
  const W0 = Float64Array.from(exp.arrays['init.W0']!.data);
  const b0 = Float64Array.from(exp.arrays['init.b0']!.data);
  const W1 = Float64Array.from(exp.arrays['init.W1']!.data);
  const b1 = Float64Array.from(exp.arrays['init.b1']!.data);
  const params = [W0, b0, W1, b1];
  const mom = params.map((p) => new Float64Array(p.length));
  const vel = params.map((p) => new Float64Array(p.length));
  const X = exp.arrays['train.x']!.data;
  const Y = exp.arrays['train.y']!.data;
  const losses: number[] = [];
  const opt = m.optimizer;
  for (let t = 0; t < m.steps; t++) {
    const grads = params.map((p) => new Float64Array(p.length));
    let loss = 0;
    const a = new Float64Array(h);
    for (let s = 0; s < B; s++) {
      const xo = (t * B + s) * n;
      let out = b1[0]!;
      for (let j = 0; j < h; j++) {
        let z = b0[j]!;
        for (let r = 0; r < n; r++) z += X[xo + r]! * W0[r * h + j]!;
        a[j] = Math.max(z, 0);
        out += a[j]! * W1[j]!;
      }
      const diff = out - Y[t * B + s]!;
      loss += diff * diff;
      const dout = (2 * diff) / B;
      grads[3]![0]! += dout;
      for (let j = 0; j < h; j++) {
        grads[2]![j]! += dout * a[j]!;
        if (a[j]! <= 0) continue;
        const dz = dout * W1[j]!;
        grads[1]![j]! += dz;
        for (let r = 0; r < n; r++) grads[0]![r * h + j]! += dz * X[xo + r]!;
      }
    }
    losses.push(loss / B);
    params.forEach((p, i) => {
      const g = grads[i]!;
      for (let e = 0; e < p.length; e++) {
        if (opt.name === 'adam') {
          mom[i]![e] = opt.beta1 * mom[i]![e]! + (1 - opt.beta1) * g[e]!;
          vel[i]![e] = opt.beta2 * vel[i]![e]! + (1 - opt.beta2) * g[e]! ** 2;
          const mh = mom[i]![e]! / (1 - opt.beta1 ** (t + 1));
          const vh = vel[i]![e]! / (1 - opt.beta2 ** (t + 1));
          p[e]! -= (opt.lr * mh) / (Math.sqrt(vh) + opt.epsilon);
        } else {
          mom[i]![e] = opt.momentum * mom[i]![e]! + g[e]!;
          p[e]! -= opt.lr * mom[i]![e]!;
        }
      }
    });
  }
  return { losses, W0, b0, W1, b1 };
}

function nmseOf(exp: TwinExport, W0: Float64Array, b0: Float64Array, W1: Float64Array, b1: Float64Array): number {
  const { n, h } = exp.manifest.student;
  const x = exp.arrays['test.x']!.data;
  const y = exp.arrays['test.y']!.data;
  let se = 0;
  for (let s = 0; s < y.length; s++) {
    let out = b1[0]!;
    for (let j = 0; j < h; j++) {
      let z = b0[j]!;
      for (let r = 0; r < n; r++) z += x[s * n + r]! * W0[r * h + j]!;
      out += Math.max(z, 0) * W1[j]!;
    }
    se += (out - y[s]!) ** 2;
  }
  return se / y.length / exp.manifest.test.labelVariance;
}

describe.each([
  ['parity', `${TINY}&inputs=parity`],
  ['gaussian', `${TINY}&inputs=gaussian`],
  ['parity with SGD', `${TINY}&inputs=parity&opt=sgd&lr=0.05`],
])('an export of %s inputs', (_name, query) => {
  // Captured once, on first use, so the cases' engines never run side by side.
  let capture: Promise<TwinExport> | undefined;
  const exported = (): Promise<TwinExport> =>
    (capture ??= captureLabRun({ query, run: 0, steps: STEPS, backend: 'cpu', strategy: 'auto' }));

  it('has the documented arrays in the documented shapes', async () => {
    const exp = await exported();
    const m = exp.manifest;
    const { n, h } = m.student;
    const shapes = Object.fromEntries(Object.entries(exp.arrays).map(([k, a]) => [k, a.shape]));
    expect(shapes).toMatchObject({
      'init.W0': [n, h],
      'init.b0': [h],
      'init.W1': [h, 1],
      'init.b1': [1],
      'test.x': [64, n],
      'test.y': [64],
      'teacher.W': [n, 8],
      'train.x': [STEPS, 16, n],
      'train.y': [STEPS, 16],
      'lab.trainLoss': [STEPS],
      'final.W0': [n, h],
    });
    for (const a of Object.values(exp.arrays)) expect(a.data.length).toBe(a.shape.reduce((p, q) => p * q, 1));
    if (m.inputs.kind === 'parity') {
      expect(shapes).toMatchObject({
        'construction.map': [7, n],
        'construction.A': [n, 7],
        'train.zbits': [STEPS, 16, 1],
      });
      expect(m.inputs.secret).toHaveLength(2);
    } else {
      expect(exp.arrays['train.zbits']).toBeUndefined();
      expect(m.inputs.sigma).toBe(1);
    }
    expect(m.lab?.backend).toBe('cpu');
    expect(m.version).toBe(TWIN_FORMAT_VERSION);
  });

  it('holds the engine’s initial weights, the draws of its training stream and its test set', async () => {
    const exp = await exported();
    const planned = planFor(query, 0, STEPS);
    if (!planned.ok) throw new Error(planned.errors.join());
    const inputs = buildRunInputs(planned.plan);
    const init = initialLayers(groupShape(planned.plan.config), planned.plan.seeds);
    expect(Array.from(exp.arrays['init.W0']!.data)).toEqual(Array.from(init[0]!.W));
    expect(Array.from(exp.arrays['init.W1']!.data)).toEqual(Array.from(init[1]!.W));
    const rng = trainStream(planned.plan.seeds);
    const n = planned.plan.config.n;
    const x = exp.arrays['train.x']!.data;
    const y = exp.arrays['train.y']!.data;
    for (let t = 0; t < STEPS; t++) {
      const b = inputs.sampler.sample(rng, 16);
      // The engine forms x (construction inputs) or y (gaussian labels) on the device: float32 rounding apart.
      const xt = x.subarray(t * 16 * n, (t + 1) * 16 * n);
      for (let i = 0; i < xt.length; i++)
        expect(Math.abs(xt[i]! - b.x[i]!)).toBeLessThan(1e-5 * Math.max(1, Math.abs(b.x[i]!)));
      expect(maxRelDiff(b.y.subarray(0, 16), y.subarray(t * 16, (t + 1) * 16))).toBeLessThan(1e-5);
    }
    const test = drawTestSet(inputs.sampler, planned.plan.seeds, 64);
    expect(Array.from(exp.arrays['test.x']!.data)).toEqual(Array.from(test.x));
    expect(exp.manifest.test.labelVariance).toBe(test.labelVariance);
  });

  it('lets a float64 student reproduce the engine’s losses, weights and test loss from the exported numbers', async () => {
    const exp = await exported();
    const twin = float64Twin(exp);
    expect(maxRelDiff(exp.arrays['lab.trainLoss']!.data, twin.losses)).toBeLessThan(1e-4);
    expect(maxRelDiff(exp.arrays['final.b0']!.data, twin.b0)).toBeLessThan(1e-3);
    expect(maxRelDiff(exp.arrays['final.W1']!.data, twin.W1)).toBeLessThan(1e-3);
    const lab = exp.manifest.lab!.testNmse;
    expect(Math.abs(nmseOf(exp, twin.W0, twin.b0, twin.W1, twin.b1) - lab) / lab).toBeLessThan(1e-4);
    // The check can fail: the same student on the next step's batches is measurably off.
    const shifted = { ...exp, arrays: { ...exp.arrays, 'train.x': { ...exp.arrays['train.x']!, data: rotate(exp) } } };
    expect(maxRelDiff(exp.arrays['lab.trainLoss']!.data, float64Twin(shifted).losses)).toBeGreaterThan(1e-3);
  });

  it('survives a round trip through a directory, and a reader refuses another version', async () => {
    const exp = await exported();
    const dir = tempDir();
    const written = writeTwinExport(dir, exp);
    const back = readTwinExport(dir);
    expect(back.manifest).toEqual(written);
    for (const [name, a] of Object.entries(exp.arrays)) {
      expect(back.arrays[name]!.shape).toEqual(a.shape);
      expect(Array.from(back.arrays[name]!.data)).toEqual(Array.from(a.data));
    }
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { version: number };
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...manifest, version: TWIN_FORMAT_VERSION + 1 }));
    expect(() => readTwinExport(dir)).toThrow(/version/);
  });
});

/** train.x with its batches rotated by one step. */
function rotate(exp: TwinExport): Float32Array {
  const x = exp.arrays['train.x']!.data as Float32Array;
  const per = x.length / exp.manifest.steps;
  const out = new Float32Array(x.length);
  out.set(x.subarray(per), 0);
  out.set(x.subarray(0, per), x.length - per);
  return out;
}

describe('the twin command', () => {
  it('parses its flags and refuses what it cannot export', () => {
    expect(parseTwinArgs(['k=2', '--steps', '50', '--run', '1'])).toMatchObject({ query: 'k=2', steps: 50, run: 1 });
    expect(parseTwinArgs(['--steps', 'many'])).toHaveProperty('error');
    expect(parseTwinArgs(['--frobnicate'])).toHaveProperty('error');
    const fixed = planFor('train=1000&vs=none', 0, 10);
    expect(fixed.ok).toBe(false);
    if (!fixed.ok) expect(fixed.errors.join()).toMatch(/online/);
    const missing = planFor('', 5, 10);
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.errors.join()).toMatch(/3 run\(s\)/);
  });

  it('reports status 3 with a sentence when there is no interpreter to import PyTorch', () => {
    const saved = process.env.PYTHON;
    process.env.PYTHON = '/nonexistent/python3';
    try {
      const res = runPython(tempDir(), false);
      expect(res).toMatchObject({ ok: false, status: 3 });
      if (!res.ok) expect(res.message).toMatch(/PyTorch cannot be imported/);
    } finally {
      if (saved === undefined) delete process.env.PYTHON;
      else process.env.PYTHON = saved;
    }
  });
});
