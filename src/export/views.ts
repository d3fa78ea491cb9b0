/**
 * The views a user can take away (export) or show alone (embed): one name per
 * chart panel, used in file names, in `?embed=<name>` and in the menus.
 * Small on purpose: the main bundle imports it; the exporters are loaded on
 * first use.
 */
export const EXPORT_VIEWS = ['loss', 'weights', 'preact', 'wall', 'phase', 'influence'] as const;
export type ExportView = (typeof EXPORT_VIEWS)[number];

export function isExportView(name: string): name is ExportView {
  return (EXPORT_VIEWS as readonly string[]).includes(name);
}

/** What each view shows, in words for menus, iframe titles and figure titles. */
export const VIEW_TITLES: Record<ExportView, string> = {
  loss: 'normalised test loss',
  weights: 'weight histograms',
  preact: 'teacher pre-activations',
  wall: 'where learning fails (wall chart)',
  phase: 'phase map',
  influence: 'bit influence',
};

export type ExportFormat = 'svg' | 'png' | 'csv' | 'json' | 'py';
