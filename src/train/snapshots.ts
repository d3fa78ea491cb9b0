/**
 * Weight snapshots of the students (issue 10, items 1-2): at the steps of
 * snapshotSteps, every run's first-layer histograms and, for the
 * construction inputs, its bit influence (SCIENCE.md 2.6), measured with a
 * forward pass on the device over the fixed influence sample and its flips.
 * The CLI and the worker both take them here, through the driver, so a
 * browser export and the CLI's JSON hold the same numbers.
 */
import type { Config } from '../core/config';
import {
  flippedInputs,
  influenceFromOutputs,
  influenceProbe,
  influenceStream,
  roundInfluence,
  type InfluenceProbe,
} from '../core/influence';
import { ConstructionSampler } from '../core/inputs/construction';
import type { InputSampler } from '../core/inputs/types';
import { ParitySampler } from '../core/inputs/parity';
import { RandomLabelSampler } from '../core/inputs/random';
import { unitDirections } from '../core/projections';
import type { StudentRecord } from '../core/result';
import { studentRecord, type ProjectionSetup } from '../core/studentRecord';
import type { RunSetup } from './group';
import type { TrainingSession } from './session';
import { initStd } from './student';

/** One run's snapshot at one step. */
export interface SnapshotPoint {
  run: number;
  step: number;
  /** Inf_j of the student for every hidden bit (rounded, core/influence.ts); null for gaussian inputs */
  bitInfluence: number[] | null;
  student: StudentRecord;
}

/** Fixed bins for a student's first layer: five times its initial spread, so growth stays visible. */
export function studentWeightRange(c: Config): [number, number] {
  const std = initStd(c.act, c.n, false);
  return [-5 * std, 5 * std];
}

/** The secret bits S behind a run's inputs (parity and random labels), increasing; null otherwise. */
export function secretOf(sampler: InputSampler): number[] | null {
  return sampler instanceof ParitySampler || sampler instanceof RandomLabelSampler ? [...sampler.targets.secret] : null;
}

interface RunProbe {
  probe: InfluenceProbe | null;
  projections: ProjectionSetup | null;
  range: [number, number];
}

function runProbe({ plan, sampler }: RunSetup): RunProbe {
  const range = studentWeightRange(plan.config);
  if (!(sampler instanceof ConstructionSampler)) return { probe: null, projections: null, range };
  const probe = influenceProbe(sampler.construction, influenceStream(plan.seeds.data));
  const secret = secretOf(sampler);
  const projections = secret ? { units: unitDirections(probe.directions, probe.d, probe.n), d: probe.d, secret } : null;
  return { probe, projections, range };
}

export class Snapshotter {
  private readonly probes: RunProbe[];
  /** One buffer for the flipped inputs of whichever run is measured, grown as needed. */
  private flipped = new Float32Array(0);

  constructor(private readonly setups: readonly RunSetup[]) {
    this.probes = setups.map(runProbe);
  }

  /** Snapshots of the given runs at the session's current step. */
  async take(session: TrainingSession, runs: readonly number[], step: number): Promise<SnapshotPoint[]> {
    if (runs.length === 0) return [];
    const weights = await session.snapshot();
    const out: SnapshotPoint[] = [];
    for (const run of runs) {
      const { probe, projections, range } = this.probes[run]!;
      const c = this.setups[run]!.plan.config;
      const student = studentRecord(weights[run]!, c.n, c.h, range, projections);
      out.push({
        run,
        step,
        bitInfluence: probe ? roundInfluence(await this.influence(session, run, probe)) : null,
        student,
      });
    }
    return out;
  }

  private async influence(session: TrainingSession, run: number, probe: InfluenceProbe): Promise<Float64Array> {
    const size = probe.d * probe.count * probe.n;
    if (this.flipped.length < size) this.flipped = new Float32Array(size);
    const x = flippedInputs(probe, 0, probe.d, this.flipped).subarray(0, size);
    const atBase = await session.predict(run, Float32Array.from(probe.base), probe.count);
    const atFlipped = await session.predict(run, x, probe.d * probe.count);
    return influenceFromOutputs(probe, atBase, atFlipped);
  }
}
