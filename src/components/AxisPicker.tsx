import { useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { AXIS_FIELDS, FIELD_BY_KEY, type Axis, type AxisField } from '../core/config';
import { formatFieldValue, quote, readFieldText } from '../core/permalink';
import { useStore } from '../state/store';

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

function AxisRow({ slot, axis, other }: { slot: 0 | 1; axis: Axis | undefined; other: Axis | undefined }) {
  const id = useId();
  const { axes, setAxes } = useStore(useShallow((s) => ({ axes: s.experiment.axes, setAxes: s.setAxes })));
  const committed = axis ? axis.values.map((v) => formatFieldValue(v)).join(', ') : '';
  const [draft, setDraft] = useState(committed);
  const [error, setError] = useState<string | null>(null);
  // New committed values (a preset, Back) replace the draft.
  const [shown, setShown] = useState(committed);
  if (shown !== committed) {
    setShown(committed);
    setDraft(committed);
    setError(null);
  }

  const replace = (next: Axis | null) => {
    const list = [...axes];
    if (next) list[slot] = next;
    else list.splice(slot, 1);
    setAxes(list.filter((a): a is Axis => a !== undefined));
  };
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
  const disabled = slot === 1 && axes.length === 0;
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
        {AXIS_FIELDS.filter((f) => f !== other?.field).map((f) => (
          <option key={f} value={f}>
            {FIELD_BY_KEY[f].label} ({f})
          </option>
        ))}
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

/** Chooses up to two compare axes: one gives overlaid curves, two a phase map. */
export function AxisPicker() {
  const axes = useStore((s) => s.experiment.axes);
  return (
    <fieldset className="axis-picker">
      <legend>Compare runs</legend>
      <AxisRow slot={0} axis={axes[0]} other={axes[1]} />
      <AxisRow slot={1} axis={axes[1]} other={axes[0]} />
    </fieldset>
  );
}
