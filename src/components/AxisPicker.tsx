import { useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { AXIS_FIELDS, FIELD_BY_KEY, SEED_AXIS_FIELD, type Axis, type AxisField } from '../core/config';
import { readFieldText } from '../core/permalink';
import { useStore } from '../state/store';
import { isSeedAxis, seedAxis, settingAxes } from '../core/axes';
import { formatFieldValue } from '../core/fieldKinds';
import { quote } from '../core/notices';
import { axesLocked, axisFieldLocked, readLock } from '../app/lessonLock';

/** Sensible first values when a field becomes an axis, so the picker is never empty. */
const STARTER_VALUES: Partial<Record<AxisField, string>> = {
  inputs: 'gaussian, parity, random',
  w: 'normal, uniform, rademacher',
  k: '2, 3, 4, 5, 6, 7',
  h: '16, 128, 1024',
  lr: '0.0001, 0.001, 0.01',
  opt: 'adam, sgd',
  act: 'relu, tanh',
  depth: '1, 2, 3',
  d: '20, 50, 100',
};

export function parseAxisValues(field: AxisField, text: string): { values: Axis['values'] } | { error: string } {
  const parts = text
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
  if (parts.length === 0) return { error: 'give at least one value, separated by commas' };
  const values: Axis['values'] = [];
  for (const part of parts) {
    const read = readFieldText(FIELD_BY_KEY[field], part);
    if ('error' in read) return { error: `${quote(part)}: ${read.error}` };
    if (values.some((v) => formatFieldValue(v) === formatFieldValue(read.value)))
      return { error: `${quote(part)} appears twice` };
    values.push(read.value as Axis['values'][number]);
  }
  return { values };
}

/**
 * The axes with the `slot`-th axis over settings replaced (or removed, or
 * added): the others keep their places, so the seed axis stays where it was;
 * a new setting axis goes before the seed axis.
 */
export function withSettingAxis(axes: readonly Axis[], slot: number, next: Axis | null): Axis[] {
  const at = axes.map((a, i) => (isSeedAxis(a) ? -1 : i)).filter((i) => i >= 0);
  const list = [...axes];
  const i = at[slot];
  if (i !== undefined) {
    if (next) list[i] = next;
    else list.splice(i, 1);
    return list;
  }
  if (!next) return list;
  const seed = list.findIndex(isSeedAxis);
  if (seed >= 0) list.splice(seed, 0, next);
  else list.push(next);
  return list;
}

/** The axes with the seed axis replaced, removed or (at the end) added. */
export function withSeedAxis(axes: readonly Axis[], next: Axis | null): Axis[] {
  const i = axes.findIndex(isSeedAxis);
  const list = [...axes];
  if (i >= 0) {
    if (next) list[i] = next;
    else list.splice(i, 1);
  } else if (next) list.push(next);
  return list;
}

/** A draft text that follows new committed values (a preset, Back) and keeps its own error. */
function useDraft(committed: string) {
  const [draft, setDraft] = useState(committed);
  const [error, setError] = useState<string | null>(null);
  const [shown, setShown] = useState(committed);
  if (shown !== committed) {
    setShown(committed);
    setDraft(committed);
    setError(null);
  }
  return { draft, setDraft, error, setError };
}

const SETTING_FIELDS = AXIS_FIELDS.filter((f) => f !== SEED_AXIS_FIELD);

function AxisRow({ slot, axis, other }: { slot: 0 | 1; axis: Axis | undefined; other: Axis | undefined }) {
  const id = useId();
  const { axes, setAxes, lock } = useStore(
    useShallow((s) => ({ axes: s.experiment.axes, setAxes: s.setAxes, lock: s.viewParams.lock })),
  );
  // a lesson link's locked groups are not offered as new axes (lessonLock.ts)
  const locked = readLock(lock).groups;
  const committed = axis ? axis.values.map((v) => formatFieldValue(v)).join(', ') : '';
  const { draft, setDraft, error, setError } = useDraft(committed);

  const replace = (next: Axis | null) => setAxes(withSettingAxis(axes, slot, next));
  const commitValues = (text: string) => {
    if (!axis) return;
    const read = parseAxisValues(axis.field, text);
    if ('error' in read) setError(read.error);
    else {
      setError(null);
      if (read.values.map((v) => formatFieldValue(v)).join(', ') !== committed)
        replace({ field: axis.field, values: read.values });
    }
  };
  const chooseField = (field: string) => {
    if (field === '') return replace(null);
    const f = field as AxisField;
    const read = parseAxisValues(f, STARTER_VALUES[f] ?? formatFieldValue(useStore.getState().experiment.base[f]));
    replace({ field: f, values: 'error' in read ? [useStore.getState().experiment.base[f]] : read.values });
  };
  const disabled = slot === 1 && settingAxes(axes).length === 0;
  return (
    <div className="axis-row">
      <label htmlFor={`${id}-field`}>{slot === 0 ? 'compare' : 'against'}</label>
      <select
        id={`${id}-field`}
        value={axis?.field ?? ''}
        disabled={disabled}
        onChange={(e) => chooseField(e.target.value)}
      >
        <option value="">{slot === 0 ? 'nothing (one run)' : 'nothing'}</option>
        {SETTING_FIELDS.filter((f) => f !== other?.field && (f === axis?.field || !axisFieldLocked(f, locked))).map(
          (f) => (
            <option key={f} value={f}>
              {FIELD_BY_KEY[f].label} ({f})
            </option>
          ),
        )}
      </select>
      {axis && (
        <>
          <label htmlFor={`${id}-values`} className="visually-hidden">
            values of {FIELD_BY_KEY[axis.field].label}
          </label>
          <input
            id={`${id}-values`}
            type="text"
            value={draft}
            aria-invalid={error !== null}
            spellCheck={false}
            onChange={(e) => setDraft(e.target.value)}
            onBlur={() => commitValues(draft)}
            onKeyDown={(e) => e.key === 'Enter' && commitValues(draft)}
          />
        </>
      )}
      {error && (
        <p className="field-problems" role="status">
          {error}
        </p>
      )}
    </div>
  );
}

/** Repeats every run over a list of master seeds: the views then show the median and the spread. */
function SeedRow({ axis }: { axis: Axis | undefined }) {
  const id = useId();
  const { axes, setAxes } = useStore(useShallow((s) => ({ axes: s.experiment.axes, setAxes: s.setAxes })));
  const committed = axis ? axis.values.map((v) => formatFieldValue(v)).join(', ') : '';
  const { draft, setDraft, error, setError } = useDraft(committed);
  const commit = (text: string) => {
    if (text.trim() === '') {
      setError(null);
      if (axis) setAxes(withSeedAxis(axes, null));
      return;
    }
    const read = parseAxisValues(SEED_AXIS_FIELD, text);
    if ('error' in read) return setError(read.error);
    setError(null);
    if (read.values.map((v) => formatFieldValue(v)).join(', ') !== committed)
      setAxes(withSeedAxis(axes, { field: SEED_AXIS_FIELD, values: read.values }));
  };
  return (
    <div className="axis-row">
      <label htmlFor={`${id}-seeds`}>over seeds</label>
      <input
        id={`${id}-seeds`}
        type="text"
        value={draft}
        placeholder="one seed; e.g. 1, 2, 3"
        aria-invalid={error !== null}
        aria-describedby={`${id}-seeds-help`}
        spellCheck={false}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => commit(draft)}
        onKeyDown={(e) => e.key === 'Enter' && commit(draft)}
      />
      <p id={`${id}-seeds-help`} className="field-note">
        master seeds: every run is repeated once per seed; the charts show the median and the spread
      </p>
      {error && (
        <p className="field-problems" role="status">
          {error}
        </p>
      )}
    </div>
  );
}

/** Chooses up to two compare axes (one gives overlaid curves, two a phase map), and the seeds to repeat them over. */
export function AxisPicker() {
  const { axes, lock } = useStore(useShallow((s) => ({ axes: s.experiment.axes, lock: s.viewParams.lock })));
  const [first, second] = settingAxes(axes);
  const locked = axesLocked(axes, readLock(lock).groups);
  return (
    <fieldset className="axis-picker" disabled={locked}>
      <legend>Compare runs</legend>
      {locked && <p className="lock-note">Locked by this lesson link</p>}
      <AxisRow slot={0} axis={first} other={second} />
      <AxisRow slot={1} axis={second} other={first} />
      <SeedRow axis={seedAxis(axes)} />
    </fieldset>
  );
}
