import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { parsePermalink } from '../core/permalink';
import { showExperiment } from '../state/openResult';
import { useStore } from '../state/store';
import { shareLink } from '../state/urlBinding';
import { OfflineBadge } from './OfflineNotices';
import { OpenResult } from './OpenResult';
import { PRESETS } from './presets';

export function applyPreset(id: string): void {
  const preset = PRESETS.find((p) => p.id === id);
  if (!preset) return;
  const { experiment } = parsePermalink(preset.query);
  // The previous experiment's live curves would only mislead beside the preset's recorded ones.
  showExperiment(experiment, null);
  useStore.getState().setShowTrain(preset.showTrain ?? false);
}

/** `onStory` opens the guided story (a layout of src/app); without it there is no Story button. */
export function Header({ onStory }: { onStory?: () => void } = {}) {
  const { backend, presentation, setPresentation, stepsPerSecond, engineState } = useStore(
    useShallow((s) => ({
      backend: s.backend,
      presentation: s.presentation,
      setPresentation: s.setPresentation,
      stepsPerSecond: s.stepsPerSecond,
      engineState: s.engine,
    })),
  );
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async () => {
    const url = shareLink();
    try {
      await navigator.clipboard.writeText(url);
      setCopied('Link copied');
    } catch {
      // Clipboard access can be refused (no focus, no permission); the URL bar holds the link all the same.
      setCopied('Link is in the address bar');
    }
    setTimeout(() => setCopied(null), 2500);
  };
  return (
    <header className="app-header">
      <h1>
        Natural Weights Lab
        <span className="subtitle">random weights, hard inputs</span>
      </h1>
      <div className="header-tools">
        <label>
          <span className="visually-hidden">preset</span>
          <select
            aria-label="load a preset experiment"
            value=""
            onChange={(e) => {
              applyPreset(e.target.value);
              e.target.blur();
            }}
          >
            <option value="">Presets…</option>
            {PRESETS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
          </select>
        </label>
        {onStory && (
          <button type="button" onClick={onStory} title="The lecture in seven steps, each with its recorded result">
            Story
          </button>
        )}
        <OpenResult />
        <button type="button" onClick={() => void copy()}>
          {copied ?? 'Copy link'}
        </button>
        <button type="button" aria-pressed={presentation} onClick={() => setPresentation(!presentation)}>
          {presentation ? 'Exit presentation' : 'Presentation'}
        </button>
        <OfflineBadge />
        <span
          className={`backend-badge backend-${backend?.name ?? 'none'}`}
          title={backend?.reason ?? ''}
          aria-label="training backend"
        >
          {backend ? backend.name : 'backend: not started'}
          {backend && engineState === 'running' && stepsPerSecond > 0 ? ` · ${Math.round(stepsPerSecond)} steps/s` : ''}
        </span>
      </div>
    </header>
  );
}
