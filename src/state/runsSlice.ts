import type { StateCreator } from 'zustand';
import { LEARNED_NMSE } from '../core/metrics';
import type { SnapshotPoint } from '../train/snapshots';
import type { ActualBackend, EvalPoint, FromWorker, HistogramData, RunInfo, TeacherView } from '../worker/protocol';
import type { PatternWeightsView, UnitPreactivationView } from '../worker/views';
import type { Store } from './store';

/** 'stopped': its pool worker died while the others train on. */
export type RunStatus = 'waiting' | 'running' | 'learned' | 'diverged' | 'done' | 'stopped';

export interface RunState {
  info: RunInfo;
  curve: EvalPoint[];
  status: RunStatus;
  divergedAt: number | null;
  /** First evaluated step with NMSE below LEARNED_NMSE. */
  stepsToLearn: number | null;
  weights: HistogramData | null;
  preactivations: HistogramData | null;
  /** The secret bits S of the construction (parity, random labels), increasing. */
  secret?: number[] | null;
  /** The teacher's bit influence on the students' influence sample (parity, ksat). */
  teacherInfluence?: number[] | null;
  /** The teacher's pattern and dead units under this run's inputs and under Gaussian inputs. */
  unitPreactivations?: UnitPreactivationView | null;
  /** Weight snapshots so far, in step order: bit influence and student histograms. */
  snapshots?: SnapshotPoint[];
}

export type EngineStatus = 'idle' | 'starting' | 'running' | 'paused' | 'finished' | 'crashed';

export interface BackendState {
  name: ActualBackend;
  reason: string;
  fallbackFrom: ActualBackend | null;
}

export interface RunsSlice {
  engine: EngineStatus;
  step: number;
  stepsPerSecond: number;
  backend: BackendState | null;
  /** A message for the user about the engine (a crash, a lost context). */
  engineMessage: string | null;
  runs: RunState[];
  teachers: TeacherView[];
  /** The pattern units' weights against the other units' (parity and random labels runs). */
  patternWeights?: PatternWeightsView[];
  /** The revision of the experiment the runs belong to; results are stale when it differs. */
  runsRevision: number | null;
  /** Pool workers that stopped while the others train on: the labels of their runs, and why (optional for stand-in slices in tests). */
  workerLosses?: { runs: string; why: string }[];
  noteWorkerLost?: (runs: string, why: string, indices?: readonly number[]) => void;
  /** Workers that died before their set-up and whose runs went on elsewhere: what the page says of each. */
  workerRecoveries?: string[];
  noteWorkerRecovered?: (message: string) => void;
  setEngine: (engine: EngineStatus, message?: string | null) => void;
  clearRuns: (revision: number) => void;
  /** Applies a frame's worth of messages in one store update (one re-render). */
  applyWorkerMessages: (msgs: readonly FromWorker[]) => void;
}

/** The pure part of applyWorkerMessage, so it can be tested without a store. */
export function reduceWorkerMessage(s: RunsSlice, msg: FromWorker): Partial<RunsSlice> {
  switch (msg.type) {
    case 'backend':
      return { backend: { name: msg.name, reason: msg.reason, fallbackFrom: msg.fallbackFrom } };
    case 'setup':
      return {
        runs: msg.runs.map((info, i) => ({
          info,
          curve: [],
          status: 'waiting',
          divergedAt: null,
          stepsToLearn: null,
          weights: null,
          preactivations: msg.preactivations[i] ?? null,
          secret: msg.science?.secrets[i] ?? null,
          teacherInfluence: msg.science?.teacherInfluence[i] ?? null,
          unitPreactivations: msg.science?.unitPreactivations[i] ?? null,
          snapshots: [],
        })),
        teachers: msg.teachers,
        patternWeights: msg.science?.patternWeights ?? [],
        step: 0,
      };
    case 'progress': {
      const byRun = new Map<number, EvalPoint[]>();
      for (const p of msg.points) byRun.set(p.run, [...(byRun.get(p.run) ?? []), p]);
      const diverged = new Map(msg.diverged.map((d) => [d.run, d.step]));
      const snapsByRun = new Map<number, SnapshotPoint[]>();
      for (const p of msg.snapshots ?? []) snapsByRun.set(p.run, [...(snapsByRun.get(p.run) ?? []), p]);
      const runs = s.runs.map((r0, i) => {
        const snaps = snapsByRun.get(i);
        const r = snaps ? { ...r0, snapshots: [...(r0.snapshots ?? []), ...snaps] } : r0;
        const added = byRun.get(i);
        const divergedAt = r.divergedAt ?? diverged.get(i) ?? null;
        if (!added && divergedAt === r.divergedAt) return r;
        const curve = added ? [...r.curve, ...added] : r.curve;
        const stepsToLearn = r.stepsToLearn ?? added?.find((p) => p.testNmse < LEARNED_NMSE)?.step ?? null;
        const last = curve[curve.length - 1];
        const status: RunStatus =
          divergedAt !== null
            ? 'diverged'
            : last && last.testNmse < LEARNED_NMSE
              ? 'learned'
              : last && last.step >= r.info.steps
                ? 'done'
                : 'running';
        return { ...r, curve, divergedAt, stepsToLearn, status };
      });
      return {
        runs,
        step: msg.step,
        stepsPerSecond: msg.stepsPerSecond,
        engine: s.engine === 'starting' ? 'running' : s.engine,
      };
    }
    case 'weights':
      return { runs: s.runs.map((r, i) => (msg.histograms[i] ? { ...r, weights: msg.histograms[i] } : r)) };
    case 'paused':
      // A crash is final for its worker: a late word from it must not hide the alert.
      return s.engine === 'crashed' ? {} : { engine: 'paused', step: msg.step };
    case 'finished':
      return s.engine === 'crashed' ? {} : { engine: 'finished', step: msg.step };
    case 'error':
      return { engine: 'crashed', engineMessage: msg.message };
    case 'ready':
    case 'measured':
    case 'stopped':
      // Between the page's engine and its workers (state/engine.ts); nothing for the store.
      return {};
  }
}

export const createRunsSlice: StateCreator<Store, [], [], RunsSlice> = (set) => ({
  engine: 'idle',
  step: 0,
  stepsPerSecond: 0,
  backend: null,
  engineMessage: null,
  runs: [],
  teachers: [],
  patternWeights: [],
  runsRevision: null,
  workerLosses: [],
  noteWorkerLost: (runs, why, indices = []) =>
    set((s) => ({
      workerLosses: [...(s.workerLosses ?? []), { runs, why }],
      // Runs that were still training say they stopped; finished, learned or diverged ones keep their word.
      runs: s.runs.map((r, i) =>
        indices.includes(i) && (r.status === 'running' || r.status === 'waiting') ? { ...r, status: 'stopped' } : r,
      ),
    })),
  workerRecoveries: [],
  noteWorkerRecovered: (message) => set((s) => ({ workerRecoveries: [...(s.workerRecoveries ?? []), message] })),
  setEngine: (engine, message) =>
    set((s) => ({ engine, engineMessage: message === undefined ? s.engineMessage : message })),
  clearRuns: (revision) =>
    set({
      runs: [],
      teachers: [],
      patternWeights: [],
      step: 0,
      runsRevision: revision,
      engineMessage: null,
      workerLosses: [],
      workerRecoveries: [],
    }),
  applyWorkerMessages: (msgs) =>
    set((s) => {
      let next: RunsSlice = s;
      for (const msg of msgs) next = { ...next, ...reduceWorkerMessage(next, msg) };
      return next;
    }),
});
