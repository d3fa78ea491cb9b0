/**
 * `npx tsx tools/sweep/pairedSeeds.ts TWIN_SEEDS.json SWEEP.json --k 5 [--steps 10000,20000,40000,60000]`:
 * the lab's engine (a `npm run -s twin:seeds -- 'k=K' --run 1 --seeds 1-16 --steps S` file: NMSE per seed at
 * its checkpoints) against a PyTorch sweep of the wall (`vs=k:...&vs2=seed:...`), paired by seed. Each pair
 * must hold the same construction (the same secret bits), or the tool refuses. Per step: the medians and the
 * Wilcoxon signed-rank test on the paired NMSEs (src/core/wilcoxon.ts); and how many seeds each learned
 * (NMSE < 0.1) by the last step, with Fisher's exact test on the two counts. Prints Markdown.
 */
import { readFileSync } from 'node:fs';
import { median } from '../../src/core/aggregate';
import { LEARNED_NMSE } from '../../src/core/metrics';
import { parseResult } from '../../src/core/result';
import { signedRankTest } from '../../src/core/wilcoxon';
import { fisherExact } from './fisherExact';
import { parseCommandLine, stringFlag, UsageError } from '../lib/args';

interface TwinSeeds {
  runs: { seed: number; secret: number[]; nmse: Record<string, number> }[];
}

function main(): number {
  const line = parseCommandLine(process.argv.slice(2), { k: { type: 'string' }, steps: { type: 'string' } });
  if (line.positionals.length !== 2) throw new UsageError('give a twin:seeds file and a sweep result');
  const k = Number(stringFlag(line, 'k'));
  const steps = (stringFlag(line, 'steps') ?? '10000,20000,40000,60000').split(',').map(Number);
  const lab = JSON.parse(readFileSync(line.positionals[0]!, 'utf8')) as TwinSeeds;
  const read = parseResult(readFileSync(line.positionals[1]!, 'utf8'));
  if (!read.ok) throw new UsageError(`${line.positionals[1]}: ${read.reasons.join('; ')}`);
  const torch = new Map(
    read.result.runs.filter((r) => Number(r.values.k) === k).map((r) => [Number(r.values.seed), r] as const),
  );
  const pairs = lab.runs.map((l) => {
    const t = torch.get(l.seed);
    if (!t) throw new UsageError(`the sweep has no run k=${k}, seed=${l.seed}`);
    if (JSON.stringify(t.secret) !== JSON.stringify(l.secret))
      throw new UsageError(`seed ${l.seed}: the two hold different constructions`);
    const at = (s: number) => {
      const p = t.curve.find((q) => q.step === s);
      if (!p) throw new UsageError(`the sweep's k=${k}, seed=${l.seed} has no evaluation at ${s}`);
      return p.testNmse;
    };
    return { lab: l, at };
  });
  const out = [
    '| k | step | seeds | median NMSE, lab | median NMSE, PyTorch | Wilcoxon W+ | p |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const s of steps) {
    const a = pairs.map((p) => p.lab.nmse[String(s)]!);
    const b = pairs.map((p) => p.at(s));
    const t = signedRankTest(a, b);
    out.push(
      `| ${k} | ${s} | ${a.length} | ${median(a).toFixed(3)} | ${median(b).toFixed(3)} | ${t.wPlus} | ${t.p.toFixed(3)} |`,
    );
  }
  const last = steps[steps.length - 1]!;
  // Learned by `last`: at any of the lab's checkpoints up to it, and any of the sweep's evaluations.
  const labLearned = pairs.filter((p) =>
    Object.entries(p.lab.nmse).some(([s, v]) => Number(s) <= last && v < LEARNED_NMSE),
  ).length;
  const torchRun = (seed: number) => torch.get(seed)!;
  const torchLearned = pairs.filter((p) =>
    torchRun(p.lab.seed).curve.some((q) => q.step <= last && q.testNmse < LEARNED_NMSE),
  ).length;
  const n = pairs.length;
  const fisher = fisherExact(labLearned, n - labLearned, torchLearned, n - torchLearned);
  out.push(
    '',
    `learned by ${last}: lab ${labLearned} of ${n}, PyTorch ${torchLearned} of ${n}; Fisher's exact test p = ${fisher.toFixed(3)}`,
  );
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}

try {
  process.exit(main());
} catch (e) {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(e instanceof UsageError ? 2 : 1);
}
