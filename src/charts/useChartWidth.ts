/**
 * The width a chart should draw at: the content width of a wrapper element,
 * followed with a ResizeObserver. Charts themselves take an explicit `width`
 * prop, so they render the same in Node (tests, server rendering), where this
 * hook's effect never runs and the fallback width is used.
 *
 *   const { ref, width } = useChartWidth();
 *   <div ref={ref}><LossChart width={width} ... /></div>
 */
import { useEffect, useState } from 'react';

export const FALLBACK_CHART_WIDTH = 640;

export function useChartWidth(fallback = FALLBACK_CHART_WIDTH): {
  ref: (el: HTMLElement | null) => void;
  width: number;
} {
  // a callback ref held in state, so the observer follows the element if it is replaced
  const [element, setElement] = useState<HTMLElement | null>(null);
  const [width, setWidth] = useState(fallback);

  useEffect(() => {
    if (!element) return;
    // whole pixels: sub-pixel jitter would re-render the chart for nothing
    const update = (w: number): void => {
      if (w > 0) setWidth(Math.floor(w));
    };
    update(element.clientWidth);
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      const entry = entries[entries.length - 1];
      if (entry) update(entry.contentRect.width);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);

  return { ref: setElement, width };
}
