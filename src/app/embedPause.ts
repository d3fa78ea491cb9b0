/**
 * An embed pauses its training while it is scrolled out of view (issue 13,
 * item 6): a slide deck or an article with several embeds should not train
 * them all at once in the background. It resumes when back in view, but only
 * if it was the one that paused it (a pause the user pressed stays).
 */
import { useEffect } from 'react';
import * as engine from '../state/engine';
import { useStore } from '../state/store';

export function usePauseOffscreen(root: HTMLElement | null): void {
  useEffect(() => {
    if (!root) return;
    let pausedHere = false;
    let visible = true;
    const follow = () => {
      const state = useStore.getState().engine;
      if (!visible && state === 'running') {
        pausedHere = true;
        engine.pause();
      } else if (visible && pausedHere) {
        pausedHere = false;
        if (state === 'paused') engine.resume();
      }
    };
    const observer = new IntersectionObserver((entries) => {
      visible = entries.some((e) => e.isIntersecting);
      follow();
    });
    observer.observe(root);
    // A run that was still starting when the embed left the view is paused once it runs.
    const unsubscribe = useStore.subscribe((s, prev) => {
      if (s.engine === 'running' && prev.engine !== 'running' && !visible) follow();
    });
    return () => {
      observer.disconnect();
      unsubscribe();
    };
  }, [root]);
}
