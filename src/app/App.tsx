import { lazy, Suspense, useEffect, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { AxisPicker } from '../components/AxisPicker';
import { PhasePanel, WallPanel } from '../components/AxisViews';
import { EngineBanner, NoticeBanner } from '../components/Banners';
import { ControlPanel } from '../components/ControlPanel';
import { Explainer } from '../components/Explainer';
import { Header } from '../components/Header';
import { PreactivationPanel, WeightsPanel } from '../components/HistogramPanels';
import { PresetCaption } from '../components/PresetCaption';
import { LossPanel } from '../components/LossPanel';
import { Transport } from '../components/Transport';
import { validateExperiment } from '../core/config';
import { trackRunsExperiment } from '../export/runsExperiment';
import { debugHooks, stopWorker } from '../state/engine';
import { useStore } from '../state/store';
import { bindUrl } from '../state/urlBinding';
import { UpdateBanner } from '../components/OfflineNotices';
import { startOfflineSupport } from './pwa';
import { rejectEmbed } from './embedNotice';
import { embedViewNames, embedViewOf } from './embedViews';

// Only an embed needs its layout: loaded on demand, so the full page's first load does not carry it.
const EmbedLayout = lazy(() => import('./EmbedLayout').then((m) => ({ default: m.EmbedLayout })));

export function App() {
  const { experiment, presentation } = useStore(
    useShallow((s) => ({ experiment: s.experiment, presentation: s.presentation })),
  );
  useEffect(() => {
    const unbind = bindUrl();
    const untrack = trackRunsExperiment();
    startOfflineSupport();
    // Fault injection for the robustness tests (terminate the worker, lose the WebGL context).
    (window as unknown as { __nwl?: typeof debugHooks }).__nwl = debugHooks;
    return () => {
      unbind();
      untrack();
      stopWorker();
    };
  }, []);
  useEffect(() => {
    // rem-sized text (headings, controls, legends) grows with the root font size in presentation mode.
    document.documentElement.classList.toggle('presentation-mode', presentation);
  }, [presentation]);
  const validation = useMemo(() => validateExperiment(experiment), [experiment]);
  const embedName = useStore((s) => s.viewParams.embed);
  const embedView = embedViewOf(embedName);
  useEffect(() => {
    if (embedName !== null && !embedView) rejectEmbed(embedName, embedViewNames());
  }, [embedName, embedView]);
  const fontScale = presentation ? 1.45 : 1;
  if (embedView)
    return (
      <Suspense fallback={null}>
        <EmbedLayout view={embedView} />
      </Suspense>
    );
  return (
    <div className={`app${presentation ? ' presentation' : ''}`}>
      <Header />
      <NoticeBanner />
      <EngineBanner />
      <UpdateBanner />
      <div className="layout">
        {!presentation && (
          <aside className="sidebar" aria-label="settings">
            <AxisPicker />
            <ControlPanel errors={validation.errors} warnings={validation.warnings} />
          </aside>
        )}
        <main className="main">
          <Transport />
          <PresetCaption />
          <LossPanel fontScale={fontScale} height={presentation ? 440 : 320} />
          <WallPanel fontScale={fontScale} height={presentation ? 360 : 260} />
          <PhasePanel fontScale={fontScale} height={presentation ? 420 : 300} />
          <div className="two-up">
            <PreactivationPanel fontScale={fontScale} height={presentation ? 260 : 200} />
            <WeightsPanel fontScale={fontScale} height={presentation ? 260 : 200} />
          </div>
          {!presentation && <Explainer />}
        </main>
      </div>
    </div>
  );
}
