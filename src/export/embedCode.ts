/**
 * The `<iframe>` snippet that shows one view of the current experiment in a
 * slide or a page: the permalink with `embed=<view>`, at a slide's 16:9.
 */
import type { Experiment } from '../core/config';
import { serialisePermalink } from '../core/permalink';
import { joinViewParams, NO_VIEW_PARAMS } from '../state/viewParams';
import { VIEW_TITLES, type ExportView } from './views';

export function embedUrl(base: string, experiment: Experiment, view: ExportView): string {
  const query = joinViewParams(serialisePermalink(experiment), { ...NO_VIEW_PARAMS, embed: view });
  return `${base}?${query}`;
}

function escapeAttr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function embedSnippet(base: string, experiment: Experiment, view: ExportView): string {
  const src = embedUrl(base, experiment, view);
  const title = `Natural Weights Lab: ${VIEW_TITLES[view]}`;
  return `<iframe src="${escapeAttr(src)}" title="${escapeAttr(title)}" width="960" height="540" style="border:0" loading="lazy"></iframe>`;
}
