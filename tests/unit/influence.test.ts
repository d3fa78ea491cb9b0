/**
 * Bit influence (docs/science.md 2.6) against its definition: the teacher's
 * influence under parity is 1 on the secret bits and 0 elsewhere, computed
 * through the construction's own inputs; under ksat it is the probability
 * that switching the bit changes "some clause is violated"; a hand-built
 * student has the influences worked out by hand; the flipped inputs are the
 * construction's inputs of the flipped bits.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type Config } from '../../src/core/config';
import { expandRuns } from '../../src/core/experiment';
import {
  bitInfluence,
  bitInfluenceOfBits,
  flippedInputs,
  influenceFromOutputs,
  influenceProbe,
  influenceStream,
  roundInfluence,
  teacherOnStandardised,
  type InfluenceProbe,
} from '../../src/core/influence';
import { KsatSampler, ParitySampler, RandomLabelSampler } from '../../src/core/inputs';
import { Rng } from '../../src/core/rng';
import { buildRunInputs, type RunInputs } from '../../src/core/run-inputs';

function runInputs(over: Partial<Config>): RunInputs {
  const [plan] = expandRuns({ base: { ...DEFAULT_CONFIG, ...over }, axes: [] });
  return buildRunInputs(plan!);
}

function indicator(d: number, bits: readonly number[]): number[] {
  return Array.from({ length: d }, (_, j) => (bits.includes(j) ? 1 : 0));
}

describe('the teacher under parity', () => {
  for (const [k, w, seed] of [
    [2, 'normal', 1],
    [3, 'uniform', 2],
    [7, 'normal', 3],
  ] as const) {
    it(`has influence exactly 1 on S and 0 elsewhere (k=${k}, ${w} weights), through the construction's inputs`, () => {
      const r = runInputs({ inputs: 'parity', k, w, seed });
      const sampler = r.sampler as ParitySampler;
      expect(sampler).toBeInstanceOf(ParitySampler);
      const probe = influenceProbe(sampler.construction, influenceStream(r.plan.seeds.data), 64);
      const inf = bitInfluence(probe, teacherOnStandardised(r.teacher, sampler.construction));
      const want = indicator(DEFAULT_CONFIG.d, sampler.targets.secret);
      inf.forEach((v, j) => expect(Math.abs(v - want[j]!), `bit ${j}`).toBeLessThan(1e-9));
      // The label function of the bits gives the same, with no input formed.
      expect(Array.from(bitInfluenceOfBits(probe, sampler.teacherOfBits()))).toEqual(want);
    });
  }

  it('has no teacher function of the bits under random labels', () => {
    const r = runInputs({ inputs: 'random', k: 3 });
    expect(r.sampler).toBeInstanceOf(RandomLabelSampler);
    expect((r.sampler as RandomLabelSampler).teacherOfBits()).toBeNull();
  });
});

describe('the teacher under ksat (clip on)', () => {
  it('has as influence the probability that switching the bit changes "some clause is violated"', () => {
    const r = runInputs({ inputs: 'ksat', clip: true, d: 12, clause: 3, m: 6, n: 32, seed: 5 });
    const sampler = r.sampler as KsatSampler;
    expect(sampler).toBeInstanceOf(KsatSampler);
    const probe = influenceProbe(sampler.construction, influenceStream(r.plan.seeds.data), 200);
    // The definition, from the clauses alone: does some clause have no satisfied literal?
    const { bits, negated, clauseSize: K } = sampler.targets;
    const violated = (z: Uint8Array, s: number): boolean => {
      for (let i = 0; i < r.teacher.m; i++) {
        let sat = false;
        for (let l = i * K; l < (i + 1) * K; l++) if (z[s * probe.d + bits[l]!] !== negated[l]) sat = true;
        if (!sat) return true;
      }
      return false;
    };
    const want = Array.from({ length: probe.d }, (_, j) => {
      let changed = 0;
      const z = Uint8Array.from(probe.z);
      for (let s = 0; s < probe.count; s++) {
        const before = violated(z, s);
        const at = s * probe.d + j;
        z[at] = 1 - z[at]!;
        if (violated(z, s) !== before) changed++;
        z[at] = 1 - z[at]!;
      }
      return changed / probe.count;
    });
    expect(want.some((v) => v > 0.05)).toBe(true);
    const viaInputs = bitInfluence(probe, teacherOnStandardised(r.teacher, sampler.construction));
    viaInputs.forEach((v, j) => expect(v).toBeCloseTo(want[j]!, 9));
    const viaBits = bitInfluenceOfBits(probe, sampler.teacherOfBits());
    expect(Array.from(viaBits)).toEqual(want);
  });
});

describe('the flipped inputs', () => {
  it("are the construction's standardised inputs of the flipped bits", () => {
    const r = runInputs({ inputs: 'parity', k: 3, d: 20, seed: 9 });
    const { construction } = r.sampler as ParitySampler;
    const probe = influenceProbe(construction, influenceStream(r.plan.seeds.data), 8);
    const x = flippedInputs(probe, 0, probe.d, new Float64Array(probe.d * probe.count * probe.n));
    for (const j of [0, 7, 19]) {
      for (let s = 0; s < probe.count; s++) {
        const z = probe.z.slice(s * probe.d, (s + 1) * probe.d);
        z[j] = 1 - z[j]!;
        const want = new Float64Array(probe.n);
        construction.standardisedInto(z, 1, want);
        const got = x.subarray((j * probe.count + s) * probe.n, (j * probe.count + s + 1) * probe.n);
        for (let c = 0; c < probe.n; c++) expect(got[c]).toBeCloseTo(want[c]!, 9);
      }
    }
  });

  it('come from their own stream: drawing the probe shifts no other draw', () => {
    const r = runInputs({ inputs: 'parity', k: 2, seed: 4 });
    const before = r.sampler.sample(new Rng(77), 16).x.slice();
    influenceProbe((r.sampler as ParitySampler).construction, influenceStream(r.plan.seeds.data));
    expect(r.sampler.sample(new Rng(77), 16).x.slice()).toEqual(before);
    // The same run gives the same probe.
    const a = influenceProbe((r.sampler as ParitySampler).construction, influenceStream(r.plan.seeds.data), 4);
    const b = influenceProbe((r.sampler as ParitySampler).construction, influenceStream(r.plan.seeds.data), 4);
    expect(a.z).toEqual(b.z);
  });
});

describe('a hand-built student', () => {
  // x(z) = z in two dimensions: the directions are the unit vectors, and the sample is all four z.
  const probe: InfluenceProbe = {
    d: 2,
    n: 2,
    count: 4,
    z: Uint8Array.from([0, 0, 1, 0, 0, 1, 1, 1]),
    base: Float64Array.from([0, 0, 1, 0, 0, 1, 1, 1]),
    directions: Float64Array.from([1, 0, 0, 1]),
  };
  /** relu(x1 + x2 - 1) + 0.5 relu(x1 - 0.25) - 0.1: one hidden layer of two relu units and a bias. */
  const student = (x: Float64Array, count: number): Float64Array =>
    Float64Array.from({ length: count }, (_, s) => {
      const [a, b] = [x[2 * s]!, x[2 * s + 1]!];
      return Math.max(0, a + b - 1) + 0.5 * Math.max(0, a - 0.25) - 0.1;
    });

  it('has the influences worked out by hand', () => {
    // Bit 1: |f(1,z2) - f(0,z2)| = 0.375 (z2 = 0) or 1.375 (z2 = 1): mean 0.875.
    // Bit 2: |f(z1,1) - f(z1,0)| = 0 (z1 = 0) or 1 (z1 = 1): mean 0.5.
    const inf = bitInfluence(probe, student);
    expect(inf[0]).toBeCloseTo(0.875, 12);
    expect(inf[1]).toBeCloseTo(0.5, 12);
  });

  it('gives the same from outputs computed elsewhere (as the engine does on the device)', () => {
    const x = flippedInputs(probe);
    expect(x).toBeInstanceOf(Float32Array);
    const inf = influenceFromOutputs(probe, student(probe.base, 4), student(Float64Array.from(x), 8));
    expect(inf[0]).toBeCloseTo(0.875, 12);
    expect(inf[1]).toBeCloseTo(0.5, 12);
    expect(roundInfluence([0.123456, 1])).toEqual([0.1235, 1]);
  });

  it('has zero influence for a constant predictor, the student stuck at the mean', () => {
    expect(Array.from(bitInfluence(probe, (_x, count) => new Float64Array(count).fill(0.5)))).toEqual([0, 0]);
  });
});
