import { useShallow } from 'zustand/react/shallow';
import { FIELDS, isRelevant, type Config, type FieldGroup } from '../core/config';
import type { Problem } from '../core/validate';
import { useStore } from '../state/store';
import { FieldControl } from './FieldControl';
import { readLock } from '../app/lessonLock';

const GROUPS: { group: FieldGroup; title: string }[] = [
  { group: 'teacher', title: 'Teacher' },
  { group: 'inputs', title: 'Inputs' },
  { group: 'student', title: 'Student' },
  { group: 'training', title: 'Training' },
  { group: 'seeds', title: 'Seeds' },
  { group: 'runtime', title: 'Runtime' },
];

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
  const { experiment, setField, lock } = useStore(
    useShallow((s) => ({ experiment: s.experiment, setField: s.setField, lock: s.viewParams.lock })),
  );
  const locked = readLock(lock).groups;
  const { base, axes } = experiment;
  const shown = new Set<string>(FIELDS.filter((f) => isRelevant(f, experiment)).map((f) => f.key));
  return (
    <form className="controls" aria-label="experiment settings" onSubmit={(e) => e.preventDefault()}>
      {GROUPS.map(({ group, title }) => {
        const fields = FIELDS.filter((f) => f.group === group && shown.has(f.key));
        return (
          <fieldset key={group} className={`group group-${group}`} disabled={locked.includes(group)}>
            <legend>{title}</legend>
            {locked.includes(group) && <p className="lock-note">Locked by this lesson link</p>}
            {fields.map((spec) => {
              const axis = axes.find((a) => a.field === spec.key);
              return (
                <div key={spec.key}>
                  <FieldControl
                    spec={spec}
                    value={base[spec.key]}
                    onChange={(v) => setField(spec.key, v as Config[typeof spec.key])}
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
