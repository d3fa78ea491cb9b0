/**
 * The export menu in a chart panel's header: a menu button (WAI-ARIA menu
 * pattern: Enter, Space or ArrowDown opens it on the first item, the arrow
 * keys, Home and End move, Escape closes it back onto the button). The
 * exporters themselves are loaded on first use, so the main bundle holds only
 * this component.
 */
import { memo, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import './export.css';
import { viewTitle } from '../app/viewRegistry';
import type { ExportFormat, ExportView } from './views';

type Item = { kind: 'file'; format: ExportFormat; label: string } | { kind: 'embed'; label: string };

const ITEMS: readonly Item[] = [
  { kind: 'file', format: 'svg', label: 'SVG image' },
  { kind: 'file', format: 'png', label: 'PNG image (2×)' },
  { kind: 'file', format: 'csv', label: 'CSV of the numbers' },
  { kind: 'file', format: 'json', label: 'JSON result (whole experiment)' },
  { kind: 'file', format: 'py', label: 'Python (PyTorch) script' },
  { kind: 'embed', label: 'Copy embed code' },
];

const STATUS_MS = 5000;

function ExportMenuOf({ view }: { view: ExportView }) {
  const id = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const itemRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const [open, setOpen] = useState(false);
  const [focusIndex, setFocusIndex] = useState(0);
  const [status, setStatus] = useState<string | null>(null);
  const [snippet, setSnippet] = useState<string | null>(null);
  const statusTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    if (open) itemRefs.current[focusIndex]?.focus();
  }, [open, focusIndex]);

  useEffect(() => {
    if (!open) return;
    const away = (e: PointerEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [open]);

  useEffect(
    () => () => {
      if (statusTimer.current) clearTimeout(statusTimer.current);
    },
    [],
  );

  const say = (text: string, sticky = false) => {
    setStatus(text);
    if (statusTimer.current) clearTimeout(statusTimer.current);
    if (!sticky) statusTimer.current = setTimeout(() => setStatus(null), STATUS_MS);
  };

  const openAt = (index: number) => {
    // Loaded while the user picks an item, so the chosen export reads the chart as it is at the click.
    void import('./exporters');
    setFocusIndex((index + ITEMS.length) % ITEMS.length);
    setOpen(true);
  };
  const close = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };

  const choose = async (item: Item) => {
    close();
    const panel = rootRef.current?.closest('.panel');
    say('Preparing…', true);
    try {
      const exporters = await import('./exporters');
      if (item.kind === 'embed') {
        const { snippet: code, copied } = await exporters.copyEmbedCode(view);
        setSnippet(copied ? null : code);
        say(copied ? 'Embed code copied' : 'Copy the embed code below');
        return;
      }
      if (!panel) throw new exporters.ExportProblem('the chart is not on the page');
      const name = await exporters.runExport(item.format, view, panel);
      say(`Saved ${name}`);
    } catch (e) {
      say(`Not exported: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  const onButtonKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      openAt(0);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      openAt(ITEMS.length - 1);
    }
  };
  const onMenuKey = (e: KeyboardEvent<HTMLUListElement>) => {
    const moves: Record<string, number> = {
      ArrowDown: focusIndex + 1,
      ArrowUp: focusIndex - 1,
      Home: 0,
      End: ITEMS.length - 1,
    };
    if (e.key in moves) {
      e.preventDefault();
      setFocusIndex((moves[e.key]! + ITEMS.length) % ITEMS.length);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      close();
    } else if (e.key === 'Tab') setOpen(false);
  };

  return (
    <div className="export-menu" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="export-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={`${id}-menu`}
        aria-label={`Export the ${viewTitle(view)}`}
        onClick={() => (open ? setOpen(false) : openAt(0))}
        onKeyDown={onButtonKey}
      >
        Export <span aria-hidden="true">▾</span>
      </button>
      <ul
        id={`${id}-menu`}
        role="menu"
        aria-label={`Export the ${viewTitle(view)}`}
        hidden={!open}
        onKeyDown={onMenuKey}
      >
        {ITEMS.map((item, i) => (
          <li key={item.label} role="none">
            <button
              ref={(b) => {
                itemRefs.current[i] = b;
              }}
              type="button"
              role="menuitem"
              tabIndex={i === focusIndex ? 0 : -1}
              onClick={() => void choose(item)}
            >
              {item.label}
            </button>
          </li>
        ))}
      </ul>
      {/* Kept in the page for screen readers; out of sight while the menu covers its place. */}
      <span className={`export-status${open ? ' visually-hidden' : ''}`} role="status">
        {status}
      </span>
      {snippet && (
        <div className="embed-snippet">
          <label htmlFor={`${id}-snippet`}>Embed code</label>
          <textarea id={`${id}-snippet`} readOnly value={snippet} rows={3} onFocus={(e) => e.target.select()} />
          <button type="button" onClick={() => setSnippet(null)}>
            Close
          </button>
        </div>
      )}
    </div>
  );
}

/**
 * Memoised on its one prop: a chart panel re-renders on every training update, and the menu under the
 * pointer must not re-render with it (a click on an item timed out once under load, issue 13 item 6).
 */
export const ExportMenu = memo(ExportMenuOf);
