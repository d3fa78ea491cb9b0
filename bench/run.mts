/**
 * `npm run bench`: the figures of BENCHMARKS.md, measured against the
 * production build in headless Chromium (scripts/browser.ts), and the
 * PyTorch anchor in bench/pytorch_anchor.py. One module per figure in
 * bench/figures/ (the list: bench/figures/index.mts), the shared parts in
 * bench/lib/.
 *
 *   npm run bench                  a readable table on stdout
 *   npm run bench -- --json        one JSON object on stdout (progress goes to stderr)
 *   npm run bench -- --quick       fewer steps and rounds, shorter time limits: a smoke run
 *   npm run bench -- --only overheadRatio,mainBundleGzipKiB
 *   npm run bench -- --build       rebuild dist/ first (it is built anyway when missing)
 *   npm run bench -- --note "..."  a remark stored with the machine (other load, say)
 *   npm run bench -- --print FILE  the table of a report saved with --json, measuring nothing
 *   npm run bench -- --list        the figures, one line each
 *
 * npm prints its own banner on stdout: `npm run -s bench -- --json > out.json`
 * keeps the file to the one object.
 *
 * A missed target is a result, not a failure: the exit code is 0 unless
 * something could not be measured at all (then 1, after the report).
 */
import type { ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../scripts/browser';
import { FIGURES } from './figures/index.mjs';
import { parseArgs, UsageError } from './lib/args.mjs';
import { makeContext } from './lib/context.mjs';
import { log } from './lib/log.mjs';
import { loadAverage, machineInfo } from './lib/machine.mjs';
import { parseSavedReport, readable, type Report } from './lib/report.mjs';
import { ensureBuild, snapshotDist, startPreview } from './lib/server.mjs';
import { round } from './lib/stats.mjs';
import { targetRows } from './lib/targets.mjs';

async function main(): Promise<number> {
  const args = parseArgs(
    process.argv.slice(2),
    FIGURES.map((f) => f.id),
  );
  if (args.help) {
    process.stderr.write(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('*/')[0] + '*/\n');
    return 0;
  }
  if (args.list) {
    for (const f of FIGURES) process.stdout.write(`${f.id}: ${f.description}\n`);
    return 0;
  }
  if (args.print) {
    process.stdout.write(readable(parseSavedReport(readFileSync(args.print, 'utf8')), FIGURES) + '\n');
    return 0;
  }
  const t0 = Date.now();
  ensureBuild(args.build);
  const dist = snapshotDist();
  let server: ChildProcess | null = null;
  let browser: Browser | null = null;
  let failed = false;
  try {
    const preview = await startPreview(dist);
    server = preview.server;
    log(`serving a copy of dist/ at ${preview.base}`);
    browser = await launchChromium();
    const report: Report = {
      date: new Date().toISOString(),
      machine: { ...machineInfo(args.note), chromium: `Chromium ${browser.version()}` },
      options: { quick: args.quick, only: args.only, dist: 'dist/ (copied at start)' },
      durationSeconds: 0,
      figures: {},
      targets: [],
      errors: [],
    };
    const seconds: Record<string, number> = {};
    const ctx = makeContext({
      quick: args.quick,
      selected: args.only,
      browser,
      base: preview.base,
      dist,
      errors: report.errors,
    });
    for (const figure of FIGURES.filter((f) => args.only.includes(f.id))) {
      const started = Date.now();
      log(`${figure.id}…`);
      try {
        const outcome = await figure.run(ctx);
        report.figures[figure.id] = outcome.value;
        report.targets.push(...targetRows(figure.targets, outcome.measured ?? [], outcome.missing ?? 'not measured'));
      } catch (e) {
        // One figure that cannot be measured does not take the others with it.
        failed = true;
        const why = e instanceof Error ? e.message : String(e);
        report.errors.push(`${figure.id} failed: ${why}`);
        report.targets.push(...targetRows(figure.targets, [], 'failed'));
        log(`${figure.id} failed: ${e instanceof Error ? (e.stack ?? why) : why}`);
      }
      seconds[figure.id] = round((Date.now() - started) / 1000, 1);
    }
    report.machine.loadAverageEnd = loadAverage();
    report.durationSeconds = round((Date.now() - t0) / 1000);
    report.figureSeconds = seconds;
    process.stdout.write(args.json ? JSON.stringify(report, null, 2) + '\n' : readable(report, FIGURES) + '\n');
  } finally {
    await browser?.close();
    server?.kill();
    rmSync(dist, { recursive: true, force: true });
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof UsageError) {
      process.stderr.write(`bench: ${e.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
