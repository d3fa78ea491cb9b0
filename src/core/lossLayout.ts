/**
 * How the loss chart shows an experiment with two compare axes over
 * settings: as small multiples, one panel per group laid out like the phase
 * map (the default), or overlaid in one chart. The URL's view key `loss`
 * says which (`loss=overlay`); reading never throws, and a value that is
 * neither gives a problem in words and the default.
 */
import { quote } from './notices';

export const LOSS_LAYOUTS = ['multiples', 'overlay'] as const;
export type LossLayout = (typeof LOSS_LAYOUTS)[number];

/** Small multiples need two axes over settings; with fewer there is one chart, whatever the key says. */
export function multiplesApply(settingAxisCount: number): boolean {
  return settingAxisCount === 2;
}

/** The layout `raw` asks for (null: none or not a layout), and the problem with it. */
export function readLossLayout(raw: string | null): { layout: LossLayout | null; problem: string | null } {
  if (raw === null) return { layout: null, problem: null };
  const name = raw.trim().toLowerCase();
  if ((LOSS_LAYOUTS as readonly string[]).includes(name)) return { layout: name as LossLayout, problem: null };
  return {
    layout: null,
    problem: `loss=${quote(raw)} is no layout of the loss chart (${LOSS_LAYOUTS.join(' or ')}); it shows the default.`,
  };
}

/** The layout drawn: small multiples unless the URL asks for the overlay, and only with two setting axes. */
export function lossLayoutShown(raw: string | null, settingAxisCount: number): LossLayout {
  if (!multiplesApply(settingAxisCount)) return 'overlay';
  return readLossLayout(raw).layout ?? 'multiples';
}

/** The view key's value for a chosen layout: the default is written as no key, so links stay short. */
export function lossLayoutParam(layout: LossLayout): string | null {
  return layout === 'multiples' ? null : layout;
}
