/**
 * `npm run -s record [-- options]`: records every preset and every story
 * step with the CLI's code path (cli/run-permalink.ts) into
 * public/recorded/<id>.json, decimated (src/core/decimateResult.ts), and
 * writes public/recorded/index.json (experimentKey -> file). A recording is
 * up to date, and skipped, when its file parses, belongs to the experiment
 * and was recorded from the engine source as it is now (a hash of src/core,
 * src/train and the CLI's runner).
 *
 *   --only a,b       record only these ids (see --list)
 *   --max-run-steps N  skip experiments longer than N run-steps (the long presets)
 *   --force          record even what is up to date
 *   --list           print the ids, their run-steps and whether they are up to date
 *   --from FILE      with --only ID: ship a PyTorch sweep's result as the recording of a preset recorded
 *                    by the sweep (its `recordedBy: 'sweep'`), thinned (src/core/thinResult.ts)
 *
 * A preset recorded by the sweep is too long for this machine's engine (the
 * 16-seed wall: 9.6 million run-steps); it is trained with `npm run -s sweep`
 * and shipped with --from, and stays up to date until its experiment changes.
 *
 * Runs at a low priority (nice 10) of its own accord: it is meant to run in
 * the background on a shared machine.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { join, relative } from 'node:path';
import { runPermalink } from '../cli/run-permalink';
import { PRESETS } from '../src/components/presets';
import { STORY } from '../src/components/storySteps';
import { expandRuns } from '../src/core/experiment';
import { decimateResult } from '../src/core/decimateResult';
import { parsePermalink } from '../src/core/permalink';
import { emptyRecordedIndex, parseRecordedIndex, type RecordedIndex } from '../src/core/recordedIndex';
import { experimentKey, parseResult, serialiseResult, type ResultFile } from '../src/core/result';
import { thinResult } from '../src/core/thinResult';

const DIR = 'public/recorded';
const INDEX = join(DIR, 'index.json');
/** The whole recorded set ships with the page: keep it under this. */
const BUDGET_BYTES = 1024 * 1024;
/** What decides the numbers: the engine and the pure code it runs. */
const SOURCE_ROOTS = ['src/core', 'src/train', 'cli/run-permalink.ts'];

interface Entry {
  id: string;
  query: string;
  key: string;
  runSteps: number;
  file: string;
  /** Trained by the PyTorch sweep and shipped with --from, never by this script's engine. */
  bySweep: boolean;
}

/** The index's source of a recording shipped from a sweep: the engine and device, never the lab's source hash. */
const SWEEP_SOURCE = 'sweep:';

