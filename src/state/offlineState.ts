/**
 * What the page knows about working offline and about a new version waiting
 * (src/app/pwa.ts fills it), in its own small store so the main store's
 * slices stay as they are.
 */
import { create } from 'zustand';
import type { EngineStatus } from './runsSlice';

export type OfflineStatus =
  /** The service worker is still caching the lab (or not registered yet). */
  | 'caching'
  /** Everything is cached: the lab loads and trains with no network. */
  | 'ready'
  /** No service worker here (a development server, a browser without one, a refusal). */
  | 'unavailable';

export interface OfflineState {
  status: OfflineStatus;
  online: boolean;
  /** A new version is installed and waits for a reload. */
  updateReady: boolean;
  /** The user said "later" to this update. */
  updateDismissed: boolean;
  /** Activates the waiting version and reloads the page. */
  applyUpdate: (() => Promise<void>) | null;
}

export const useOfflineStore = create<OfflineState>()(() => ({
  status: 'unavailable',
  online: typeof navigator === 'undefined' ? true : navigator.onLine,
  updateReady: false,
  updateDismissed: false,
  applyUpdate: null,
}));

/** A reload would throw away a run in progress: offer the update only when nothing is training. */
export function shouldOfferUpdate(
  s: Pick<OfflineState, 'updateReady' | 'updateDismissed'>,
  engine: EngineStatus,
): boolean {
  return s.updateReady && !s.updateDismissed && engine !== 'running' && engine !== 'starting';
}

/** The words of the offline badge, or null when there is nothing to say. */
export function offlineBadgeText(s: Pick<OfflineState, 'status' | 'online'>): string | null {
  if (s.status === 'ready') return s.online ? 'works offline' : 'offline: running from the cache';
  if (s.status === 'caching') return s.online ? 'saving for offline use…' : 'offline';
  return s.online ? null : 'offline';
}
