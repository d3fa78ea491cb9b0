/**
 * Making a parsed link valid (the last step of parsePermalink): the fields
 * the URL set and a validation error names are reverted to their defaults one
 * at a time, then compare-axis values that still cause errors are dropped,
 * and as a last resort any remaining URL setting is reverted. Every step
 * leaves a 'reverted' or 'rejected' notice quoting the error.
 */
import {
  DEFAULT_CONFIG,
  FIELDS,
  defaultExperiment,
  type AxisField,
  type Config,
  type Experiment,
  type FieldKey,
} from './config';
import { expandRuns } from './experiment';
import { formatFieldValue } from './fieldKinds';
import type { Notice } from './notices';
import { axisProblems, configProblems, validateExperiment, type Problem, type Validation } from './validate';

type Value = Config[FieldKey];
type AxisValue = Config[AxisField];

/** The key of the notice that says the whole link was replaced by the default experiment. */
const VERSION_KEY = 'v';

function withBase(e: Experiment, key: FieldKey, value: Value): Experiment {
  return { base: { ...e.base, [key]: value }, axes: e.axes };
}

function errorCount(e: Experiment): number {
  return validateExperiment(e).errors.length;
}

function inRun(problem: Problem): string {
  return problem.run ? ` (in the run ${problem.run})` : '';
}

/** Reverts one field to its default: of `candidates`, the one that leaves the fewest errors. */
function revertOne(e: Experiment, candidates: FieldKey[], problem: Problem, notices: Notice[]): void {
  let best = candidates[0]!;
  let fewest = Infinity;
  for (const key of candidates) {
    const n = errorCount(withBase(e, key, DEFAULT_CONFIG[key]));
    if (n < fewest) {
      fewest = n;
      best = key;
    }
  }
  notices.push({
    key: best,
    kind: 'reverted',
    message: `${best}=${formatFieldValue(e.base[best])} was reverted to ${formatFieldValue(DEFAULT_CONFIG[best])}: ${problem.message}${inRun(problem)}`,
  });
  (e.base as Record<FieldKey, Value>)[best] = DEFAULT_CONFIG[best];
}

/** Fields the URL set to something other than the default; the base value of an axis field does not matter. */
function revertible(e: Experiment, fromUrl: ReadonlySet<FieldKey>): FieldKey[] {
  const varied = new Set<FieldKey>(e.axes.map((a) => a.field));
  return FIELDS.map((f) => f.key).filter(
    (key) => fromUrl.has(key) && !varied.has(key) && e.base[key] !== DEFAULT_CONFIG[key],
  );
}

/** Step 1: revert a field that the URL set and that an error names. */
function revertNamedField(e: Experiment, v: Validation, fromUrl: ReadonlySet<FieldKey>, notices: Notice[]): boolean {
  const open = revertible(e, fromUrl);
  for (const problem of v.errors) {
    const candidates = open.filter((key) => problem.fields.includes(key));
    if (candidates.length) {
      revertOne(e, candidates, problem, notices);
      return true;
    }
  }
  return false;
}

/** Step 2: drop the axis value that the most failing runs blame. */
function dropAxisValue(e: Experiment, keys: string[], notices: Notice[]): boolean {
  if (e.axes.length === 0 || axisProblems(e.axes).length > 0) return false;
  const blame = e.axes.map((a) => a.values.map(() => ({ count: 0, problem: null as Problem | null })));
  for (const run of expandRuns(e)) {
    for (const problem of configProblems(run.config).errors) {
      e.axes.forEach((axis, i) => {
        if (!problem.fields.includes(axis.field)) return;
        const entry = blame[i]![axis.values.indexOf(run.values[axis.field] as AxisValue)];
        if (!entry) return;
        entry.count++;
        entry.problem ??= { ...problem, run: run.label };
      });
    }
  }
  let worst: { i: number; j: number; count: number; problem: Problem } | null = null;
  for (let i = 0; i < blame.length; i++) {
    const entries = blame[i]!;
    for (let j = 0; j < entries.length; j++) {
      const { count, problem } = entries[j]!;
      // Ties go to the later axis and the later value, as when trimming to MAX_RUNS.
      if (problem && count > 0 && (!worst || count >= worst.count)) worst = { i, j, count, problem };
    }
  }
  if (!worst) return false;
  const { i, j, problem } = worst;
  const axis = e.axes[i]!;
  const key = keys[i]!;
  const [value] = axis.values.splice(j, 1);
  notices.push({
    key,
    kind: 'rejected',
    message: `${key}: dropped ${axis.field}=${formatFieldValue(value as Value)} from the compare axis: ${problem.message}${inRun(problem)}`,
  });
  if (axis.values.length === 0) {
    e.axes.splice(i, 1);
    keys.splice(i, 1);
    notices.push({
      key,
      kind: 'rejected',
      message: `${key}: the ${axis.field} axis has no value left, so it was dropped`,
    });
  }
  return true;
}

/** Step 3: revert any remaining URL setting (the one that leaves the fewest errors). */
function revertAnyField(e: Experiment, v: Validation, fromUrl: ReadonlySet<FieldKey>, notices: Notice[]): boolean {
  const open = revertible(e, fromUrl);
  if (open.length === 0 || !v.errors[0]) return false;
  revertOne(e, open, v.errors[0], notices);
  return true;
}

/** Step 4: drop the last axis as a whole. */
function dropAxis(e: Experiment, keys: string[], v: Validation, notices: Notice[]): boolean {
  const axis = e.axes.pop();
  const key = keys.pop();
  if (!axis || key === undefined) return false;
  notices.push({
    key,
    kind: 'rejected',
    message: `${key}: the ${axis.field} axis was dropped: ${v.errors[0]?.message ?? 'its runs are not valid'}`,
  });
  return true;
}

/**
 * Makes the experiment valid. Every step reverts a field or removes an axis
 * value, so the loop ends; when it ends, validateExperiment(e).ok is true
 * (the last resort is the default experiment itself, which is valid).
 */
export function repair(e: Experiment, keys: string[], fromUrl: ReadonlySet<FieldKey>, notices: Notice[]): Experiment {
  for (;;) {
    const v = validateExperiment(e);
    if (v.ok) return e;
    if (revertNamedField(e, v, fromUrl, notices)) continue;
    if (dropAxisValue(e, keys, notices)) continue;
    if (revertAnyField(e, v, fromUrl, notices)) continue;
    if (dropAxis(e, keys, v, notices)) continue;
    break;
  }
  notices.push({
    key: VERSION_KEY,
    kind: 'reverted',
    message: 'this link does not describe a valid experiment, so the default experiment is shown',
  });
  return defaultExperiment();
}
