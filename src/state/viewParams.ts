/**
 * Keys of the URL that choose how the page shows an experiment, not what the
 * experiment is: the story step (`story=N`), the one-chart embed
 * (`embed=loss`), the group the science panels focus on (`focus=k:5`,
 * state/focus.ts), the audience question (`ask=1`) and whether its answer is
 * shown (`revealed=1`), the lesson link's locked groups of controls
 * (`lock=teacher,inputs`), and how the loss chart shows two compare axes
 * (`loss=overlay`; small multiples by default, core/lossLayout.ts). They are split off before the permalink parser
 * sees the query (to which they would be unknown keys) and written back after
 * the experiment's own keys, so a link keeps both.
 */
export const VIEW_KEYS = ['story', 'embed', 'focus', 'ask', 'revealed', 'lock', 'loss'] as const;
export type ViewKey = (typeof VIEW_KEYS)[number];

/** The raw text of each view key in the URL, or null when absent; the layouts interpret them. */
export type ViewParams = Record<ViewKey, string | null>;

export const NO_VIEW_PARAMS: ViewParams = Object.freeze({
  story: null,
  embed: null,
  focus: null,
  ask: null,
  revealed: null,
  lock: null,
  loss: null,
});

function isViewKey(key: string): key is ViewKey {
  return (VIEW_KEYS as readonly string[]).includes(key);
}

function decodedKey(part: string): string {
  const eq = part.indexOf('=');
  const raw = (eq < 0 ? part : part.slice(0, eq)).replace(/\+/g, ' ');
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

function decodedValue(part: string): string {
  const eq = part.indexOf('=');
  const raw = eq < 0 ? '' : part.slice(eq + 1).replace(/\+/g, ' ');
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/**
 * The experiment's query (everything but the view keys, in its original
 * order and encoding) and the view keys' values. The first occurrence of a
 * view key wins, as in the permalink parser.
 */
export function splitViewParams(search: string): { query: string; view: ViewParams } {
  let text = search;
  const hash = text.indexOf('#');
  if (hash >= 0) text = text.slice(0, hash);
  if (text.startsWith('?')) text = text.slice(1);
  const view: ViewParams = { ...NO_VIEW_PARAMS };
  const kept: string[] = [];
  for (const part of text.split('&')) {
    if (part === '') continue;
    const key = decodedKey(part);
    if (isViewKey(key)) {
      if (view[key] === null) view[key] = decodedValue(part);
    } else kept.push(part);
  }
  return { query: kept.join('&'), view };
}

/** The experiment's query followed by the view keys that are set. */
export function joinViewParams(query: string, view: ViewParams): string {
  const parts = query ? [query] : [];
  for (const key of VIEW_KEYS) {
    const value = view[key];
    // ':' and ',' may stand in a query as they are, so a focus (k:3,h:128) reads like the axes (vs=k:2,3,4).
    if (value !== null) parts.push(`${key}=${encodeURIComponent(value).replace(/%3A/g, ':').replace(/%2C/g, ',')}`);
  }
  return parts.join('&');
}
