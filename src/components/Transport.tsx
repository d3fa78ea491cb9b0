import { useEffect, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import * as engine from '../state/engine';
import { resultsAreStale, useStore } from '../state/store';
import type { Speed } from '../worker/protocol';
import { validateExperiment } from '../core/validate';

const SPEEDS: { value: Speed; label: string }[] = [
  { value: 'max', label: 'full speed' },
  { value: 2000, label: '2000 steps/s' },
  { value: 500, label: '500 steps/s' },
  { value: 100, label: '100 steps/s' },
  { value: 20, label: '20 steps/s' },
];

/** What the main button does now. */
export function primaryAction(engineState: string, stale: boolean): 'start' | 'pause' | 'resume' {
  if (stale || engineState === 'idle' || engineState === 'finished' || engineState === 'crashed') return 'start';
  return engineState === 'paused' ? 'resume' : 'pause';
}

/** What the main button and the space bar do: the same thing, read from the store at the moment of pressing. */
export function pressPrimary(): void {
  const s = useStore.getState();
  const action = primaryAction(s.engine, resultsAreStale(s));
  if (action === 'start') {
    if (validateExperiment(s.experiment).ok) engine.start();
  } else if (action === 'pause') engine.pause();
  else engine.resume();
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  const tag = el.tagName;
  return tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA' || tag === 'BUTTON' || el.isContentEditable;
}

export function Transport() {
  const { engineState, stale, step, speed, experiment } = useStore(
    useShallow((s) => ({
      engineState: s.engine,
      stale: resultsAreStale(s),
      step: s.step,
      speed: s.speed,
      experiment: s.experiment,
    })),
  );
  // The transport re-renders with every progress message; the experiment changes far less often.
  const validation = useMemo(() => validateExperiment(experiment), [experiment]);
  const action = primaryAction(engineState, stale);
  const blocked = action === 'start' && !validation.ok;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.code !== 'Space' || e.repeat || isTyping(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      e.preventDefault();
      pressPrimary();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="transport" role="group" aria-label="training controls">
      <button
        type="button"
        className="primary"
        onClick={pressPrimary}
        disabled={blocked || engineState === 'starting'}
        aria-keyshortcuts="Space"
        title={blocked ? 'This experiment cannot run; see the messages beside the settings' : 'Space'}
      >
        {engineState === 'starting'
          ? 'Starting…'
          : action === 'start'
            ? 'Start'
            : action === 'pause'
              ? 'Pause'
              : 'Resume'}
      </button>
      <button
        type="button"
        onClick={() => engine.stepOnce()}
        disabled={blocked || engineState === 'running' || engineState === 'starting'}
      >
        Step
      </button>
      <button type="button" onClick={() => engine.start({ paused: true })} disabled={!validation.ok}>
        Reset
      </button>
      <label className="speed">
        <span className="visually-hidden">speed</span>
        <select
          value={String(speed)}
          onChange={(e) => engine.setSpeed(e.target.value === 'max' ? 'max' : Number(e.target.value))}
          aria-label="speed"
        >
          {SPEEDS.map((s) => (
            <option key={String(s.value)} value={String(s.value)}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
      <output className="step-counter" aria-live="off" aria-label="current step">
        step {step.toLocaleString('en-US')}
      </output>
      {blocked && (
        <p className="blocked" role="alert">
          Cannot start: {validation.errors[0]?.message}
        </p>
      )}
    </div>
  );
}
