/**
 * Targets: what a figure promises (a comparison against a number) and how a
 * measurement is judged against it. Pure.
 */

export type Comparison = '>=' | '<=' | '<' | '>' | '=';

export interface Goal {
  op: Comparison;
  value: number;
  /** As printed: "0.90", not "0.9", where the decimals say how close the target is drawn. */
  text: string;
}

/** goal('>=', '0.90'): the text is what the targets table prints after the comparison. */
export function goal(op: Comparison, text: string): Goal {
  const value = Number(text);
  if (!Number.isFinite(value)) throw new Error(`a target needs a number, not "${text}"`);
  return { op, value, text };
}

export function goalText(g: Goal): string {
  return `${g.op} ${g.text}`;
}

/** Whether a measured value meets the goal; null when there is no value to judge. */
export function meets(g: Goal, value: number | null): boolean | null {
  if (value === null || !Number.isFinite(value)) return null;
  switch (g.op) {
    case '>=':
      return value >= g.value;
    case '<=':
      return value <= g.value;
    case '<':
      return value < g.value;
    case '>':
      return value > g.value;
    case '=':
      return value === g.value;
  }
}

/** A target a figure declares: its row label in the targets table and its goal. */
export interface TargetSpec {
  label: string;
  goal: Goal;
}

/** What a figure measured against one of its targets. */
export interface Measured {
  /** The TargetSpec's label. */
  label: string;
  /** As shown (rounded); null when it could not be measured. */
  value: number | null;
  /** Judged instead of `value` when given (a ratio of 0.897 misses 0.90 although it shows as 0.9). */
  exact?: number;
  /** False when the measurement does not answer the target (the app ran another backend, say). */
  judged?: boolean;
  note?: string;
}

/** One row of the report's targets table (the JSON format of every report so far). */
export interface TargetRow {
  figure: string;
  target: string;
  value: number | null;
  met: boolean | null;
  note?: string;
}

/**
 * The rows of one figure's targets: each declared target once, in declared
 * order, judged when measured; a target left unmeasured says why (`missing`).
 */
export function targetRows(specs: readonly TargetSpec[], measured: readonly Measured[], missing: string): TargetRow[] {
  return specs.map((spec) => {
    const m = measured.find((x) => x.label === spec.label);
    if (!m) return { figure: spec.label, target: goalText(spec.goal), value: null, met: null, note: missing };
    const met = m.judged === false ? null : meets(spec.goal, m.exact ?? m.value);
    return {
      figure: spec.label,
      target: goalText(spec.goal),
      value: m.value,
      met,
      ...(m.note ? { note: m.note } : {}),
    };
  });
}
