/**
 * The views `?embed=<name>` can show alone: each is the same panel component
 * the full page draws, at a size that fills the frame. A view added later
 * needs one entry here.
 */
import type { ReactNode } from 'react';
import { PhasePanel, WallPanel } from '../components/AxisViews';
import { PreactivationPanel, WeightsPanel } from '../components/HistogramPanels';
import { InfluencePanel } from '../components/InfluencePanel';
import { LossPanel } from '../components/LossPanel';
import { isNumericField, type Experiment } from '../core/config';
import { inputKind } from '../core/inputs/registry';
import { expandRuns } from '../core/experiment';
import type { ExportView } from '../export/views';

export interface ChartSize {
  fontScale: number;
  /** Height of each chart in the panel (one row of small multiples). */
  height: number;
}

export interface EmbedView {
  render: (size: ChartSize) => ReactNode;
  /** Why this experiment cannot show the view, or null when it can. */
  unavailable?: (e: Experiment) => string | null;
  /** The panel draws its own run legend (the loss chart's table). */
  ownLegend?: boolean;
}

export const EMBED_VIEWS: Partial<Record<ExportView, EmbedView>> = {
  loss: { render: (s) => <LossPanel {...s} />, ownLegend: true },
  weights: { render: (s) => <WeightsPanel {...s} /> },
  preact: { render: (s) => <PreactivationPanel {...s} /> },
  wall: {
    render: (s) => <WallPanel {...s} />,
    unavailable: (e) =>
      e.axes.length === 1 && isNumericField(e.axes[0]!.field)
        ? null
        : 'The wall chart needs exactly one numeric compare axis (vs=k:2,3,4, say).',
  },
  influence: {
    render: (s) => <InfluencePanel {...s} />,
    unavailable: (e) =>
      expandRuns(e).some((r) => inputKind(r.config.inputs).shows.construction)
        ? null
        : 'Bit influence needs inputs built from hidden bits (parity, ksat or random labels); this experiment has none.',
  },
  phase: {
    render: (s) => <PhasePanel {...s} />,
    unavailable: (e) => (e.axes.length === 2 ? null : 'The phase map needs two compare axes (vs and vs2).'),
  },
};

export function embedViewNames(): string[] {
  return Object.keys(EMBED_VIEWS);
}

export function embedViewOf(name: string | null): EmbedView | null {
  if (name === null || !Object.hasOwn(EMBED_VIEWS, name)) return null;
  return EMBED_VIEWS[name as ExportView] ?? null;
}
