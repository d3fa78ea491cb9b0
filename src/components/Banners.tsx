import { useShallow } from 'zustand/react/shallow';
import { resultsAreStale, useStore } from '../state/store';
import * as engine from '../state/engine';

/** What the permalink parser changed, field by field, until dismissed. */
export function NoticeBanner() {
  const { notices, dismiss } = useStore(useShallow((s) => ({ notices: s.notices, dismiss: s.dismissNotices })));
  if (notices.length === 0) return null;
  return (
    <section className="banner notice-banner" role="status" aria-labelledby="notice-title">
      <div>
        <h2 id="notice-title">This link needed changes to open</h2>
        <ul>
          {notices.map((n, i) => (
            <li key={i}>{n.message}</li>
          ))}
        </ul>
      </div>
      <button type="button" onClick={dismiss} aria-label="dismiss the link notices">
        Dismiss
      </button>
    </section>
  );
}

const NO_LOSSES: { runs: string; why: string }[] = [];
const NO_RECOVERIES: string[] = [];

/** A crashed worker, a lost context, a fallback backend: what happened and the way on. */
export function EngineBanner() {
  const { engineState, message, backend, stale, losses, recoveries } = useStore(
    useShallow((s) => ({
      engineState: s.engine,
      message: s.engineMessage,
      backend: s.backend,
      stale: resultsAreStale(s) && s.runs.length > 0,
      losses: s.workerLosses ?? NO_LOSSES,
      recoveries: s.workerRecoveries ?? NO_RECOVERIES,
    })),
  );
  return (
    <>
      {engineState !== 'crashed' &&
        recoveries.map((text, i) => (
          <section key={`recovered-${i}`} className="banner info-banner" role="status">
            <p>{text}</p>
          </section>
        ))}
      {engineState !== 'crashed' &&
        losses.map((l, i) => (
          <section key={i} className="banner error-banner" role="alert">
            <p>
              A training worker stopped ({l.why}): {l.runs} no longer train; their curves so far are kept, and the other
              runs go on.
            </p>
            <button type="button" onClick={() => engine.start()}>
              Reset and start again
            </button>
          </section>
        ))}
      {engineState === 'crashed' && (
        <section className="banner error-banner" role="alert">
          <p>{message ?? 'Training stopped.'}</p>
          <button type="button" onClick={() => engine.start()}>
            Reset and start again
          </button>
        </section>
      )}
      {backend?.fallbackFrom && (
        <section className="banner info-banner" role="status">
          <p>
            Now training on <strong>{backend.name}</strong>: {backend.reason}.
          </p>
        </section>
      )}
      {stale && engineState !== 'crashed' && (
        <section className="banner info-banner" role="status">
          <p>The curves below are from the previous settings. Press Start to train the experiment as it is now.</p>
        </section>
      )}
    </>
  );
}
