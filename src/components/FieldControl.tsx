import { useId, useState } from 'react';
import type { FieldSpec } from '../core/config';
import { formatFieldValue, kindOf, type FieldValue } from '../core/fieldKinds';
import { readFieldText } from '../core/permalink';

interface Props {
  spec: FieldSpec;
  value: FieldValue;
  onChange: (value: FieldValue) => void;
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
  const kind = kindOf(spec);
  const suggestions = kind.suggestions(spec);
  const listId = `${id}-suggestions`;
  let control;
  if (kind.control === 'select') {
    control = (
      <select
        id={id}
        value={String(value)}
        disabled={disabled}
        onChange={(e) => commit(e.target.value)}
        aria-describedby={hintId}
      >
        {suggestions.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    );
  } else if (kind.control === 'checkbox') {
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
    control = (
      <>
        <input
          id={id}
          type="text"
          inputMode={kind.numeric && suggestions.length === 0 ? 'decimal' : 'text'}
          value={draft}
          disabled={disabled}
          list={suggestions.length ? listId : undefined}
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
        {suggestions.length > 0 && (
          <datalist id={listId}>
            {suggestions.map((p) => (
              <option key={p} value={p} />
            ))}
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
        {kind.hint(spec)}
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
