/**
 * `npx tsx scripts/compare-results.mts a.json b.json [--tolerance 1e-5] [--json]`:
 * compares two result files (a browser export and a CLI run of the same
 * permalink, say) run by run and prints the largest relative difference of
 * the test NMSE and the training loss per run, over the steps both hold.
 * Exit status 0 when they agree within the tolerance, 1 when they differ,
 * 2 when a file cannot be read as a result.
 */
import { readFile } from 'node:fs/promises';
import { parseResult } from '../src/core/result';
import { agree, compareResults, formatComparison } from '../src/export/compareResults';

/** float32 carries about 7 significant digits; the same backend repeats its rounding exactly or nearly so. */
const DEFAULT_TOLERANCE = 1e-5;

const USAGE = 'usage: npx tsx scripts/compare-results.mts A.json B.json [--tolerance 1e-5] [--json]';

async function main(argv: string[]): Promise<number> {
  const files: string[] = [];
  let tolerance = DEFAULT_TOLERANCE;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') json = true;
    else if (arg === '--tolerance') {
      tolerance = Number(argv[++i]);
      if (!(tolerance >= 0)) {
        process.stderr.write(`--tolerance needs a number >= 0\n${USAGE}\n`);
        return 2;
      }
    } else if (arg.startsWith('-')) {
      process.stderr.write(`unknown option ${arg}\n${USAGE}\n`);
      return 2;
    } else files.push(arg);
  }
  if (files.length !== 2) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const results = [];
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      process.stderr.write(`${file}: ${e instanceof Error ? e.message : String(e)}\n`);
      return 2;
    }
    const parsed = parseResult(text);
    if (!parsed.ok) {
      process.stderr.write(
        `${file} is not a result the lab can read:\n${parsed.reasons.map((r) => `  - ${r}`).join('\n')}\n`,
      );
      return 2;
    }
    results.push(parsed.result);
  }
  const c = compareResults(results[0]!, results[1]!);
  const ok = agree(c, tolerance);
  process.stdout.write(
    json ? `${JSON.stringify({ ...c, tolerance, agree: ok })}\n` : `${formatComparison(c, tolerance)}\n`,
  );
  return ok ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(2);
  },
);
