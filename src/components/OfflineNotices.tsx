/**
 * The offline badge for the header ("works offline" once the service worker
 * has cached the lab) and the update banner: a new version is offered with a
 * reload only while nothing trains, so accepting it never throws away a run.
 */
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../state/store';
import { offlineBadgeText, shouldOfferUpdate, useOfflineStore } from '../state/offlineState';
import './offline.css';

export function OfflineBadge() {
  const text = useOfflineStore((s) => offlineBadgeText(s));
  const ready = useOfflineStore((s) => s.status === 'ready');
  if (!text) return null;
  return (
    <span
      className={`offline-badge${ready ? ' offline-ready' : ''}`}
      role="status"
      title={ready ? 'Cached on this device: the lab opens and trains with no network' : undefined}
    >
      {text}
    </span>
  );
}

export function UpdateBanner() {
  const engine = useStore((s) => s.engine);
  const { offer, applyUpdate } = useOfflineStore(
    useShallow((s) => ({ offer: shouldOfferUpdate(s, engine), applyUpdate: s.applyUpdate })),
  );
  if (!offer) return null;
  return (
    <section className="banner info-banner update-banner" role="status" aria-label="new version">
      <p>A new version of the lab is available. Reloading keeps the experiment (it is in the link).</p>
      <div className="update-actions">
        <button type="button" className="primary" onClick={() => void applyUpdate?.()}>
          Reload
        </button>
        <button type="button" onClick={() => useOfflineStore.setState({ updateDismissed: true })}>
          Later
        </button>
      </div>
    </section>
  );
}
