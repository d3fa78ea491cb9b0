/**
 * The guided story: the same panels as the lab, laid out as a slide. The
 * step's title and sentences on the left (large, announced to screen
 * readers when the step changes), the chart the step is about first and
 * largest, the others below it. Arrow keys, PageDown/PageUp (what presenter
 * clickers send), Home/End and the buttons move between steps.
 */
import { createElement, Suspense, useEffect } from 'react';
import { isTyping } from './isTyping';
import { useShallow } from 'zustand/react/shallow';
import { EngineBanner, NoticeBanner } from '../components/Banners';
import { RecordingBanner, RecordingNote } from '../components/RecordingBanner';
import { STORY, type StoryFocus } from '../components/storySteps';
import { Transport } from '../components/Transport';
import { recordingApplies } from '../state/recordingSlice';
import { useStore } from '../state/store';
import { viewOf, VIEWS, type ViewEntry } from './viewRegistry';
import { QuestionCard } from './QuestionCard';
import { AudienceLink } from './AudienceLink';
import { leaveStory, nextStep, previousStep, readStoryStep, showStep, STORY_LENGTH } from './story';

/** The story's keys; a chart that uses the arrows itself (the loss read-out) has already claimed them. */
function onKey(e: KeyboardEvent): void {
  if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isTyping(e.target)) return;
  const action =
    e.key === 'ArrowRight' || e.key === 'PageDown'
      ? nextStep
      : e.key === 'ArrowLeft' || e.key === 'PageUp'
        ? previousStep
        : e.key === 'Home'
          ? () => showStep(0, { push: true })
          : e.key === 'End'
            ? () => showStep(STORY_LENGTH - 1, { push: true })
            : null;
  if (!action) return;
  e.preventDefault();
  action();
}

/**
 * The step's view first and largest (`lead`), or the other rows of the story (viewRegistry.tsx) and then the
 * pair (`more`): two parts, so that a phone can put the step's text between them (app.css, .story-more).
 */
function Panels({ focus, presentation, part }: { focus: StoryFocus; presentation: boolean; part: 'lead' | 'more' }) {
  const fontScale = presentation ? 1.45 : 1.15;
  const big = presentation ? 470 : 380;
  const small = presentation ? 250 : 210;
  const lead = viewOf(focus);
  const draw = (v: ViewEntry, height: number) => createElement(v.component, { key: v.id, fontScale, height });
  const others = VIEWS.filter((v) => v.id !== focus);
  return (
    <Suspense fallback={null}>
      {part === 'lead' ? (
        draw(lead, lead.story.small ? small + 40 : big)
      ) : (
        <>
          {others.filter((v) => v.story.place === 'row').map((v) => draw(v, small + 40))}
          <div className="two-up">{others.filter((v) => v.story.place === 'pair').map((v) => draw(v, small))}</div>
        </>
      )}
    </Suspense>
  );
}

export function StoryLayout() {
  const { raw, presentation, setPresentation, applies, hasRuns } = useStore(
    useShallow((s) => ({
      raw: s.viewParams.story ?? '',
      presentation: s.presentation,
      setPresentation: s.setPresentation,
      applies: recordingApplies(s),
      hasRuns: s.runs.length > 0,
    })),
  );
  const { step } = readStoryStep(raw);
  const current = STORY[step]!;

  useEffect(() => {
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className={`app story${presentation ? ' presentation' : ''}`}>
      <header className="app-header story-header">
        <h1>
          Natural Weights Lab
          <span className="subtitle">the lecture in {STORY_LENGTH} steps</span>
        </h1>
        <nav className="header-tools" aria-label="story">
          <button type="button" onClick={previousStep} disabled={step === 0} aria-keyshortcuts="ArrowLeft PageUp">
            ← Previous
          </button>
          <span className="story-count" aria-hidden="true">
            {step + 1} / {STORY_LENGTH}
          </span>
          <button
            type="button"
            onClick={nextStep}
            disabled={step === STORY_LENGTH - 1}
            aria-keyshortcuts="ArrowRight PageDown"
          >
            Next →
          </button>
          <button type="button" aria-pressed={presentation} onClick={() => setPresentation(!presentation)}>
            {presentation ? 'Exit presentation' : 'Presentation'}
          </button>
          <button type="button" onClick={leaveStory}>
            Leave the story
          </button>
        </nav>
      </header>
      <NoticeBanner />
      <EngineBanner />
      <RecordingBanner />
      <div className="story-layout">
        <section className="story-text" aria-labelledby="story-title">
          {/* The live region: a new step's number, title and sentences are read out once, politely. */}
          <div aria-live="polite" aria-atomic="true">
            <p className="story-step">
              Step {step + 1} of {STORY_LENGTH}
            </p>
            <h2 id="story-title">{current.title}</h2>
            {current.say.map((sentence, i) => (
              <p key={i}>{sentence}</p>
            ))}
          </div>
          <ol className="story-dots" aria-label="steps">
            {STORY.map((s, i) => (
              <li key={i}>
                <button
                  type="button"
                  aria-current={i === step ? 'step' : undefined}
                  onClick={() => showStep(i, { push: true })}
                  title={s.title}
                >
                  <span className="visually-hidden">
                    step {i + 1}: {s.title}
                  </span>
                  <span aria-hidden="true">{i + 1}</span>
                </button>
              </li>
            ))}
          </ol>
          {presentation && <AudienceLink />}
          <p className="story-keys">
            ← → or PageUp / PageDown: previous / next step · R, B or .: reveal · Space: start or pause
          </p>
        </section>
        <main className="main story-main">
          <Transport />
          <RecordingNote />
          {!applies && !hasRuns && (
            <p className="recording-note">
              The recorded result of this step is not available here; press Start to train it live.
            </p>
          )}
          <QuestionCard />
          <Panels focus={current.focus} presentation={presentation} part="lead" />
        </main>
        <section className="story-more" aria-label="more views of this step">
          <Panels focus={current.focus} presentation={presentation} part="more" />
        </section>
      </div>
    </div>
  );
}
