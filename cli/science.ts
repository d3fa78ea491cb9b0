/**
 * `npm run -s science`: the checks of docs/science.md section 3 that a default
 * build must reproduce, each run through the same path as the CLI.
 * Prints each check with its measured value; exits 1 when one fails.
 */
import { parseArgs } from './args';
import { SCIENCE_CHECKS, evaluateCheck } from './science-checks';
import { runPermalink } from './run-permalink';

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2).filter((a) => a !== '--'));
  const only = 'error' in args ? '' : args.query;
  let failed = 0;
  for (const check of SCIENCE_CHECKS.filter((c) => !only || c.id.includes(only))) {
    const outcome = await runPermalink(check.query, {
      backend: 'error' in args ? null : args.backend,
      strategy: 'auto',
      progress: (line) => process.stderr.write(`  [${check.id}] ${line}\r`),
    });
    process.stderr.write('\n');
    if (!outcome.ok) {
      failed++;
      console.log(`FAIL ${check.id}: invalid experiment: ${outcome.errors.map((e) => e.message).join('; ')}`);
      continue;
    }
    const run = outcome.output.runs[0]!;
    const result = evaluateCheck(check, run.curve);
    if (!result.pass) failed++;
    console.log(
      `${result.pass ? 'PASS' : 'FAIL'} ${check.id}: ${check.claim}; measured ${result.measured.toFixed(4)} ` +
        `(${outcome.seconds.toFixed(1)} s on ${outcome.output.backend}; ?${check.query})`,
    );
  }
  console.log(failed ? `${failed} check(s) failed` : 'all checks passed');
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
