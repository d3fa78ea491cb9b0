import { useId, useState } from 'react';
import type { Config, FieldSpec } from '../core/config';
import { formatFieldValue, readFieldText } from '../core/permalink';

/** The valid range of a field, shown beside its control. */
export function rangeHint(spec: FieldSpec): string {
  switch (spec.kind) {
    case 'int':
    case 'number':
      return `${spec.kind === 'number' && spec.minExclusive ? '>' : ''}${spec.min} – ${spec.max}`;
    case 'scale':
      return `preset or ${spec.min} – ${spec.max}`;
    case 'regime':
      return `online or ${spec.min} – ${spec.max}`;
    case 'seed':
      return spec.optional ? 'auto or 0 – 2³²−1' : '0 – 2³²−1';
    default:
      return '';
  }
}

interface Props {
  spec: FieldSpec;
  value: Config[FieldSpec['key']];
  onChange: (value: Config[FieldSpec['key']]) => void;
  /** Validation errors of the whole experiment that concern this field (Start is blocked). */
  problems: string[];
  /** Warnings that concern it (the experiment runs, but the user should know). */
  warnings?: string[];
  disabled?: boolean;
}

/**
 * One field of the experiment. Text fields keep the user's draft until it is
 * valid, so a half-typed number never reaches the experiment or the URL, and
 * an invalid one stays on screen with the reason instead of vanishing.
 */
export function FieldControl({ spec, value, onChange, problems, warnings = [], disabled }: Props) {
  const id = useId();
  const hintId = `${id}-hint`;
  const committed = formatFieldValue(value);
  const [draft, setDraft] = useState(committed);
  const [draftError, setDraftError] = useState<string | null>(null);
  // A new committed value (from another control, a preset or Back) replaces the draft.
  const [shown, setShown] = useState(committed);
  if (shown !== committed) {
    setShown(committed);
    setDraft(committed);
    setDraftError(null);
  }

  const commit = (text: string) => {
    const read = readFieldText(spec, text);
    if ('error' in read) {
      setDraftError(read.error);
      return;
    }
    setDraftError(null);
    if (formatFieldValue(read.value) !== committed) onChange(read.value);
  };

  const messages = [...(draftError ? [draftError] : []), ...problems];
  const invalid = messages.length > 0;
  let control;
  if (spec.kind === 'enum') {
    control = (
      <select
        id={id}
        value={String(value)}
        disabled={disabled}
        onChange={(e) => commit(e.target.value)}
        aria-describedby={hintId}
      >
        {spec.options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    );
  } else if (spec.kind === 'bool') {
    control = (
      <input
        id={id}
        type="checkbox"
        checked={value === true}
        disabled={disabled}
        onChange={(e) => onChange(e.target.checked)}
        aria-describedby={hintId}
      />
    );
  } else {
    const list = spec.kind === 'scale' ? `${id}-presets` : spec.kind === 'regime' ? `${id}-regimes` : undefined;
    control = (
      <>
        <input
          id={id}
          type="text"
          inputMode={spec.kind === 'scale' || spec.kind === 'regime' ? 'text' : 'decimal'}
          value={draft}
          disabled={disabled}
          list={list}
          aria-invalid={invalid}
          aria-describedby={hintId}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => setDraft(e.target.value)}
          onBlur={() => commit(draft)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit(draft);
            if (e.key === 'Escape') {
              setDraft(committed);
              setDraftError(null);
            }
          }}
        />
        {spec.kind === 'scale' && (
          <datalist id={list}>
            {spec.presets.map((p) => (
              <option key={p} value={p} />
            ))}
          </datalist>
        )}
        {spec.kind === 'regime' && (
          <datalist id={list}>
            <option value="online" />
            <option value="5000" />
          </datalist>
        )}
      </>
    );
  }
  return (
    <div className={`field${invalid ? ' field-invalid' : ''}`} title={spec.help}>
      <label htmlFor={id}>{spec.label}</label>
      {control}
      <span id={hintId} className="field-hint">
        {rangeHint(spec)}
      </span>
      {invalid && (
        <ul className="field-problems" role="status">
          {messages.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
      {warnings.length > 0 && (
        <ul className="field-warnings" role="status">
          {warnings.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
