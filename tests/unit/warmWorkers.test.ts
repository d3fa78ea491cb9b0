/** Warm training workers lent and given back (src/worker/warmWorkers.ts), with stand-in workers. */
import { describe, expect, it } from 'vitest';
import { defaultExperiment } from '../../src/core/config';
import type { FromWorker, ToWorker } from '../../src/worker/protocol';
import { WarmWorkers } from '../../src/worker/warmWorkers';

class FakeWorker {
  sent: ToWorker[] = [];
  terminated = false;
  onmessage: ((e: MessageEvent<FromWorker>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  postMessage(msg: ToWorker): void {
    this.sent.push(msg);
  }
  terminate(): void {
    this.terminated = true;
  }
  say(msg: FromWorker): void {
    this.onmessage?.({ data: msg } as MessageEvent<FromWorker>);
  }
}

function make() {
  const made: FakeWorker[] = [];
  const warm = new WarmWorkers(() => {
    const w = new FakeWorker();
    made.push(w);
    return w as unknown as Worker;
  });
  return { warm, made };
}

describe('warm workers', () => {
  it('are made and warmed before they are needed, and say what the GPU is', async () => {
    const { warm, made } = make();
    warm.prepare(2);
    warm.prepare(1);
    expect(made).toHaveLength(2);
    // Only the first is asked what the GPU is: asking creates contexts.
    expect(made.map((w) => w.sent)).toEqual([[{ type: 'warm', describe: true }], [{ type: 'warm', describe: false }]]);
    made[1]!.say({ type: 'ready', device: '', gpu: false });
    made[0]!.say({ type: 'ready', device: 'webgl: SwiftShader', gpu: true });
    await expect(warm.whenReady()).resolves.toEqual({ device: 'webgl: SwiftShader', gpu: true });
  });

  it('are reused: a given-back worker is told to stop and lent again, stopping or stopped', () => {
    const { warm, made } = make();
    warm.prepare(1);
    const first = warm.take();
    expect(first).toEqual({ worker: made[0], stopping: false });
    warm.give(first.worker);
    expect(made[0]!.sent.at(-1)).toEqual({ type: 'stop' });
    // Taken again before it said 'stopped': the pool is told to skip what comes before.
    expect(warm.take()).toEqual({ worker: made[0], stopping: true });
    warm.give(made[0] as unknown as Worker);
    made[0]!.say({ type: 'stopped' });
    expect(warm.take()).toEqual({ worker: made[0], stopping: false });
    expect(made).toHaveLength(1);
  });

  it('never lend a dead worker, and make a new one when none is free', () => {
    const { warm, made } = make();
    warm.prepare(1);
    made[0]!.onerror?.({ preventDefault() {} } as ErrorEvent);
    expect(made[0]!.terminated).toBe(true);
    const lent = warm.take();
    expect(lent.worker).toBe(made[1]);
    expect(made[1]!.sent).toEqual([{ type: 'warm', describe: true }]); // the dead one never said
  });

  it('measure in a worker of their own, which a Start ends at once', async () => {
    const { warm, made } = make();
    warm.prepare(1);
    const measured = warm.measure(defaultExperiment());
    expect(made[1]!.sent.map((m) => m.type)).toEqual(['warm', 'measure']);
    expect(warm.take().worker).toBe(made[0]); // never the measuring one
    warm.cancelMeasure();
    await expect(measured).resolves.toBeNull();
    expect(made[1]!.terminated).toBe(true);
    expect(warm.take().worker).toBe(made[2]);
  });

  it('hand the fastest backend back when the measurement runs to its end', async () => {
    const { warm, made } = make();
    const measured = warm.measure(defaultExperiment());
    const answer: FromWorker = { type: 'measured', device: 'gpu', best: 'wasm', measured: { wasm: 9, webgl: 1 } };
    made[0]!.say(answer);
    await expect(measured).resolves.toEqual(answer);
    expect(warm.take()).toEqual({ worker: made[0], stopping: false });
  });
});
