/**
 * The link the audience opens on their phones (issue 13, item 4): the
 * experiment's permalink with the lesson lock, without the keys that only
 * the lecturer's screen needs (the story step, the question and its reveal,
 * an embed), so a phone opens the lab itself, chart first.
 */
import { serialisePermalink } from '../core/permalink';
import type { Experiment } from '../core/config';
import { joinViewParams, NO_VIEW_PARAMS, type ViewParams } from '../state/viewParams';

export function audienceUrl(
  experiment: Experiment,
  view: ViewParams,
  location: Pick<Location, 'origin' | 'pathname'>,
): string {
  const query = joinViewParams(serialisePermalink(experiment), { ...NO_VIEW_PARAMS, lock: view.lock });
  return `${location.origin}${location.pathname}${query ? `?${query}` : ''}`;
}

/** The same link to read out or type: no scheme, no trailing slash before an empty query. */
export function readableUrl(url: string): string {
  return url.replace(/^https?:\/\//, '').replace(/\/$/, '');
}
