/**
 * The per-run strategy: each run keeps its own 2-D parameters and optimiser
 * and steps alone with the hand-written backward pass of mlp2d.ts. Runs are
 * independent by construction, so a diverged run is simply skipped.
 */
import * as tf from '@tensorflow/tfjs-core';
import { makeBatchSource, type BatchSource } from './batchSource';
import { stepBatchSize } from './data';
import { hostVariable, isLive, readAndDispose, readCopy, readFlips, type Group, type RunState } from './group';
import { flippedForward, type FlipProbe } from './flipForward';
import { forward2d, lossAndGrads2d, type Layer2d } from './mlp2d';
import { makeUpdater, type OptimizerImpl, type ParamUpdater } from './optimizer';
import { initialLayers, type GroupShape, type HostLayer } from './student';

interface Student {
  run: RunState;
  vars: tf.Variable[];
  layers: Layer2d[];
  optimizer: ParamUpdater;
  source: BatchSource;
  testX: tf.Tensor2D;
}

export class PerRunGroup implements Group {
  readonly strategy = 'per-run' as const;
  private readonly students: Student[];

  constructor(
    readonly shape: GroupShape,
    readonly runs: readonly RunState[],
    optimizer: OptimizerImpl = 'auto',
  ) {
    const bs = stepBatchSize(shape.bs, shape.train);
    this.students = runs.map((run) => {
      const vars: tf.Variable[] = [];
      const layers = initialLayers(shape, run.seeds).map((l) => {
        const W = hostVariable(l.W, [l.fanIn, l.fanOut]) as tf.Variable<tf.Rank.R2>;
        const b = hostVariable(l.b, [l.fanOut]) as tf.Variable<tf.Rank.R1>;
        vars.push(W, b);
        return { W, b };
      });
      return {
        run,
        vars,
        layers,
        optimizer: makeUpdater(shape.opt, shape.lr, optimizer),
        source: makeBatchSource(run.sampler, run.seeds, shape.train, bs),
        testX: tf.tensor2d(run.test.x, [run.test.count, run.sampler.n]),
      };
    });
  }

  private stepOnce(s: Student): tf.Scalar {
    return tf.tidy(() => {
      const [x, y] = s.source.next();
      const { loss, grads } = lossAndGrads2d(s.layers, x, y, this.shape.act);
      // vars holds each layer's W then b, the order of grads.
      s.optimizer.apply(
        s.vars,
        grads.flatMap((g) => [g.dW, g.db]),
      );
      return loss;
    });
  }

  async train(steps: number): Promise<(Float32Array | null)[]> {
    const live = this.students.filter((s) => isLive(s.run));
    const losses: tf.Scalar[] = [];
    for (const s of live) for (let i = 0; i < steps; i++) losses.push(this.stepOnce(s));
    const values = await readAndDispose(losses);
    let at = 0;
    return this.students.map((s) => {
      if (!live.includes(s)) return null;
      at += steps;
      return values.slice(at - steps, at);
    });
  }

  async predictTest(wanted: readonly boolean[]): Promise<(Float32Array | null)[]> {
    return Promise.all(
      this.students.map(async (s, i) => {
        if (!wanted[i]) return null;
        const out = tf.tidy(() => forward2d(s.layers, s.testX, this.shape.act).out);
        try {
          return await readCopy(out);
        } finally {
          out.dispose();
        }
      }),
    );
  }

  async layers(): Promise<HostLayer[][]> {
    return Promise.all(
      this.students.map((s) =>
        Promise.all(
          s.layers.map(async (l) => ({
            fanIn: l.W.shape[0],
            fanOut: l.W.shape[1],
            W: await readCopy(l.W),
            b: await readCopy(l.b),
          })),
        ),
      ),
    );
  }

  async firstLayer(): Promise<Float32Array[]> {
    return Promise.all(this.students.map((s) => readCopy(s.layers[0]!.W)));
  }

  async predict(member: number, x: Float32Array, count: number): Promise<Float32Array> {
    const s = this.students[member];
    if (!s) throw new Error(`no member ${member} in this group`);
    const out = tf.tidy(() => forward2d(s.layers, tf.tensor2d(x, [count, this.shape.n]), this.shape.act).out);
    try {
      return await readCopy(out);
    } finally {
      out.dispose();
    }
  }

  async predictFlips(member: number, probe: FlipProbe): Promise<{ atBase: Float32Array; atFlipped: Float32Array }> {
    const s = this.students[member];
    if (!s) throw new Error(`no member ${member} in this group`);
    return readFlips(tf.tidy(() => flippedForward(s.layers, probe, this.shape.act)));
  }

  dispose(): void {
    for (const s of this.students) {
      for (const v of s.vars) v.dispose();
      s.optimizer.dispose();
      s.source.dispose();
      s.testX.dispose();
    }
  }
}
