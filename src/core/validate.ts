/**
 * Whole-experiment validation: the field-level checks of every field (its
 * kind's), the checks of the run's input kind (core/inputs), the ones that
 * concern the training set, the axes, and memory. Everything wrong comes
 * back in words a user can act on; nothing throws.
 */
import { runCount, settingAxes } from './axes';
import {
  FIELDS,
  FIELD_BY_KEY,
  MAX_AXIS_VALUES,
  MAX_RUNS,
  MAX_SETTING_AXES,
  SEED_AXIS_FIELD,
  isAxisField,
  type Axis,
  type Config,
  type Experiment,
} from './config';
import { expandRuns } from './experiment';
import { fieldProblem } from './fieldKinds';
import { inputKind } from './inputs/registry';
import { estimateRunBytes, formatBytes, MEMORY_BUDGET_BYTES, WORKER_FIXED_BYTES } from './memory';
import type { Problem, Problems } from './problem';

export type { Problem, Problems } from './problem';

export interface Validation {
  ok: boolean;
  errors: Problem[];
  warnings: Problem[];
}

/** Problems of one run's configuration in isolation. */
export function configProblems(c: Config): Problems {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  for (const spec of FIELDS) {
    const p = fieldProblem(spec, c[spec.key]);
    if (p) errors.push({ fields: [spec.key], message: p });
  }
  if (errors.length) return { errors, warnings };

  const kind = inputKind(c.inputs).problems(c);
  errors.push(...kind.errors);
  warnings.push(...kind.warnings);
  if (c.train !== 'online' && c.train < c.bs) {
    warnings.push({
      fields: ['train', 'bs'],
      message: `the training set (${c.train}) is smaller than a batch (${c.bs}); every step sees the whole set`,
    });
  }
  const bytes = estimateRunBytes(c);
  if (bytes > MEMORY_BUDGET_BYTES) {
    errors.push({
      fields: ['n', 'h', 'depth', 'bs', 'test', 'train'],
      message: `this run would need about ${formatBytes(bytes)}, above the ${formatBytes(MEMORY_BUDGET_BYTES)} a browser tab can count on`,
    });
  }
  return { errors, warnings };
}

/** Problems of the axes themselves, before any run is expanded. */
export function axisProblems(axes: readonly Axis[]): Problem[] {
  const problems: Problem[] = [];
  const settings = settingAxes(axes);
  if (settings.length > MAX_SETTING_AXES) {
    problems.push({
      fields: settings.map((a) => a.field),
      message: `at most ${MAX_SETTING_AXES} compare axes over settings (plus one over the seed); this experiment has ${settings.length}`,
    });
  }
  if (axes.length - settings.length > 1) {
    problems.push({ fields: [SEED_AXIS_FIELD], message: 'at most one compare axis over the seed' });
  }
  const fields = axes.map((a) => a.field);
  const repeated = fields.filter((f, i) => fields.indexOf(f) !== i);
  for (const field of new Set(repeated)) {
    if (field === SEED_AXIS_FIELD) continue; // said above
    problems.push({
      fields: [field],
      message: `two compare axes vary ${field}; pick different fields`,
    });
  }
  for (const axis of axes) {
    if (!isAxisField(axis.field)) {
      problems.push({ fields: [], message: `${String(axis.field)} cannot be a compare axis` });
      continue;
    }
    if (axis.values.length === 0)
      problems.push({ fields: [axis.field], message: `the ${axis.field} axis has no values` });
    if (axis.values.length > MAX_AXIS_VALUES) {
      problems.push({
        fields: [axis.field],
        message: `the ${axis.field} axis has ${axis.values.length} values; at most ${MAX_AXIS_VALUES}`,
      });
    }
    const seen = new Set(axis.values.map((v) => String(v)));
    if (seen.size !== axis.values.length) {
      problems.push({ fields: [axis.field], message: `the ${axis.field} axis repeats a value` });
    }
    for (const v of axis.values) {
      const p = fieldProblem(FIELD_BY_KEY[axis.field], v);
      if (p) problems.push({ fields: [axis.field], message: `compare axis value ${String(v)}: ${p}` });
    }
  }
  const runs = runCount(axes);
  if (runs > MAX_RUNS) {
    problems.push({
      fields: axes.map((a) => a.field),
      message: `${runs} runs; an experiment holds at most ${MAX_RUNS}`,
    });
  }
  return problems;
}

/** Everything wrong with an experiment, in words a user can act on. */
export function validateExperiment(e: Experiment): Validation {
  const errors: Problem[] = axisProblems(e.axes);
  const warnings: Problem[] = [];
  if (errors.length === 0) {
    const runs = expandRuns(e);
    const single = runs.length === 1;
    const seenMessages = new Set<string>();
    for (const run of runs) {
      const p = configProblems(run.config);
      for (const [list, target] of [
        [p.errors, errors],
        [p.warnings, warnings],
      ] as const) {
        for (const problem of list) {
          // One message per distinct problem: a base problem shows once, not once per run.
          const key = problem.message;
          if (seenMessages.has(key)) continue;
          seenMessages.add(key);
          const varied = problem.fields.some((f) => f in run.values);
          target.push(single || !varied ? problem : { ...problem, run: run.label });
        }
      }
    }
    // Runs train side by side in one tab: their memory adds up, plus at least one worker's own
    // (the split planner starts more workers only where memory allows them).
    const total = runs.reduce((sum, r) => sum + estimateRunBytes(r.config), 0) + WORKER_FIXED_BYTES;
    if (errors.length === 0 && total > MEMORY_BUDGET_BYTES) {
      errors.push({
        fields: e.axes.map((a) => a.field),
        message: `these ${runs.length} runs together would need about ${formatBytes(total)} with a training worker's own memory, above the ${formatBytes(MEMORY_BUDGET_BYTES)} a browser tab can count on; use fewer runs or smaller sizes`,
      });
    }
  }
  return { ok: errors.length === 0, errors, warnings };
}
