/**
 * The views of the lab, listed once: what each is called, the panel that
 * draws it, the numbers its CSV holds, whether `?embed=` may show it alone,
 * when it applies to an experiment and where the page and the story put it.
 * The page (App.tsx), the story (StoryLayout.tsx), the export menu and the
 * exporters (src/export) and the embeds (embedViews.tsx) all read this list;
 * a new chart is its geometry, its component and one entry here
 * (docs/architecture.md, "Where a new thing goes").
 *
 * The panels are loaded through `lazy`: each panel holds an export menu that
 * reads this list, so a static import would be a cycle; it also keeps the
 * histogram and influence panels out of the first screen's bundle.
 */
import { lazy, type ComponentType } from 'react';
import { isNumericField, type Experiment } from '../core/config';
import { expandRuns } from '../core/experiment';
import { inputKind } from '../core/inputs/registry';
import type { ShownState } from '../export/shown';
import { influenceTable, lossTable, perRunTable, preactivationTable, weightsTable, type Table } from '../export/tables';

export interface ChartSize {
  fontScale: number;
  /** Height of each chart in the panel (one row of small multiples). */
  height: number;
}

/** Where the page or the story draws a view: a row of its own, or one half of the pair of histogram panels. */
export type Place = 'row' | 'pair';

export interface ViewEntry {
  id: string;
  /** What the view shows, in words for menus, iframe titles and figure titles. */
  title: string;
  component: ComponentType<ChartSize>;
  /** The numbers behind the view, for its CSV. */
  table: (s: ShownState, e: Experiment) => Table;
  embeddable: boolean;
  /** Why this experiment cannot show the view, or null when it can (the panel then draws nothing). */
  unavailable?: (e: Experiment) => string | null;
  /** The panel draws its own run legend (the loss chart's table), so an embed adds none. */
  ownLegend?: boolean;
  /** On the full page: where, and each chart's height at laptop and presentation sizes. */
  page: { place: Place; height: readonly [number, number] };
  /**
   * In the story: where the view goes when its step is about another view
   * (null: only when it leads), and whether it stays at the small size when it
   * leads (rows of small multiples).
   */
  story: { place: Place | null; small?: boolean };
}

const needsOneNumericAxis = (e: Experiment) =>
  e.axes.length === 1 && isNumericField(e.axes[0]!.field)
    ? null
    : 'The wall chart needs exactly one numeric compare axis (vs=k:2,3,4, say).';

const needsHiddenBits = (e: Experiment) =>
  expandRuns(e).some((r) => inputKind(r.config.inputs).shows.construction)
    ? null
    : 'Bit influence needs inputs built from hidden bits (parity, ksat or random labels); this experiment has none.';

const needsTwoAxes = (e: Experiment) =>
  e.axes.length === 2 ? null : 'The phase map needs two compare axes (vs and vs2).';

/** In page order: the loss, the wall chart, the phase map, the teacher's two pictures, bit influence. */
export const VIEWS = [
  {
    id: 'loss',
    title: 'normalised test loss',
    component: lazy(() => import('../components/LossPanel').then((m) => ({ default: m.LossPanel }))),
    table: lossTable,
    embeddable: true,
    ownLegend: true,
    page: { place: 'row', height: [320, 440] },
    story: { place: 'row' },
  },
  {
    id: 'wall',
    title: 'where learning fails (wall chart)',
    component: lazy(() => import('../components/AxisViews').then((m) => ({ default: m.WallPanel }))),
    table: perRunTable,
    embeddable: true,
    unavailable: needsOneNumericAxis,
    page: { place: 'row', height: [260, 360] },
    story: { place: null },
  },
  {
    id: 'phase',
    title: 'phase map',
    component: lazy(() => import('../components/AxisViews').then((m) => ({ default: m.PhasePanel }))),
    table: perRunTable,
    embeddable: true,
    unavailable: needsTwoAxes,
    page: { place: 'row', height: [300, 420] },
    story: { place: null },
  },
  {
    id: 'preact',
    title: 'teacher pre-activations',
    component: lazy(() => import('../components/PreactivationPanel').then((m) => ({ default: m.PreactivationPanel }))),
    table: (s) => preactivationTable(s),
    embeddable: true,
    page: { place: 'pair', height: [200, 260] },
    story: { place: 'pair', small: true },
  },
  {
    id: 'weights',
    title: 'weight histograms',
    component: lazy(() => import('../components/HistogramPanels').then((m) => ({ default: m.WeightsPanel }))),
    table: (s) => weightsTable(s),
    embeddable: true,
    page: { place: 'pair', height: [200, 260] },
    story: { place: 'pair', small: true },
  },
  {
    id: 'influence',
    title: 'bit influence',
    component: lazy(() => import('../components/InfluencePanel').then((m) => ({ default: m.InfluencePanel }))),
    table: (s) => influenceTable(s),
    embeddable: true,
    unavailable: needsHiddenBits,
    page: { place: 'row', height: [220, 300] },
    story: { place: null },
  },
] as const satisfies readonly ViewEntry[];

export type ViewId = (typeof VIEWS)[number]['id'];

export const VIEW_IDS: readonly ViewId[] = VIEWS.map((v) => v.id);

const BY_ID = new Map<string, ViewEntry>(VIEWS.map((v) => [v.id, v]));

export function isViewId(name: string): name is ViewId {
  return BY_ID.has(name);
}

export function viewOf(id: ViewId): ViewEntry {
  return BY_ID.get(id)!;
}

export function viewTitle(id: ViewId): string {
  return viewOf(id).title;
}
