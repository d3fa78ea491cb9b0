/**
 * The picture of docs/science.md section 3 as checks on a run's curve: the same
 * random teacher is learned under Gaussian inputs and under low-k parity,
 * and not at all under k=7 parity or random labels within the budget.
 */
export interface ScienceCheck {
  id: string;
  query: string;
  claim: string;
  /** 'reaches': the NMSE at `step` is at most `bound`; 'stays': every NMSE up to `step` (after step 0) is at least `bound`. */
  kind: 'reaches' | 'stays';
  step: number;
  bound: number;
}

export const SCIENCE_CHECKS: readonly ScienceCheck[] = [
  {
    id: 'gaussian',
    query: 'inputs=gaussian&steps=5000&vs=none',
    claim: 'gaussian inputs reach NMSE <= 0.15 by step 5000',
    kind: 'reaches',
    step: 5000,
    bound: 0.15,
  },
  {
    id: 'parity-k2',
    query: 'k=2&steps=12000&vs=none',
    claim: 'parity k=2 reaches NMSE <= 0.1 by step 12000',
    kind: 'reaches',
    step: 12000,
    bound: 0.1,
  },
  {
    id: 'parity-k7',
    query: 'vs=none',
    claim: 'parity k=7 stays at NMSE >= 0.9 through step 8000',
    kind: 'stays',
    step: 8000,
    bound: 0.9,
  },
  {
    id: 'random',
    query: 'inputs=random&vs=none',
    claim: 'random labels stay at NMSE >= 0.9 through step 8000',
    kind: 'stays',
    step: 8000,
    bound: 0.9,
  },
];

export function evaluateCheck(
  check: ScienceCheck,
  curve: readonly { step: number; testNmse: number }[],
): { pass: boolean; measured: number } {
  const upTo = curve.filter((p) => p.step <= check.step);
  if (check.kind === 'reaches') {
    const at = upTo.find((p) => p.step === check.step) ?? upTo[upTo.length - 1];
    const measured = at ? at.testNmse : Number.NaN;
    return { pass: measured <= check.bound, measured };
  }
  const measured = Math.min(...upTo.filter((p) => p.step > 0).map((p) => p.testNmse));
  return { pass: measured >= check.bound, measured };
}
