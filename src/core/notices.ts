/**
 * What the permalink parser says about a link it had to change: the notice
 * type, and user text quoted back safely (no control characters, no
 * bidirectional overrides, a bounded length).
 */
import type { FieldSpec } from './fieldSpec';

export interface Notice {
  /** The key of the query string the notice is about (a field, `v`, `vs`, `vs2`, `vs3`, or an unknown key). */
  key: string;
  kind: 'rejected' | 'clamped' | 'unknown' | 'repeated' | 'reverted' | 'migrated';
  /** Plain words for a lecturer: what was wrong and what would be valid. */
  message: string;
}

/** Longest piece of user text quoted back in a notice. */
const MAX_QUOTED = 40;

/**
 * Bidirectional formatting characters (embeddings, overrides, isolates, marks):
 * echoed raw into a notice they would reorder the text after them.
 */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

/**
 * User text quoted back as plain text: no control characters, bidirectional
 * controls shown as their escape (\u202E), at most MAX_QUOTED characters.
 */
export function quote(text: string): string {
  const chars = Array.from(text, (ch) => {
    const code = ch.codePointAt(0) ?? 0;
    if (BIDI_CONTROLS.test(ch)) return `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
    return code < 0x20 || (code >= 0x7f && code < 0xa0) ? '\uFFFD' : ch;
  });
  return chars.length > MAX_QUOTED ? `${chars.slice(0, MAX_QUOTED - 1).join('')}…` : chars.join('');
}

/** Up to five quoted texts and how many more. */
export function listQuoted(texts: string[]): string {
  const shown = texts.slice(0, 5).map((t) => (t === '' ? '(empty)' : quote(t)));
  return texts.length > 5 ? `${shown.join(', ')} and ${texts.length - 5} more` : shown.join(', ');
}

/** A field as notices name it: `n (input dimension)`. */
export function name(spec: FieldSpec): string {
  return `${spec.key} (${spec.label})`;
}
