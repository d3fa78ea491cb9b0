/**
 * `npm run -s experiment -- '<query>' [--json]`: run any permalink headless.
 */
import { parseArgs, USAGE } from './args';
import { formatTable, runPermalink } from './run-permalink';

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if ('error' in args) {
    if (args.error) process.stderr.write(`${args.error}\n`);
    process.stderr.write(`${USAGE}\n`);
    return args.error ? 2 : 0;
  }
  const outcome = await runPermalink(args.query, {
    backend: args.backend,
    strategy: args.strategy,
    lenient: args.lenient,
    ...(args.workers !== null ? { workers: args.workers } : {}),
    progress: args.quiet ? undefined : (line) => process.stderr.write(`${line}\n`),
  });
  if (!outcome.ok) {
    process.stderr.write('this experiment cannot run:\n');
    for (const e of outcome.errors) process.stderr.write(`  - ${e.run ? `${e.run}: ` : ''}${e.message}\n`);
    return 2;
  }
  const { output, seconds, runSteps } = outcome;
  if (!args.quiet) {
    for (const n of output.notices) process.stderr.write(`notice: ${n.message}\n`);
    process.stderr.write(
      `${runSteps} run-steps in ${seconds.toFixed(1)} s on ${output.backend} with ${outcome.workers} worker(s): ${(runSteps / seconds).toFixed(0)} run-steps/s\n`,
    );
  }
  process.stdout.write(args.json ? `${JSON.stringify(output)}\n` : `${formatTable(output)}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