function sourceFiles(path: string): string[] {
  if (statSync(path).isFile()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .flatMap((d) => sourceFiles(join(path, d.name)))
    .filter((f) => f.endsWith('.ts'));
}

export function engineHash(): string {
  const h = createHash('sha256');
  for (const f of SOURCE_ROOTS.flatMap(sourceFiles).sort()) {
    h.update(relative('.', f));
    h.update('\0');
    h.update(readFileSync(f));
    h.update('\0');
  }
  return h.digest('hex').slice(0, 16);
}

/** Presets first (their ids name the files), then the story steps no preset covers. */
function entries(): Entry[] {
  const out: Entry[] = [];
  const add = (id: string, query: string, bySweep = false) => {
    const { experiment, notices } = parsePermalink(query);
    if (notices.length)
      throw new Error(`${id}: the query ${JSON.stringify(query)} opens with notices: ${notices[0]!.message}`);
    const key = experimentKey(experiment);
    if (out.some((e) => e.key === key)) return;
    const runSteps = expandRuns(experiment).reduce((s, r) => s + r.config.steps, 0);
    out.push({ id, query, key, runSteps, file: `${id}.json`, bySweep });
  };
  for (const p of PRESETS) add(p.id, p.query, p.recordedBy === 'sweep');
  STORY.forEach((s, i) => add(`story-${i + 1}`, s.query));
  return out;
}

function readIndex(): RecordedIndex {
  if (!existsSync(INDEX)) return emptyRecordedIndex();
  const read = parseRecordedIndex(readFileSync(INDEX, 'utf8'));
  if (!read.ok) throw new Error(`${INDEX}: ${read.reason}; delete it to start afresh`);
  return read.index;
}

function upToDate(e: Entry, index: RecordedIndex, hash: string): boolean {
  const path = join(DIR, e.file);
  const source = index.sources[e.file] ?? '';
  const fresh = e.bySweep ? source.startsWith(SWEEP_SOURCE) : source === hash;
  if (!existsSync(path) || !fresh || index.recordings[e.key] !== e.file) return false;
  const read = parseResult(readFileSync(path, 'utf8'));
  return read.ok && experimentKey(read.experiment) === e.key;
}

function writeIndex(index: RecordedIndex, all: Entry[]): void {
  // Only what the presets and the story still name: a preset whose query changed leaves no stale key behind.
  const keep = new Set(all.map((e) => e.file));
  const named = new Map(all.map((e) => [e.key, e.file]));
  const recordings = Object.fromEntries(
    Object.entries(index.recordings)
      .filter(([k, f]) => named.get(k) === f)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  const sources = Object.fromEntries(
    Object.entries(index.sources)
      .filter(([f]) => keep.has(f))
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
  writeFileSync(INDEX, `${JSON.stringify({ ...index, recordings, sources }, null, 1)}\n`);
}

function parseFlags(argv: string[]) {
  const flags = {
    only: null as Set<string> | null,
    maxRunSteps: Infinity,
    force: false,
    list: false,
    from: null as string | null,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--only') flags.only = new Set((argv[++i] ?? '').split(',').filter(Boolean));
    else if (a === '--max-run-steps') flags.maxRunSteps = Number(argv[++i]);
    else if (a === '--force') flags.force = true;
    else if (a === '--list') flags.list = true;
    else if (a === '--from') flags.from = argv[++i] ?? '';
    else throw new Error(`unknown option ${a}; options: --only id,id  --max-run-steps N  --force  --list  --from FILE`);
  }
  if (!(flags.maxRunSteps > 0)) throw new Error('--max-run-steps takes a positive number');
  if (flags.from !== null && (!flags.from || flags.only?.size !== 1))
    throw new Error('--from takes a sweep result file, with --only and one preset id');
  return flags;
}

/** A sweep's result for this preset, thinned and read back; refused when it is of another experiment. */
function fromSweep(e: Entry, path: string): { result: ResultFile; text: string } {
  const read = parseResult(readFileSync(path, 'utf8'));
  if (!read.ok) throw new Error(`${path}: ${read.reasons.join('; ')}`);
  if (experimentKey(read.experiment) !== e.key)
    throw new Error(`${path} holds ?${experimentKey(read.experiment)}, not ${e.id}'s ?${e.key}`);
  const result = thinResult(decimateResult(read.result));
  const text = serialiseResult(result);
  const check = parseResult(text);
  if (!check.ok) throw new Error(`${e.id}: the recording does not read back: ${check.reasons.join('; ')}`);
  return { result, text };
}

async function main(): Promise<number> {
  const flags = parseFlags(process.argv.slice(2));
  try {
    setPriority(10);
  } catch {
    // Not permitted here: run at the priority we were given.
  }
  const all = entries();
  const hash = engineHash();
  const index = readIndex();
  if (flags.only) {
    const unknown = [...flags.only].filter((id) => !all.some((e) => e.id === id));
    if (unknown.length)
      throw new Error(`unknown id ${unknown.join(', ')}; the ids are ${all.map((e) => e.id).join(', ')}`);
  }
  if (flags.list) {
    for (const e of all) {
      process.stdout.write(
        `${e.id.padEnd(14)} ${String(e.runSteps).padStart(8)} run-steps  ${upToDate(e, index, hash) ? 'up to date' : 'to record'}  ?${e.key}\n`,
      );
    }
    return 0;
  }
  for (const e of all) {
    if (flags.only && !flags.only.has(e.id)) continue;
    if (e.bySweep || flags.from) {
      if (!flags.from) {
        if (!upToDate(e, index, hash))
          process.stderr.write(
            `${e.id}: recorded by the sweep; npm run -s sweep -- '${e.query}' --out F.json, then npm run -s record -- --only ${e.id} --from F.json\n`,
          );
        continue;
      }
      if (!e.bySweep) throw new Error(`${e.id} is recorded by this script, not from a sweep's file`);
      const shipped = fromSweep(e, flags.from);
      writeFileSync(join(DIR, e.file), `${shipped.text}\n`);
      index.recordings[e.key] = e.file;
      index.sources[e.file] = `${SWEEP_SOURCE}${shipped.result.engine ?? 'lab'}:${shipped.result.device ?? 'cpu'}`;
      writeIndex(index, all);
      process.stderr.write(`${e.id}: from ${flags.from}, ${(shipped.text.length / 1024).toFixed(1)} KiB\n`);
      continue;
    }
    if (e.runSteps > flags.maxRunSteps) {
      process.stderr.write(`${e.id}: ${e.runSteps} run-steps, above --max-run-steps; skipped\n`);
      continue;
    }
    if (!flags.force && upToDate(e, index, hash)) {
      process.stderr.write(`${e.id}: up to date\n`);
      continue;
    }
    process.stderr.write(`${e.id}: recording ?${e.key} (${e.runSteps} run-steps)\n`);
    const outcome = await runPermalink(e.query, {
      backend: null,
      strategy: 'auto',
      progress: (line) => process.stderr.write(`  ${line}\r`),
    });
    if (!outcome.ok) throw new Error(`${e.id}: ${outcome.errors.map((x) => x.message).join('; ')}`);
    const result = decimateResult(outcome.output);
    const text = serialiseResult(result);
    const check = parseResult(text);
    if (!check.ok) throw new Error(`${e.id}: the recording does not read back: ${check.reasons.join('; ')}`);
    writeFileSync(join(DIR, e.file), `${text}\n`);
    index.recordings[e.key] = e.file;
    index.sources[e.file] = hash;
    writeIndex(index, all);
    process.stderr.write(
      `\n${e.id}: ${outcome.seconds.toFixed(0)} s, ${(outcome.runSteps / outcome.seconds).toFixed(0)} run-steps/s, ${(text.length / 1024).toFixed(1)} KiB\n`,
    );
  }
  writeIndex(index, all);
  const total = readdirSync(DIR).reduce((s, f) => s + statSync(join(DIR, f)).size, 0);
  process.stderr.write(`recorded set: ${(total / 1024).toFixed(1)} KiB in ${DIR}\n`);
  if (total > BUDGET_BYTES) {
    process.stderr.write(`the recorded set is above its budget of ${BUDGET_BYTES / 1024} KiB\n`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
