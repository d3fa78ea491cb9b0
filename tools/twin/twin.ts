/**
 * `npm run -s twin -- '<query>' [--steps 300] [--run i]`: the lab's engine
 * and PyTorch train the same network on the same numbers; prints how far
 * apart they end up, as one JSON line.
 *
 * Exit status: 0 compared; 2 bad arguments or a run the twin cannot export;
 * 3 PyTorch cannot be imported (or the interpreter is missing); 1 anything else.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { booleanFlag, oneOf, parseCommandLine, singleQuery, stringFlag, UsageError, wholeNumber } from '../lib/args';
import { writeTwinExport, type TwinExport } from './twin-export';
import { captureLabRun, planFor } from './twin-lab';
import { readNpy } from './twin-npy';

const USAGE = `usage: npm run -s twin -- '<permalink query>' [--steps 300] [--run i] [--backend wasm|cpu]
         [--strategy auto|batched|per-run|simd] [--float64] [--keep] [--out DIR]

  Trains run i (default 0) of the experiment for --steps steps on the lab's engine
  (wasm by default in Node, cpu with --backend cpu), exports its construction, test set,
  initial weights and the exact inputs of every batch, trains the same network on them
  in PyTorch (the interpreter in $PYTHON, else /usr/bin/python3), and prints one JSON
  line: {"steps", "maxRelDiffTrainLoss", "relDiffTestNmse", ...}: PyTorch with the engine's own
  optimiser formula (the exact twin); for Adam also "torchOptimAdam", the same figures against
  torch.optim.Adam, whose bias corrections differ in float32 rounding. --float64 trains the
  PyTorch side in float64. The export goes to a temporary directory, removed afterwards
  unless --keep (its path is printed) or --out DIR (written there, kept).
  Exit status 3: PyTorch cannot be imported.`;

interface TwinArgs {
  query: string;
  steps: number;
  run: number;
  backend: 'wasm' | 'cpu' | null;
  strategy: 'auto' | 'batched' | 'per-run' | 'simd';
  float64: boolean;
  keep: boolean;
  out: string | null;
}

export function parseTwinArgs(argv: readonly string[]): TwinArgs | { error: string } {
  try {
    const line = parseCommandLine(argv, {
      steps: { type: 'string' },
      run: { type: 'string' },
      backend: { type: 'string' },
      strategy: { type: 'string' },
      out: { type: 'string' },
      float64: { type: 'boolean' },
      keep: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    });
    if (booleanFlag(line, 'help')) return { error: '' };
    const steps = stringFlag(line, 'steps');
    const run = stringFlag(line, 'run');
    const backend = stringFlag(line, 'backend');
    const strategy = stringFlag(line, 'strategy');
    const out = stringFlag(line, 'out');
    if (out === '') return { error: '--out takes a directory' };
    return {
      query: singleQuery(line.positionals),
      // The range of --steps and --run is planFor's to check: it names the runs that exist.
      steps: steps === undefined ? 300 : wholeNumber('steps', steps, Number.MIN_SAFE_INTEGER),
      run: run === undefined ? 0 : wholeNumber('run', run, Number.MIN_SAFE_INTEGER),
      backend: backend === undefined ? null : oneOf('backend', backend, ['wasm', 'cpu'] as const),
      strategy:
        strategy === undefined ? 'auto' : oneOf('strategy', strategy, ['auto', 'batched', 'per-run', 'simd'] as const),
      float64: booleanFlag(line, 'float64'),
      keep: booleanFlag(line, 'keep'),
      out: out ?? null,
    };
  } catch (e) {
    if (e instanceof UsageError) return { error: e.message };
    throw e;
  }
}

/** max |a - b| / |a| over the entries (|a| floored at 1e-30 so a zero does not divide). */
export function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} against ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!) / Math.max(Math.abs(a[i]!), 1e-30));
  return m;
}

/** ||a - b|| / ||a||: how far apart two parameter tensors are, relative to their size. */
export function relNormDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < a.length; i++) {
    num += (a[i]! - b[i]!) ** 2;
    den += a[i]! ** 2;
  }
  return Math.sqrt(num / Math.max(den, 1e-300));
}

interface TorchRun {
  testMse: number;
  testNmse: number;
}

/** What tools/twin/python/twin.py prints: one run per optimiser formula ("lab" always, "torch" for Adam). */
interface TorchReport {
  version: string;
  dtype: string;
  steps: number;
  formulas: { lab: TorchRun; torch?: TorchRun };
}

type PythonOutcome = { ok: true; report: TorchReport } | { ok: false; status: number; message: string };

