/**
 * The thumbnails of a focused panel: one per group, the focused one marked.
 * A tab list (WAI-ARIA tabs, automatic activation): Tab reaches the focused
 * group's thumbnail, the arrow keys, Home and End move along the strip and
 * focus the group they land on, and the choice goes into the URL's `focus`.
 */
import { useRef, type KeyboardEvent, type ReactNode } from 'react';
import type { FocusGroup } from '../state/focus';

export function FocusStrip({
  label,
  groups,
  focused,
  onSelect,
  thumb,
  controls,
}: {
  /** what the strip chooses, for screen readers: "group shown in the weights panel" */
  label: string;
  groups: readonly FocusGroup[];
  focused: number;
  onSelect: (group: number) => void;
  /** the group's picture in small (decorative; the button's text names the group) */
  thumb: (g: FocusGroup) => ReactNode;
  /** id of the element that shows the focused group */
  controls: string;
}) {
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const n = groups.length;
    const moves: Record<string, number> = {
      ArrowRight: focused + 1,
      ArrowDown: focused + 1,
      ArrowLeft: focused - 1,
      ArrowUp: focused - 1,
      Home: 0,
      End: n - 1,
    };
    if (!(e.key in moves) || e.altKey || e.ctrlKey || e.metaKey) return;
    // Claimed here, so the story's own arrow keys do not also change the step.
    e.preventDefault();
    const next = (moves[e.key]! + n) % n;
    onSelect(next);
    buttons.current[next]?.focus();
  };
  return (
    <div className="focus-strip" role="tablist" aria-label={label} onKeyDown={onKey}>
      {groups.map((g, i) => (
        <button
          key={g.key || i}
          ref={(b) => {
            buttons.current[i] = b;
          }}
          type="button"
          role="tab"
          className="focus-thumb"
          aria-selected={i === focused}
          aria-controls={controls}
          tabIndex={i === focused ? 0 : -1}
          data-focus-key={g.key}
          onClick={() => onSelect(i)}
        >
          {thumb(g)}
          <span className="focus-thumb-label">{g.label}</span>
        </button>
      ))}
    </div>
  );
}
