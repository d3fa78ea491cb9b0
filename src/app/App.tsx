import { lazy, Suspense, useEffect, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { AxisPicker } from '../components/AxisPicker';
import { EngineBanner, NoticeBanner } from '../components/Banners';
import { ControlPanel } from '../components/ControlPanel';
import { Header } from '../components/Header';
import { LazyExplainer } from '../components/LazyExplainer';
import { PresetCaption } from '../components/PresetCaption';
import { RecordingBanner, RecordingNote } from '../components/RecordingBanner';
import { Transport } from '../components/Transport';
import { trackRunsExperiment } from '../export/runsExperiment';
import { bindEditRestarts, debugHooks, prepareWorkers, stopWorker } from '../state/engine';
import { bindPreview } from '../state/preview';
import { bindRecordings } from '../state/recordings';
import { bindFocus } from '../state/focus';
import { bindLossLayout } from '../state/lossLayout';
import { useStore } from '../state/store';
import { bindUrl } from '../state/urlBinding';
import { UpdateBanner } from '../components/OfflineNotices';
import { startOfflineSupport } from './pwa';
import { bindStory, enterStory } from './story';
import { bindQuestion } from './question';
import { bindLock } from './lessonLock';
import { QuestionCard } from './QuestionCard';
import { AudienceLink } from './AudienceLink';
import { StoryLayout } from './StoryLayout';
import { rejectEmbed } from './embedNotice';
import { embedViewNames, embedViewOf } from './embedViews';
import { validateExperiment } from '../core/validate';
import { ViewRows } from './ViewRows';

// Only an embed needs its layout: loaded on demand, so the full page's first load does not carry it.
const EmbedLayout = lazy(() => import('./EmbedLayout').then((m) => ({ default: m.EmbedLayout })));

export function App() {
  const { experiment, presentation, story } = useStore(
    useShallow((s) => ({ experiment: s.experiment, presentation: s.presentation, story: s.viewParams.story })),
  );
  useEffect(() => {
    const unbind = bindUrl();
    const unbindStory = bindStory();
    const unbindQuestion = bindQuestion();
    const unbindLock = bindLock();
    const unbindPreview = bindPreview();
    const untrack = trackRunsExperiment();
    const unbindRecordings = bindRecordings();
    const unbindFocus = bindFocus();
    const unbindLossLayout = bindLossLayout();
    startOfflineSupport();
    const unbindEdits = bindEditRestarts();
    prepareWorkers(); // warm training workers while the page is idle, so Start answers at once
    // Fault injection for the robustness tests (terminate the worker, lose the WebGL context).
    (window as unknown as { __nwl?: typeof debugHooks }).__nwl = debugHooks;
    return () => {
      unbind();
      unbindStory();
      unbindQuestion();
      unbindLock();
      unbindPreview();
      untrack();
      unbindRecordings();
      unbindFocus();
      unbindLossLayout();
      unbindEdits();
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
  if (story !== null) return <StoryLayout />;
  return (
    <div className={`app${presentation ? ' presentation' : ''}`}>
      <Header onStory={() => enterStory(0)} />
      <NoticeBanner />
      <EngineBanner />
      <RecordingBanner />
      <UpdateBanner />
      <div className="layout">
        {!presentation && (
          <aside className="sidebar" id="settings" aria-label="settings">
            <AxisPicker />
            <ControlPanel errors={validation.errors} warnings={validation.warnings} />
          </aside>
        )}
        <main className="main">
          {presentation ? (
            // The audience's QR code beside the transport and the caption, not above the chart: a block of its own
            // pushed the loss chart below the fold of a 1366x768 projector.
            <div className="presentation-lead">
              <div className="presentation-lead-text">
                <Transport />
                <RecordingNote />
                <PresetCaption />
              </div>
              <AudienceLink />
            </div>
          ) : (
            <>
              <Transport />
              <a className="to-settings" href="#settings">
                Settings ↓
              </a>
              <RecordingNote />
              <PresetCaption />
            </>
          )}
          <QuestionCard />
          <ViewRows fontScale={fontScale} presentation={presentation} />
          {!presentation && <LazyExplainer />}
        </main>
      </div>
    </div>
  );
}
