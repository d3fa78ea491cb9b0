/**
 * The loss chart's layout switch over two compare axes: small multiples (one
 * panel per group) or every curve overlaid in one chart. Two toggle buttons,
 * so the choice is visible and one press away; the choice is the URL's `loss`
 * view key (state/lossLayout.ts).
 */
import type { LossLayout } from '../core/lossLayout';

const NAMES: Record<LossLayout, string> = { multiples: 'small multiples', overlay: 'overlay' };

export function LossLayoutToggle({ layout, onChange }: { layout: LossLayout; onChange: (l: LossLayout) => void }) {
  return (
    <div className="layout-toggle" role="group" aria-label="loss chart layout">
      {(Object.keys(NAMES) as LossLayout[]).map((l) => (
        <button key={l} type="button" aria-pressed={layout === l} onClick={() => onChange(l)}>
          {NAMES[l]}
        </button>
      ))}
    </div>
  );
}
