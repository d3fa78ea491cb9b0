/**
 * Computed styles written onto a cloned SVG, so it draws the same with no
 * stylesheet (a file opened on its own, Inkscape, a slide tool). Only the
 * properties that change how SVG paints, and of those only what differs from
 * the parent (inherited properties) or from the initial value, to keep the
 * file small.
 */

/** Inherited painting properties and their initial values as getComputedStyle reports them. */
const INHERITED: Record<string, string> = {
  fill: 'rgb(0, 0, 0)',
  'fill-opacity': '1',
  stroke: 'none',
  'stroke-width': '1px',
  'stroke-opacity': '1',
  'stroke-dasharray': 'none',
  'stroke-linejoin': 'miter',
  'stroke-linecap': 'butt',
  'font-size': '16px',
  'font-weight': '400',
  'font-style': 'normal',
  'text-anchor': 'start',
  'paint-order': 'normal',
  visibility: 'visible',
};

const NOT_INHERITED: Record<string, string> = {
  opacity: '1',
  'dominant-baseline': 'auto',
};

const INHERITED_PROPS = Object.keys(INHERITED);
const INHERITED_INITIAL = Object.values(INHERITED);

/**
 * Writes on `copy` the painting styles of `orig` that its parent does not
 * already give; returns its inherited values for its children to compare with.
 */
function inlineOne(orig: Element, copy: Element, parent: readonly string[] | null): string[] {
  const cs = getComputedStyle(orig);
  const values = INHERITED_PROPS.map((prop) => cs.getPropertyValue(prop));
  const decls: string[] = [];
  values.forEach((value, i) => {
    if (value && value !== (parent ? parent[i] : INHERITED_INITIAL[i])) decls.push(`${INHERITED_PROPS[i]}:${value}`);
  });
  for (const [prop, initial] of Object.entries(NOT_INHERITED)) {
    const value = cs.getPropertyValue(prop);
    if (value && value !== initial) decls.push(`${prop}:${value}`);
  }
  if (cs.getPropertyValue('display') === 'none') decls.push('display:none');
  if (decls.length) copy.setAttribute('style', decls.join(';'));
  else copy.removeAttribute('style');
  return values;
}

/** Gives the page a turn (a frame, a progress message) between slices of work. */
function yieldToPage(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Walks `original` and its `clone` (same structure) together and writes each
 * element's painting styles as a style attribute on the clone. The pairs are
 * taken at once (the clone is the snapshot of the click); the styles are
 * read in slices of about `sliceMs`, so a chart of thousands of elements never
 * holds the main thread for long. An element the page has replaced since
 * (a re-render) reads as unstyled and keeps its presentation attributes.
 * The font family is left to the attributes and the figure, which name it
 * with fallbacks.
 */
export async function inlineComputedStyles(original: Element, clone: Element, sliceMs = 8): Promise<void> {
  // In document order, so a parent's values are known before its children's.
  const pairs: { orig: Element; copy: Element; parent: number }[] = [];
  const collect = (orig: Element, copy: Element, parent: number): void => {
    // <title> and <desc> are never painted.
    if (orig.localName === 'title' || orig.localName === 'desc') return;
    const index = pairs.push({ orig, copy, parent }) - 1;
    const a = orig.children;
    const b = copy.children;
    for (let i = 0; i < a.length && i < b.length; i++) collect(a[i]!, b[i]!, index);
  };
  collect(original, clone, -1);
  const values: string[][] = [];
  let slice = performance.now();
  for (const { orig, copy, parent } of pairs) {
    values.push(inlineOne(orig, copy, parent >= 0 ? values[parent]! : null));
    if (performance.now() - slice > sliceMs) {
      performance.measure('nwl-export:styles', { start: slice, end: performance.now() });
      await yieldToPage();
      slice = performance.now();
    }
  }
  performance.measure('nwl-export:styles', { start: slice, end: performance.now() });
}
