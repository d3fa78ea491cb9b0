/** Progress on standard error, so that `--json` keeps standard output to the one object. */
export const log = (msg: string): void => void process.stderr.write(`[bench] ${msg}\n`);

export const sleep = (ms: number): Promise<void> => new Promise<void>((r) => setTimeout(r, ms));
