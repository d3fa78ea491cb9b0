/**
 * Weight snapshots of the students (issue 10, items 1-2): at the steps of
 * snapshotSteps, every run's first-layer histograms and, for the
 * construction inputs, its bit influence (docs/science.md 2.6), measured with a
 * forward pass on the device over the fixed influence sample and its flips.
 * The CLI and the worker both take them here, through the driver, so a
 * browser export and the CLI's JSON hold the same numbers.
 */
import {
  influenceFromOutputs,
  influenceProbe,
  influenceStream,
  roundInfluence,
  type InfluenceProbe,
} from '../core/influence';
import { unitDirections } from '../core/projections';
import type { StudentRecord } from '../core/result';
import { studentRecord, type ProjectionSetup } from '../core/studentRecord';
import { flipProbe, type FlipProbe } from './flipForward';
import type { RunSetup } from './group';
import type { TrainingSession } from './session';
import { studentWeightRange } from './student';

export { studentWeightRange };

/** One run's snapshot at one step. */
export interface SnapshotPoint {
  run: number;
  step: number;
  /** Inf_j of the student for every hidden bit (rounded, core/influence.ts); null for gaussian inputs */
  bitInfluence: number[] | null;
  student: StudentRecord;
}

interface RunProbe {
  probe: InfluenceProbe | null;
  /** the same sample in float32, with the sign of every flip, for the device */
  upload: FlipProbe | null;
  projections: ProjectionSetup | null;
  range: [number, number];
}

function runProbe({ plan, sampler }: RunSetup): RunProbe {
  const range = studentWeightRange(plan.config);
  if (!sampler.construction) return { probe: null, upload: null, projections: null, range };
  const probe = influenceProbe(sampler.construction, influenceStream(plan.seeds.data));
  const secret = sampler.secret;
  const projections = secret
    ? { units: unitDirections(probe.directions, probe.d, probe.n), d: probe.d, secret: [...secret] }
    : null;
  return { probe, upload: flipProbe(probe), projections, range };
}

export class Snapshotter {
  private readonly probes: RunProbe[];

  constructor(private readonly setups: readonly RunSetup[]) {
    this.probes = setups.map(runProbe);
  }

  /** Snapshots of the given runs at the session's current step. */
  async take(session: TrainingSession, runs: readonly number[], step: number): Promise<SnapshotPoint[]> {
    if (runs.length === 0) return [];
    const weights = await session.snapshot();
    const out: SnapshotPoint[] = [];
    for (const run of runs) {
      const { probe, upload, projections, range } = this.probes[run]!;
      const c = this.setups[run]!.plan.config;
      const student = studentRecord(weights[run]!, c.n, c.h, range, projections);
      let bitInfluence: number[] | null = null;
      if (probe && upload) {
        const { atBase, atFlipped } = await session.predictFlips(run, upload);
        bitInfluence = roundInfluence(influenceFromOutputs(probe, atBase, atFlipped));
      }
      out.push({ run, step, bitInfluence, student });
    }
    return out;
  }
}
