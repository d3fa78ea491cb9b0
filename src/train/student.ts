/**
 * The student network's shape and its seeded initialisation (docs/science.md 2,
 * "Student and training"). Parameters are drawn here in JS from the run's own
 * student stream, never by a library initialiser, so that both step
 * strategies and every backend start from the very same numbers.
 */
import type { Activation, Config, OptimizerName, TrainRegime } from '../core/config';
import { Rng, type SeedSet } from '../core/rng';

export interface StudentShape {
  n: number;
  h: number;
  depth: number;
  act: Activation;
}

/** Everything two runs must share to train as one computation. */
export interface GroupShape extends StudentShape {
  opt: OptimizerName;
  lr: number;
  bs: number;
  train: TrainRegime;
  // A batched group steps all its runs together, so they also share a budget and a test-set size.
  steps: number;
  test: number;
}

export function groupShape(c: Config): GroupShape {
  return {
    n: c.n,
    h: c.h,
    depth: c.depth,
    act: c.act,
    opt: c.opt,
    lr: c.lr,
    bs: c.bs,
    train: c.train,
    steps: c.steps,
    test: c.test,
  };
}

export function groupKey(s: GroupShape): string {
  return JSON.stringify([s.n, s.h, s.depth, s.act, s.opt, s.lr, s.bs, s.train, s.steps, s.test]);
}

/** One dense layer on the host: W is fanIn x fanOut, row-major, so a layer computes x W + b. */
export interface HostLayer {
  fanIn: number;
  fanOut: number;
  W: Float32Array;
  b: Float32Array;
}

/** (fanIn, fanOut) of every layer, hidden layers first, the scalar output last. */
export function layerSizes(s: StudentShape): [number, number][] {
  const sizes: [number, number][] = [];
  let fanIn = s.n;
  for (let l = 0; l < s.depth; l++) {
    sizes.push([fanIn, s.h]);
    fanIn = s.h;
  }
  sizes.push([fanIn, 1]);
  return sizes;
}

/**
 * He-normal keeps the variance of relu activations constant through depth;
 * tanh is near-linear at the origin, so it takes std sqrt(1/fan_in) (the
 * fan-in form of Glorot's rule). The linear output layer takes sqrt(1/fan_in)
 * so the initial prediction has the scale of one hidden unit.
 */
export function initStd(act: Activation, fanIn: number, isOutput: boolean): number {
  return Math.sqrt((!isOutput && act === 'relu' ? 2 : 1) / fanIn);
}

/** Fixed bins for a student's first layer: five times its initial spread, so growth stays visible. */
export function studentWeightRange(c: Config): [number, number] {
  const std = initStd(c.act, c.n, false);
  return [-5 * std, 5 * std];
}

export function initialLayers(s: StudentShape, seeds: SeedSet): HostLayer[] {
  const rng = new Rng(seeds.student).fork('init');
  const sizes = layerSizes(s);
  return sizes.map(([fanIn, fanOut], l) => {
    const W = new Float32Array(fanIn * fanOut);
    rng.fillNormal(W, initStd(s.act, fanIn, l === sizes.length - 1));
    return { fanIn, fanOut, W, b: new Float32Array(fanOut) };
  });
}
