/**
 * `?embed=<view>`: one chart alone, filling the frame (a slide, an iframe in
 * a page), with minimal chrome: a small play/pause, the run legend, and a
 * link to the full lab with the same permalink. The chart is the same panel
 * component the full page draws (embedViews.tsx).
 *
 * It shows the recording of the experiment when there is one; otherwise it
 * starts training by itself once the frame is on screen (and the lookup of a
 * recording has come back empty), so a slide comes alive when it is shown,
 * not while a deck preloads it.
 */
import { useEffect, useLayoutEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useGroupColors } from '../components/groupColors';
import { useFocus } from '../state/focus';
import { primaryAction, pressPrimary } from '../components/Transport';
import { serialisePermalink } from '../core/permalink';
import { recordingOf } from '../export/shown';
import * as engine from '../state/engine';
import { recordingLookupSettled } from '../state/recordings';
import { resultsAreStale, useStore } from '../state/store';
import { urlFor } from '../state/urlBinding';
import { NO_VIEW_PARAMS } from '../state/viewParams';
import type { EmbedView } from './embedViews';
import './embed.css';
import { usePauseOffscreen } from './embedPause';
import { validateExperiment } from '../core/validate';

const MIN_CHART_HEIGHT = 120;

/** The full lab's URL for the experiment on screen: the same permalink, no embed key. */
function labUrl(): string {
  const url = urlFor(serialisePermalink(useStore.getState().experiment), NO_VIEW_PARAMS);
  return new URL(url, window.location.href).href;
}

/**
 * The chart height that makes the panel fill its box: the panel's height is
 * its fixed parts plus one chart height per row of charts, so one measurement
 * gives the height to ask for.
 */
function useFillHeight(box: HTMLElement | null): number {
  const [height, setHeight] = useState(260);
  useLayoutEffect(() => {
    if (!box) return;
    const fit = () => {
      const panel = box.firstElementChild as HTMLElement | null;
      const charts = panel ? [...panel.querySelectorAll('svg[role="img"]')] : [];
      if (!panel || charts.length === 0) return;
      const rows = new Set(charts.map((c) => Math.round(c.getBoundingClientRect().top))).size;
      const fixed = panel.offsetHeight - rows * height;
      const next = Math.max(MIN_CHART_HEIGHT, Math.floor((box.clientHeight - fixed) / rows));
      if (Math.abs(next - height) > 2) setHeight(next);
    };
    // The panel may appear, or be replaced, after the box (a wall chart waits for its runs): follow it.
    const resized = new ResizeObserver(fit);
    resized.observe(box);
    let watched: Element | null = null;
    const watch = () => {
      const panel = box.firstElementChild;
      if (panel !== watched) {
        if (watched) resized.unobserve(watched);
        if (panel) resized.observe(panel);
        watched = panel;
      }
      fit();
    };
    const replaced = new MutationObserver(watch);
    replaced.observe(box, { childList: true });
    watch();
    return () => {
      resized.disconnect();
      replaced.disconnect();
    };
  }, [box, height]);
  return height;
}

function useAutostart(root: HTMLElement | null): void {
  useEffect(() => {
    if (!root) return;
    let cancelled = false;
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        observer.disconnect();
        void recordingLookupSettled().then(() => {
          const s = useStore.getState();
          if (cancelled || s.engine !== 'idle' || s.runs.length > 0 || recordingOf(s)) return;
          if (validateExperiment(s.experiment).ok) engine.start();
        });
      },
      { threshold: 0.25 },
    );
    observer.observe(root);
    return () => {
      cancelled = true;
      observer.disconnect();
    };
  }, [root]);
}

function PlayPause() {
  const { engineState, stale, experiment } = useStore(
    useShallow((s) => ({ engineState: s.engine, stale: resultsAreStale(s), experiment: s.experiment })),
  );
  const action = primaryAction(engineState, stale);
  const blocked = action === 'start' && !validateExperiment(experiment).ok;
  const label = action === 'pause' ? 'Pause training' : action === 'resume' ? 'Resume training' : 'Start training';
  return (
    <button
      type="button"
      className="embed-play"
      onClick={pressPrimary}
      disabled={blocked || engineState === 'starting'}
      aria-label={label}
      title={label}
    >
      <span aria-hidden="true">{action === 'pause' ? '❚❚' : '▶'}</span>
    </button>
  );
}

/** One chip per run: its colour and label, as the charts colour it. */
function RunKey() {
  const labels = useStore(useShallow((s) => s.runs.map((r) => r.info.label)));
  const recorded = useStore(useShallow((s) => recordingOf(s)?.result.runs.map((r) => r.label) ?? []));
  const shown = labels.length > 0 ? labels.map((l) => ({ l, rec: false })) : recorded.map((l) => ({ l, rec: true }));
  const colorOf = useGroupColors();
  const { groups } = useFocus();
  if (shown.length === 0) return null;
  return (
    <ul className="embed-key" aria-label="runs">
      {shown.map(({ l, rec }, i) => (
        <li key={`${l}-${i}`}>
          <span
            className="embed-swatch"
            style={{ background: colorOf(groups.find((g) => g.runs.includes(i))?.index ?? i) }}
            aria-hidden="true"
          />
          {l}
          {rec ? ' (recorded)' : ''}
        </li>
      ))}
    </ul>
  );
}

function Progress() {
  const { step, engineState, live, recording } = useStore(
    useShallow((s) => ({
      step: s.step,
      engineState: s.engine,
      live: s.runs.length > 0,
      recording: recordingOf(s) !== null,
    })),
  );
  const text =
    !live && recording
      ? 'recorded result'
      : engineState === 'idle'
        ? 'not started'
        : `step ${step.toLocaleString('en-US')}`;
  return <span className="embed-step">{text}</span>;
}

export function EmbedLayout({ view }: { view: EmbedView }) {
  const [root, setRoot] = useState<HTMLDivElement | null>(null);
  const [box, setBox] = useState<HTMLElement | null>(null);
  const experiment = useStore((s) => s.experiment);
  const height = useFillHeight(box);
  const [width, setWidth] = useState(() => window.innerWidth);
  useEffect(() => {
    const onResize = () => setWidth(window.innerWidth);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  useAutostart(root);
  usePauseOffscreen(root);
  // A slide at 960 px reads like a laptop; a wider frame is a projector: the type grows with it.
  const fontScale = Math.min(1.6, Math.max(1, width / 1100));
  const unavailable = view.unavailable?.(experiment) ?? null;
  return (
    <div className="embed" ref={setRoot}>
      <div className="embed-bar" role="group" aria-label="embedded chart controls">
        <PlayPause />
        <Progress />
        {!view.ownLegend && <RunKey />}
        <a className="embed-open" href={labUrl()} target="_blank" rel="noopener">
          open in the lab <span aria-hidden="true">↗</span>
        </a>
      </div>
      <main className="embed-view" ref={setBox}>
        {unavailable ? <p className="embed-note">{unavailable}</p> : view.render({ fontScale, height })}
      </main>
    </div>
  );
}
