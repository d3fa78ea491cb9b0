import { useShallow } from 'zustand/react/shallow';
import { FIELDS, usesConstruction, type Config, type FieldGroup, type FieldSpec, type Problem } from '../core/config';
import { useStore } from '../state/store';
import { FieldControl } from './FieldControl';

const GROUPS: { group: FieldGroup; title: string }[] = [
  { group: 'teacher', title: 'Teacher' },
  { group: 'inputs', title: 'Inputs' },
  { group: 'student', title: 'Student' },
  { group: 'training', title: 'Training' },
  { group: 'seeds', title: 'Seeds' },
  { group: 'runtime', title: 'Runtime' },
];

/** Values a field takes across the experiment: the base, or every value of an axis over it. */
function valuesOf<K extends keyof Config>(
  base: Config,
  axes: { field: string; values: unknown[] }[],
  key: K,
): Config[K][] {
  const axis = axes.find((a) => a.field === key);
  return axis ? (axis.values as Config[K][]) : [base[key]];
}

/** Fields that only matter for some settings are shown only when they do. */
export function isRelevant(spec: FieldSpec, base: Config, axes: { field: string; values: unknown[] }[]): boolean {
  const inputs = valuesOf(base, axes, 'inputs');
  const shapes = valuesOf(base, axes, 'w');
  switch (spec.key) {
    case 'wnu':
      return shapes.includes('student-t');
    case 'wp':
      return shapes.includes('sparse');
    case 'sigma':
      return inputs.includes('gaussian');
    case 'd':
    case 'c':
      return inputs.some(usesConstruction);
    case 'k':
      return inputs.some((i) => i === 'parity' || i === 'random');
    case 'clause':
      return inputs.includes('ksat');
    default:
      return true;
  }
}

/**
 * The messages to show beside field `key`. A problem that names several
 * fields (the training set and the batch size, say) is shown once, beside
 * the first of them that is on screen (`shown`), not beside each.
 */
export function problemsFor(key: string, problems: Problem[], shown?: ReadonlySet<string>): string[] {
  return problems
    .filter((p) => {
      const fields = p.fields as string[];
      const home = shown ? fields.find((f) => shown.has(f)) : fields[0];
      return home === key;
    })
    .map((p) => (p.run ? `${p.run}: ${p.message}` : p.message));
}

export function ControlPanel({ errors, warnings }: { errors: Problem[]; warnings: Problem[] }) {
  const { base, axes, setField } = useStore(
    useShallow((s) => ({ base: s.experiment.base, axes: s.experiment.axes, setField: s.setField })),
  );
  const shown = new Set<string>(FIELDS.filter((f) => isRelevant(f, base, axes)).map((f) => f.key));
  return (
    <form className="controls" aria-label="experiment settings" onSubmit={(e) => e.preventDefault()}>
      {GROUPS.map(({ group, title }) => {
        const fields = FIELDS.filter((f) => f.group === group && isRelevant(f, base, axes));
        return (
          <fieldset key={group} className={`group group-${group}`}>
            <legend>{title}</legend>
            {fields.map((spec) => {
              const axis = axes.find((a) => a.field === spec.key);
              return (
                <div key={spec.key}>
                  <FieldControl
                    spec={spec}
                    value={base[spec.key]}
                    onChange={(v) => setField(spec.key, v)}
                    problems={problemsFor(spec.key, errors, shown)}
                    warnings={problemsFor(spec.key, warnings, shown)}
                    disabled={axis !== undefined}
                  />
                  {axis && (
                    <p className="field-note">varied by the compare axis: {axis.values.map(String).join(', ')}</p>
                  )}
                </div>
              );
            })}
          </fieldset>
        );
      })}
    </form>
  );
}
