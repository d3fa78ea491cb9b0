import katex from 'katex';
// With the module, not the page: the stylesheet loads only when math is first shown.
import 'katex/dist/katex.min.css';
import { useEffect, useState } from 'react';

/**
 * Typesetting runs one formula per task, after the page has drawn: the
 * explanation holds some fifteen formulas, and typesetting them in one
 * render was one long task that held up the first charts.
 */
const queue: (() => void)[] = [];
let draining = false;

function drain(): void {
  const job = queue.shift();
  if (!job) {
    draining = false;
    return;
  }
  job();
  setTimeout(drain, 0);
}

function schedule(job: () => void): () => void {
  let cancelled = false;
  queue.push(() => {
    if (!cancelled) job();
  });
  if (!draining) {
    draining = true;
    setTimeout(drain, 0);
  }
  return () => {
    cancelled = true;
  };
}

/**
 * Typeset a fixed TeX string from this codebase (never user input: the
 * markup is inserted as HTML, which is safe only for our own strings).
 * Until it is typeset, the TeX source stands in its place.
 */
export function Tex({ children, block = false }: { children: string; block?: boolean }) {
  const [typeset, setTypeset] = useState<{ source: string; html: string } | null>(null);
  useEffect(
    () =>
      schedule(() =>
        setTypeset({
          source: `${block}:${children}`,
          html: katex.renderToString(children, { displayMode: block, throwOnError: false, output: 'htmlAndMathml' }),
        }),
      ),
    [children, block],
  );
  const Tag = block ? 'div' : 'span';
  const className = block ? 'tex-block' : 'tex';
  if (typeset === null || typeset.source !== `${block}:${children}`) {
    return <Tag className={`${className} tex-pending`}>{children}</Tag>;
  }
  return <Tag className={className} dangerouslySetInnerHTML={{ __html: typeset.html }} />;
}
