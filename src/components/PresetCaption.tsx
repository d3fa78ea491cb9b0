import { useMemo } from 'react';
import { parsePermalink, serialisePermalink } from '../core/permalink';
import { useStore } from '../state/store';
import { PRESETS } from './presets';

/** The canonical query of each preset, computed once. */
const PRESET_QUERIES = PRESETS.map((p) => ({
  preset: p,
  query: serialisePermalink(parsePermalink(p.query).experiment),
}));

/** When the experiment on screen is a preset, what to point at while it runs: the lecture's script. */
export function PresetCaption() {
  const experiment = useStore((s) => s.experiment);
  const match = useMemo(() => {
    const query = serialisePermalink(experiment);
    return PRESET_QUERIES.find((p) => p.query === query)?.preset ?? null;
  }, [experiment]);
  if (!match) return null;
  return (
    <aside className="preset-caption" aria-label="about this experiment">
      <strong>{match.title}.</strong> {match.say}
    </aside>
  );
}
