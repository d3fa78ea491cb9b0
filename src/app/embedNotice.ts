/**
 * An `embed` value that names no view: the page opens whole, with a notice
 * that says so and lists the names that work. The value is echoed with its
 * control and bidirectional characters escaped, so it cannot reorder the
 * notice's text, and cut short when long.
 */
import type { Notice } from '../core/permalink';
import { useStore } from '../state/store';

const MAX_ECHO = 40;

export function visibleText(raw: string): string {
  const cut = [...raw].length > MAX_ECHO ? `${[...raw].slice(0, MAX_ECHO).join('')}…` : raw;
  return cut.replace(
    /[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu,
    (c) => `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`,
  );
}

export function unknownEmbedNotice(raw: string, known: readonly string[]): Notice {
  return {
    key: 'embed',
    kind: 'rejected',
    message: `embed=${visibleText(raw)} names no view of the lab (embeddable: ${known.join(', ')}); the whole lab is shown instead.`,
  };
}

/** Adds the notice to the ones the page shows and drops the embed key from the URL. */
export function rejectEmbed(raw: string, known: readonly string[]): void {
  const s = useStore.getState();
  const notice = unknownEmbedNotice(raw, known);
  useStore.setState({ notices: [...s.notices.filter((n) => n.key !== 'embed'), notice] });
  s.setViewParams({ embed: null });
}
