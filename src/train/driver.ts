/**
 * Drives a session through an experiment's evaluation schedule in chunks the
 * caller sizes: the CLI runs it flat out, the worker paces, pauses and
 * resumes it. Chunks never cross an evaluation step, so the numbers do not
 * depend on the chunk sizes, on pausing or on the speed.
 */
import { evaluationSteps, snapshotSteps } from '../core/metrics';
import type { RunSetup, StrategyChoice } from './group';
import { TrainingSession, type EvalReport } from './session';
import { Snapshotter, type SnapshotPoint } from './snapshots';

export interface DriverPoint {
  run: number;
  step: number;
  testNmse: number;
  accuracy: number | null;
  /** Mean raw batch MSE since the previous evaluation; null at step 0. */
  trainLoss: number | null;
}

export interface DriverEvent {
  /** Session step after this event. */
  step: number;
  /** Evaluations made in this event (none between evaluation steps). */
  points: DriverPoint[];
  /** Runs that diverged in this event, with the step they diverged at. */
  diverged: { run: number; step: number }[];
  /** Steps trained in this event, summed over the runs. */
  runSteps: number;
  /** Weight snapshots taken in this event (at the runs' snapshot steps, train/snapshots.ts). */
  snapshots: SnapshotPoint[];
}

export class ExperimentDriver {
  private readonly evalAt: Set<number>[];
  private readonly snapshotAt: Set<number>[];
  private readonly snapshotter: Snapshotter;
  private readonly stops: number[];
  private stopIndex = 0;
  private readonly lossSum: number[];
  private readonly lossSteps: number[];
  private readonly reportedDivergence: boolean[];
  private started = false;

  private constructor(
    readonly session: TrainingSession,
    private readonly setups: readonly RunSetup[],
  ) {
    this.evalAt = setups.map((s) => new Set(evaluationSteps(s.plan.config.steps)));
    this.snapshotAt = setups.map((s) => new Set(snapshotSteps(s.plan.config.steps)));
    this.snapshotter = new Snapshotter(setups);
    this.stops = [...new Set(this.evalAt.flatMap((s) => [...s]))].filter((s) => s > 0).sort((a, b) => a - b);
    this.lossSum = setups.map(() => 0);
    this.lossSteps = setups.map(() => 0);
    this.reportedDivergence = setups.map(() => false);
  }

  static async create(setups: readonly RunSetup[], strategy?: StrategyChoice): Promise<ExperimentDriver> {
    const session = await TrainingSession.create(setups, strategy ? { strategy } : {});
    return new ExperimentDriver(session, setups);
  }

  get done(): boolean {
    return this.started && this.stopIndex >= this.stops.length;
  }

  get step(): number {
    return this.session.step;
  }

  /** The next step at which some run is evaluated, or null when done. */
  get nextStop(): number | null {
    return this.stops[this.stopIndex] ?? null;
  }

  /** The evaluation at step 0; call once before advance. */
  async start(): Promise<DriverEvent> {
    this.started = true;
    const event: DriverEvent = { step: 0, points: [], diverged: [], runSteps: 0, snapshots: [] };
    this.record(await this.session.evaluate(), event);
    await this.snapshot(0, event);
    return event;
  }

  /** Trains at most `maxSteps`, stopping early at the next evaluation step, and evaluates there. */
  async advance(maxSteps: number): Promise<DriverEvent> {
    if (!this.started) throw new Error('call start() before advance()');
    const stop = this.nextStop;
    const event: DriverEvent = { step: this.session.step, points: [], diverged: [], runSteps: 0, snapshots: [] };
    if (stop === null) return event;
    const k = Math.max(1, Math.min(Math.floor(maxSteps), stop - this.session.step));
    const report = await this.session.advance(k);
    for (const r of report.runs) {
      this.lossSum[r.index]! += r.trainLossSum;
      this.lossSteps[r.index]! += r.steps;
      event.runSteps += r.steps;
      if (r.diverged) this.noteDivergence(r.index, r.divergedAt ?? r.step, event);
    }
    event.step = this.session.step;
    if (this.session.step >= stop) {
      this.stopIndex++;
      const due = this.setups.map((_, i) => i).filter((i) => this.evalAt[i]!.has(stop) && !this.reportedDivergence[i]);
      if (due.length) this.record(await this.session.evaluate(due), event);
      await this.snapshot(stop, event);
    }
    return event;
  }

  /** Snapshots of the runs evaluated in this event at one of their snapshot steps. */
  private async snapshot(step: number, event: DriverEvent): Promise<void> {
    const runs = event.points.filter((p) => p.step === step && this.snapshotAt[p.run]!.has(step)).map((p) => p.run);
    event.snapshots.push(...(await this.snapshotter.take(this.session, runs, step)));
  }

  dispose(): void {
    this.session.dispose();
  }

  private noteDivergence(run: number, step: number, event: DriverEvent): void {
    if (this.reportedDivergence[run]) return;
    this.reportedDivergence[run] = true;
    event.diverged.push({ run, step });
  }

  private record(reports: EvalReport[], event: DriverEvent): void {
    for (const e of reports) {
      if (e.diverged || e.testNmse === null) {
        this.noteDivergence(e.index, e.divergedAt ?? e.step, event);
        continue;
      }
      const steps = this.lossSteps[e.index]!;
      event.points.push({
        run: e.index,
        step: e.step,
        testNmse: e.testNmse,
        accuracy: e.accuracy,
        trainLoss: event.step === 0 || steps === 0 ? null : this.lossSum[e.index]! / steps,
      });
      this.lossSum[e.index] = 0;
      this.lossSteps[e.index] = 0;
    }
  }
}
