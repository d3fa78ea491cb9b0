import katex from 'katex';
// With the module, not the page: the stylesheet loads only when math is first shown.
import 'katex/dist/katex.min.css';
import { useMemo } from 'react';

/**
 * Typeset a fixed TeX string from this codebase (never user input: the
 * markup is inserted as HTML, which is safe only for our own strings).
 */
export function Tex({ children, block = false }: { children: string; block?: boolean }) {
  const html = useMemo(
    () => katex.renderToString(children, { displayMode: block, throwOnError: false, output: 'htmlAndMathml' }),
    [children, block],
  );
  const Tag = block ? 'div' : 'span';
  return <Tag className={block ? 'tex-block' : 'tex'} dangerouslySetInnerHTML={{ __html: html }} />;
}
