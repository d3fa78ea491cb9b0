/**
 * The names the export layer uses for views and formats. The views
 * themselves (ids, titles, tables, embeddability) are listed once, in
 * src/app/viewRegistry.tsx; the exporters are loaded on first use.
 */
import type { ViewId } from '../app/viewRegistry';

/** A view a user can take away (export) or show alone (embed): used in file names, `?embed=` and the menus. */
export type ExportView = ViewId;

export type ExportFormat = 'svg' | 'png' | 'csv' | 'json' | 'py';
