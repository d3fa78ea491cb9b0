// The entry of a CLI pool thread: registers tsx's loader in this thread, then runs the TypeScript worker.
// (A thread's execArgv cannot be relied on to carry `--import tsx` into worker_threads.)
import { register } from 'tsx/esm/api';

register();
await import('./pool-worker.ts');
