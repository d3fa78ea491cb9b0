/**
 * The typed messages between the page and the training worker. Everything
 * here is structured-clone friendly; large numeric payloads travel as typed
 * arrays and are transferred, not copied.
 */
import type { BackendName, Experiment, InputKind, WeightShape } from '../core/config';
import type { AdapterInfo } from '../train/backend';
import type { SnapshotPoint } from '../train/snapshots';
import type { ScienceSetup } from './views';

/** Steps per second the worker may run; 'max' trains flat out. */
export type Speed = 'max' | number;

export type ToWorker =
  /** Build every run from its seeds and start training (or stay paused). */
  | {
      type: 'start';
      experiment: Experiment;
      backend: BackendName;
      paused: boolean;
      speed: Speed;
      /** What an earlier measurement chose for this shape of experiment, so 'auto' need not measure again. */
      autoChoice: ActualBackend | null;
      /**
       * The experiment's run indices this worker trains (a pool splits the
       * runs over workers); all runs when absent. Every run index in the
       * worker's messages is the experiment's, never a position in this list.
       */
      runs?: number[];
      /** Test hook: die before the set-up, as a worker whose wasm cannot instantiate would. */
      crashBeforeSetup?: boolean;
    }
  | { type: 'pause' }
  | { type: 'resume' }
  /** Train up to the next evaluation step, then pause. */
  | { type: 'step' }
  | { type: 'speed'; speed: Speed }
  /**
   * Load and compile tfjs and the wasm binaries now, before any Start (a warm worker); answered by 'ready',
   * which names the GPU here when `describe` (one worker is enough to ask; asking creates contexts).
   */
  | { type: 'warm'; describe: boolean }
  /**
   * While the page is idle: build the start a click would send (same fields), up to its first step, and keep it
   * for that Start (worker/training/preparedStart.ts). Answered by nothing; a different Start drops it.
   */
  | {
      type: 'prepare';
      experiment: Experiment;
      backend: BackendName;
      autoChoice: ActualBackend | null;
      runs?: number[];
    }
  /** Time the backends that can run here on this experiment's runs ('auto' remembers the best); answered by 'measured'. */
  | { type: 'measure'; experiment: Experiment }
  /** Drop the experiment and wait for the next Start; answered by 'stopped', after which nothing of the old one comes. */
  | { type: 'stop' }
  /**
   * Test hooks: fault injection for the robustness suite (a pool sends them to every worker).
   * 'lose-webgl-context' loses the GPU of whichever GPU backend runs (WebGL's context or WebGPU's device).
   */
  | { type: 'debug'; action: 'lose-webgl-context' | 'crash' };

export type ActualBackend = 'webgl' | 'webgpu' | 'wasm' | 'cpu';

export interface RunInfo {
  index: number;
  label: string;
  values: Record<string, unknown>;
  /** The run's input distribution (on an axis or the base's). */
  inputs: InputKind;
  steps: number;
  binaryLabels: boolean;
  /** Var(y_test); a tiny value makes the normalised loss meaningless. */
  labelVariance: number;
  /** Chance accuracy (majority rate) for 0/1 labels. */
  chance: number | null;
}

/** Fixed-bin histogram; counts as a typed array so it can be transferred. */
export interface HistogramData {
  edges: Float64Array;
  counts: Float64Array;
  total: number;
  below: number;
  above: number;
}

/** One distinct teacher of the experiment (runs that vary no teacher field share one). */
export interface TeacherView {
  runs: number[];
  weights: HistogramData;
  /** The distribution it was drawn from; the page derives the exact density from these. */
  shape: WeightShape;
  std: number;
  nu: number;
  p: number;
}

export interface EvalPoint {
  run: number;
  step: number;
  testNmse: number;
  accuracy: number | null;
  /** Mean raw batch MSE since the previous evaluation; null at step 0. */
  trainLoss: number | null;
}

export type FromWorker =
  | {
      type: 'backend';
      name: ActualBackend;
      reason: string;
      fallbackFrom: ActualBackend | null;
      /** Steps per second measured per backend when 'auto' chose by measurement. */
      measured: Partial<Record<ActualBackend, number>> | null;
      /** On WebGPU: what the adapter says it is (software adapters such as SwiftShader say nothing of a GPU's speed). */
      adapter?: AdapterInfo | null;
    }
  | {
      type: 'setup';
      runs: RunInfo[];
      teachers: TeacherView[];
      /** Per run: the teacher's hidden pre-activations under that run's inputs. */
      preactivations: HistogramData[];
      /** The construction's pictures: secret bits, teacher influence, unit pre-activations, pattern weights (views.ts). */
      science?: ScienceSetup;
    }
  | {
      type: 'progress';
      step: number;
      points: EvalPoint[];
      diverged: { run: number; step: number }[];
      stepsPerSecond: number;
      /** Weight snapshots taken since the last message: bit influence and student histograms (train/snapshots.ts). */
      snapshots?: SnapshotPoint[];
    }
  /** histograms[i] belongs to run i of the experiment; a pool worker leaves the other runs' entries empty. */
  | { type: 'weights'; step: number; histograms: HistogramData[] }
  | { type: 'paused'; step: number }
  | { type: 'finished'; step: number }
  | { type: 'error'; message: string }
  /** Answer to 'warm': tfjs and wasm are loaded; `device` names the GPU 'auto' would measure (empty when none). */
  | { type: 'ready'; device: string; gpu: boolean }
  /** Answer to 'measure': the fastest backend (null when cancelled by a Start or nothing to compare). */
  | {
      type: 'measured';
      device: string;
      best: ActualBackend | null;
      measured: Partial<Record<ActualBackend, number>> | null;
    }
  /** Answer to 'stop': the worker is free; nothing of the old experiment follows. */
  | { type: 'stopped' };
