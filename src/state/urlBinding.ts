/**
 * Keeps the browser's URL and the store's experiment in step.
 * Editing rewrites the URL in place (replaceState); presets and "copy link"
 * push a history entry, so Back returns to the previous experiment.
 */
import { parsePermalink, serialisePermalink } from '../core/permalink';
import { shadowedByDefaultAxis } from './linkHints';
import { useStore } from './store';
import { joinViewParams, NO_VIEW_PARAMS, splitViewParams, type ViewParams } from './viewParams';

/** The page's URL for an experiment's query, with the view keys (story, embed) the store holds now. */
export function urlFor(search: string, view: ViewParams = useStore.getState().viewParams): string {
  const full = joinViewParams(search, view);
  return `${window.location.pathname}${full ? `?${full}` : ''}${window.location.hash}`;
}

/** The query of the URL as it is now, without the leading '?'. */
function currentSearch(): string {
  return window.location.search.replace(/^\?/, '');
}

/** urlFor's view argument for a search that already holds its view keys. */
const NO_CHANGE: ViewParams = NO_VIEW_PARAMS;

/** Reads the URL into the store once, then follows the store and the history. Returns the unsubscriber. */
export function bindUrl(): () => void {
  const load = (source: 'url' | 'history') => {
    const { query, view } = splitViewParams(window.location.search);
    const { experiment, notices } = parsePermalink(query);
    const store = useStore.getState();
    store.setViewParams(view);
    store.loadExperiment(experiment, source, [...notices, ...shadowedByDefaultAxis(query, experiment)]);
    // The URL shows the canonical form of what was actually loaded.
    const canonical = urlFor(serialisePermalink(experiment), view);
    if (canonical !== urlFor(currentSearch(), NO_CHANGE)) {
      window.history.replaceState(window.history.state, '', canonical);
    }
  };
  load('url');

  const unsubscribe = useStore.subscribe((s, prev) => {
    const edited = s.revision !== prev.revision && s.source !== 'url' && s.source !== 'history';
    if (!edited && s.viewParams === prev.viewParams) return;
    const url = urlFor(serialisePermalink(s.experiment), s.viewParams);
    if (url === urlFor(currentSearch(), NO_CHANGE)) return;
    if (edited && s.source === 'preset') window.history.pushState(null, '', url);
    else window.history.replaceState(window.history.state, '', url);
  });
  const onPop = () => load('history');
  window.addEventListener('popstate', onPop);
  return () => {
    unsubscribe();
    window.removeEventListener('popstate', onPop);
  };
}

/** The shareable link of the current experiment (with the view keys), pushed onto the history. */
export function shareLink(): string {
  const url = urlFor(serialisePermalink(useStore.getState().experiment));
  if (url !== urlFor(currentSearch(), NO_CHANGE)) window.history.pushState(null, '', url);
  return new URL(url, window.location.href).href;
}
