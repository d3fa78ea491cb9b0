/**
 * Registers the generated service worker (vite-plugin-pwa, workbox) from the
 * app's own code: the Content-Security-Policy allows no inline register
 * script. Registered after the page has loaded, so precaching does not
 * compete with the first screen; loaded lazily, so workbox-window is not in
 * the main bundle. Production builds only: the dev server has no worker.
 */
import { useOfflineStore } from '../state/offlineState';

let started = false;

/** How long the new version may take to activate before the page reloads anyway. */
const ACTIVATE_TIMEOUT_MS = 3000;

/**
 * Tells the waiting version to take over, then reloads. vite-plugin-pwa
 * reloads by itself only on a page that was controlled from its start; a
 * first visit's page is not, so the reload is done here once the new
 * version is active (a second reload, if both happen, is harmless).
 */
async function activateAndReload(update: (reload?: boolean) => Promise<void>): Promise<void> {
  const waiting = (await navigator.serviceWorker.getRegistration())?.waiting ?? null;
  await update(true);
  if (waiting && waiting.state !== 'activated') {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ACTIVATE_TIMEOUT_MS);
      waiting.addEventListener('statechange', () => {
        if (waiting.state === 'activated') {
          clearTimeout(timer);
          resolve();
        }
      });
    });
  }
  window.location.reload();
}

export function startOfflineSupport(): void {
  if (started || !import.meta.env.PROD || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  started = true;
  const set = useOfflineStore.setState;
  const onLine = () => set({ online: navigator.onLine });
  window.addEventListener('online', onLine);
  window.addEventListener('offline', onLine);
  set({ status: 'caching' });

  const register = async () => {
    try {
      const { registerSW } = await import('virtual:pwa-register');
      const update = registerSW({
        immediate: true,
        onOfflineReady: () => set({ status: 'ready' }),
        onNeedRefresh: () =>
          set({ updateReady: true, updateDismissed: false, applyUpdate: () => activateAndReload(update) }),
        onRegisteredSW: (_url, registration) => {
          // A worker already active was installed on an earlier visit: its precache is complete.
          if (registration?.active) set({ status: 'ready' });
        },
        onRegisterError: () => set({ status: 'unavailable' }),
      });
    } catch {
      // The worker's module could not be loaded (offline on a first visit, say): the page works as before.
      set({ status: 'unavailable' });
    }
  };
  if (document.readyState === 'complete') void register();
  else window.addEventListener('load', () => void register(), { once: true });
}
