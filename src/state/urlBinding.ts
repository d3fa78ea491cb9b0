/**
 * Keeps the browser's URL and the store's experiment in step.
 * Editing rewrites the URL in place (replaceState); presets and "copy link"
 * push a history entry, so Back returns to the previous experiment.
 */
import { parsePermalink, serialisePermalink } from '../core/permalink';
import { useStore } from './store';

export function urlFor(search: string): string {
  return `${window.location.pathname}${search ? `?${search}` : ''}${window.location.hash}`;
}

/** Reads the URL into the store once, then follows the store and the history. Returns the unsubscriber. */
export function bindUrl(): () => void {
  const load = (source: 'url' | 'history') => {
    const { experiment, notices } = parsePermalink(window.location.search);
    useStore.getState().loadExperiment(experiment, source, notices);
    // The URL shows the canonical form of what was actually loaded.
    const canonical = serialisePermalink(experiment);
    if (canonical !== window.location.search.replace(/^\?/, '')) {
      window.history.replaceState(window.history.state, '', urlFor(canonical));
    }
  };
  load('url');

  const unsubscribe = useStore.subscribe((s, prev) => {
    if (s.revision === prev.revision || s.source === 'url' || s.source === 'history') return;
    const search = serialisePermalink(s.experiment);
    if (search === window.location.search.replace(/^\?/, '')) return;
    if (s.source === 'preset') window.history.pushState(null, '', urlFor(search));
    else window.history.replaceState(window.history.state, '', urlFor(search));
  });
  const onPop = () => load('history');
  window.addEventListener('popstate', onPop);
  return () => {
    unsubscribe();
    window.removeEventListener('popstate', onPop);
  };
}

/** The shareable link of the current experiment, pushed onto the history. */
export function shareLink(): string {
  const search = serialisePermalink(useStore.getState().experiment);
  const url = urlFor(search);
  if (search !== window.location.search.replace(/^\?/, '')) window.history.pushState(null, '', url);
  return new URL(url, window.location.href).href;
}
