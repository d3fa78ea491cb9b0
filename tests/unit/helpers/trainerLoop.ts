/**
 * The worker's own message loop (worker/training/trainer.ts) without a
 * worker around it: sends it messages in order and collects what it posts
 * until it says it finished (or failed).
 */
import type { FromWorker, ToWorker } from '../../../src/worker/protocol';
import { Trainer } from '../../../src/worker/training/trainer';

export async function runTrainerLoop(messages: readonly ToWorker[]): Promise<FromWorker[]> {
  const posted: FromWorker[] = [];
  let finished: () => void = () => {};
  const done = new Promise<void>((resolve) => (finished = resolve));
  const trainer = new Trainer((msg) => {
    posted.push(msg);
    if (msg.type === 'finished' || msg.type === 'error') finished();
  });
  // In turn, as a worker takes them: a 'prepare' that sees a Start already waiting gives way to it.
  for (const m of messages) await trainer.receive(m);
  await done;
  return posted;
}
