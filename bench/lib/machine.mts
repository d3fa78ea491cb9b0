/** The machine a report was measured on, stored with it. */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { round } from './stats.mjs';

export const loadAverage = (): number[] => os.loadavg().map((x) => round(x, 2));

export function machineInfo(note: string | null): Record<string, unknown> {
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  try {
    cpu = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpu;
  } catch {
    // not Linux
  }
  return {
    cpu,
    nproc: os.availableParallelism(),
    memoryGiB: round(os.totalmem() / 2 ** 30, 1),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    loadAverageStart: loadAverage(),
    note,
  };
}
