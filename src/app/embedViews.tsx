/**
 * The views `?embed=<name>` can show alone: the registry's embeddable views
 * (viewRegistry.tsx), each the same panel component the full page draws, at
 * a size that fills the frame.
 */
import { createElement, Suspense, type ReactNode } from 'react';
import type { Experiment } from '../core/config';
import { isViewId, viewOf, VIEWS, type ChartSize } from './viewRegistry';

export type { ChartSize } from './viewRegistry';

export interface EmbedView {
  render: (size: ChartSize) => ReactNode;
  /** Why this experiment cannot show the view, or null when it can. */
  unavailable?: (e: Experiment) => string | null;
  /** The panel draws its own run legend (the loss chart's table). */
  ownLegend?: boolean;
}

export function embedViewNames(): string[] {
  return VIEWS.filter((v) => v.embeddable).map((v) => v.id);
}

export function embedViewOf(name: string | null): EmbedView | null {
  if (name === null || !isViewId(name)) return null;
  const v = viewOf(name);
  if (!v.embeddable) return null;
  return {
    render: (size) => <Suspense fallback={null}>{createElement(v.component, size)}</Suspense>,
    ...(v.unavailable ? { unavailable: v.unavailable } : {}),
    ...(v.ownLegend ? { ownLegend: true } : {}),
  };
}