export function runPython(dir: string, float64: boolean): PythonOutcome {
  const python = process.env.PYTHON || '/usr/bin/python3';
  const script = join(dirname(fileURLToPath(import.meta.url)), 'python', 'twin.py');
  const res = spawnSync(python, [script, dir, ...(float64 ? ['--float64'] : [])], { encoding: 'utf8' });
  if (res.error) {
    const missing = (res.error as NodeJS.ErrnoException).code === 'ENOENT';
    return {
      ok: false,
      status: missing ? 3 : 1,
      message: missing
        ? `no Python interpreter at ${python}, so PyTorch cannot be imported; set PYTHON to one that has torch`
        : `running ${python} failed: ${res.error.message}`,
    };
  }
  if (res.status !== 0) return { ok: false, status: res.status === 3 ? 3 : 1, message: res.stderr.trim() };
  const line = res.stdout.trim().split('\n').pop() ?? '';
  return { ok: true, report: JSON.parse(line) as TorchReport };
}

/** Lab against one PyTorch run (files torch.<formula>.* in dir). */
function against(exp: TwinExport, dir: string, formula: 'lab' | 'torch', run: TorchRun) {
  const m = exp.manifest;
  const labLoss = exp.arrays['lab.trainLoss']!.data;
  const torchLoss = readNpy(join(dir, `torch.${formula}.trainLoss.npy`)).data;
  const weights: number[] = [];
  for (let l = 0; l <= m.student.depth; l++) {
    for (const p of ['W', 'b']) {
      const a = exp.arrays[`final.${p}${l}`]!.data;
      weights.push(relNormDiff(a, readNpy(join(dir, `torch.${formula}.final.${p}${l}.npy`)).data));
    }
  }
  const lab = m.lab!.testNmse;
  return {
    maxRelDiffTrainLoss: maxRelDiff(labLoss, torchLoss),
    relDiffTestNmse: Math.abs(lab - run.testNmse) / Math.abs(lab),
    maxRelDiffWeights: Math.max(...weights),
    torchTestNmse: run.testNmse,
  };
}

/**
 * The comparison line: the figures the issue asks for first (PyTorch with
 * the engine's own optimiser formula, the exact twin), then PyTorch's own
 * torch.optim.Adam for Adam runs, then the context.
 */
export function compare(exp: TwinExport, dir: string, torch: TorchReport): Record<string, unknown> {
  const m = exp.manifest;
  const lab = m.lab!;
  const labLoss = exp.arrays['lab.trainLoss']!.data;
  const twin = against(exp, dir, 'lab', torch.formulas.lab);
  return {
    steps: m.steps,
    maxRelDiffTrainLoss: twin.maxRelDiffTrainLoss,
    relDiffTestNmse: twin.relDiffTestNmse,
    maxRelDiffWeights: twin.maxRelDiffWeights,
    ...(torch.formulas.torch ? { torchOptimAdam: against(exp, dir, 'torch', torch.formulas.torch) } : {}),
    labTestNmse: lab.testNmse,
    torchTestNmse: twin.torchTestNmse,
    lastTrainLoss: labLoss[labLoss.length - 1],
    inputs: m.config.inputs,
    opt: m.config.opt,
    optimizerFormula:
      m.config.opt === 'adam'
        ? "the engine's Adam (tfjs 4.22: beta^t kept as float32 products); torchOptimAdam: torch.optim.Adam"
        : 'SGD with momentum (tfjs and torch.optim.SGD share the formula)',
    run: m.run.label,
    backend: lab.backend,
    strategy: lab.strategy,
    torch: torch.version,
    torchDtype: torch.dtype,
  };
}

async function main(): Promise<number> {
  const args = parseTwinArgs(process.argv.slice(2));
  if ('error' in args) {
    if (args.error) process.stderr.write(`${args.error}\n`);
    process.stderr.write(`${USAGE}\n`);
    return args.error ? 2 : 0;
  }
  const planned = planFor(args.query, args.run, args.steps);
  if (!planned.ok) {
    process.stderr.write(`the twin cannot run this:\n${planned.errors.map((e) => `  - ${e}`).join('\n')}\n`);
    return 2;
  }
  const started = performance.now();
  const exp = await captureLabRun(args);
  const dir = args.out ?? mkdtempSync(join(tmpdir(), 'nwl-twin-'));
  try {
    writeTwinExport(dir, exp);
    const labSeconds = (performance.now() - started) / 1000;
    const py = runPython(dir, args.float64);
    if (!py.ok) {
      process.stderr.write(`${py.message}\n`);
      return py.status;
    }
    const line = compare(exp, dir, py.report);
    if (args.keep || args.out) line.dir = dir;
    process.stderr.write(
      `${exp.manifest.run.label}: lab ${labSeconds.toFixed(1)} s on ${exp.manifest.lab!.backend}, ` +
        `PyTorch ${((performance.now() - started) / 1000 - labSeconds).toFixed(1)} s\n`,
    );
    process.stdout.write(`${JSON.stringify(line)}\n`);
    return 0;
  } finally {
    if (!args.keep && !args.out) rmSync(dir, { recursive: true, force: true });
  }
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    },
  );
}
