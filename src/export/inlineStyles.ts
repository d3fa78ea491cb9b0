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

/**
 * Walks `original` and its `clone` (same structure) together and writes each
 * element's painting styles as a style attribute on the clone. The font
 * family is left to the attributes and the figure, which name it with
 * fallbacks.
 */
export function inlineComputedStyles(original: Element, clone: Element): void {
  const walk = (orig: Element, copy: Element, parent: CSSStyleDeclaration | null): void => {
    // <title> and <desc> are never painted.
    if (orig.localName === 'title' || orig.localName === 'desc') return;
    const cs = getComputedStyle(orig);
    const decls: string[] = [];
    for (const [prop, initial] of Object.entries(INHERITED)) {
      const value = cs.getPropertyValue(prop);
      const inherited = parent ? parent.getPropertyValue(prop) : initial;
      if (value && value !== inherited) decls.push(`${prop}:${value}`);
    }
    for (const [prop, initial] of Object.entries(NOT_INHERITED)) {
      const value = cs.getPropertyValue(prop);
      if (value && value !== initial) decls.push(`${prop}:${value}`);
    }
    if (cs.getPropertyValue('display') === 'none') decls.push('display:none');
    if (decls.length) copy.setAttribute('style', decls.join(';'));
    else copy.removeAttribute('style');
    const a = orig.children;
    const b = copy.children;
    for (let i = 0; i < a.length && i < b.length; i++) walk(a[i]!, b[i]!, cs);
  };
  walk(original, clone, null);
}
