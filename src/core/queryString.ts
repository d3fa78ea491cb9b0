/**
 * Query strings as text: the decoded key/value pairs of a link, tolerant of
 * malformed percent-encoding (the text is then reported, never trusted).
 */

function decode(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    // Malformed percent-encoding: keep the text as it is; it will be reported, not trusted.
    return spaced;
  }
}

/** The decoded key/value pairs of a query string, in order; a leading `?` and a `#` fragment are ignored. */
export function readPairs(query: string | URLSearchParams): [string, string][] {
  if (typeof query !== 'string') return Array.from(query);
  let text = query;
  const hash = text.indexOf('#');
  if (hash >= 0) text = text.slice(0, hash);
  if (text.startsWith('?')) text = text.slice(1);
  const pairs: [string, string][] = [];
  for (const part of text.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    pairs.push(eq < 0 ? [decode(part), ''] : [decode(part.slice(0, eq)), decode(part.slice(eq + 1))]);
  }
  return pairs;
}
