import { useShallow } from 'zustand/react/shallow';
import { parsePermalink } from '../core/permalink';
import { foreignEngine } from './recordedRuns';
import { showExperiment } from '../state/openResult';
import { recordingApplies, recordingDrawn } from '../state/recordingSlice';
import { useStore } from '../state/store';

/**
 * What the page says about recorded results: a file it refused (and why), a
 * recording it could not load, and a recording that no longer belongs to the
 * experiment on screen (hidden, with the way back to it).
 */
export function RecordingBanner() {
  const { message, recording, applies, dismiss } = useStore(
    useShallow((s) => ({
      message: s.recordingMessage,
      recording: s.recording,
      applies: recordingApplies(s),
      dismiss: s.setRecordingMessage,
    })),
  );
  const stale = recording !== null && !applies;
  return (
    <>
      {message && (
        <section
          className={`banner ${message.kind === 'error' ? 'error-banner' : 'info-banner'} recording-message`}
          role={message.kind === 'error' ? 'alert' : 'status'}
        >
          <div>
            <p>{message.text}</p>
            {message.details && (
              <ul>
                {message.details.map((d, i) => (
                  <li key={i}>{d}</li>
                ))}
              </ul>
            )}
          </div>
          <button type="button" onClick={() => dismiss(null)} aria-label="dismiss this message">
            Dismiss
          </button>
        </section>
      )}
      {stale && (
        <section className="banner info-banner recording-stale" role="status">
          <p>
            The recorded runs ({recording.name}) belong to the experiment as it was opened; they are hidden since a
            setting changed.
          </p>
          <button
            type="button"
            onClick={() => {
              const { experiment } = parsePermalink(recording.result.permalink);
              showExperiment(experiment, recording);
            }}
          >
            Show the recorded experiment
          </button>
        </section>
      )}
    </>
  );
}

/**
 * Under the transport: while only recorded runs are drawn, what they are and
 * what Start adds; once live runs are drawn over a recording made by another
 * engine (a PyTorch sweep), that the two agree in distribution, not bit for bit.
 */
export function RecordingNote() {
  const { recording, applies, hasLive } = useStore(
    useShallow((s) => ({ recording: s.recording, applies: recordingDrawn(s), hasLive: s.runs.length > 0 })),
  );
  if (!recording || !applies) return null;
  const engine = foreignEngine(recording.result);
  if (hasLive) {
    if (!engine) return null;
    return (
      <p className="recording-note engine-note">
        The dashed runs were recorded by {engine}: statistically equivalent to this lab's engine, not bit-identical. It
        draws its own students and batches, so a live run follows its own path; compare medians over seeds, not single
        curves.
      </p>
    );
  }
  return (
    <p className="recording-note">
      Showing a recorded result ({recording.origin === 'file' ? recording.name : 'shipped with the lab'}, trained{' '}
      {engine ? `by ${engine}` : `on ${recording.result.backend}`}): press Start to train the same runs live on top.
    </p>
  );
}
