import { useMemo } from 'react';
import { validateExperiment } from '../core/config';
import { expandRuns } from '../core/experiment';
import { parsePermalink } from '../core/permalink';

/** The shell: shows the experiment the URL describes until the full lab lands. */
export function App() {
  const { experiment, notices } = useMemo(() => parsePermalink(window.location.search), []);
  const runs = expandRuns(experiment);
  const validation = validateExperiment(experiment);
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', maxWidth: 760, margin: '3rem auto', lineHeight: 1.5 }}>
      <h1>Natural Weights Lab</h1>
      <p>
        A random depth-2 network with natural weights, and an input distribution built from those very weights that
        makes it compute a sparse parity: gradient training learns the teacher under Gaussian inputs and stalls under
        the adversarial ones.
      </p>
      {notices.length > 0 && (
        <ul aria-label="permalink notices">
          {notices.map((n, i) => (
            <li key={i}>{n.message}</li>
          ))}
        </ul>
      )}
      <h2>This link's experiment</h2>
      <ul>
        {runs.map((r) => (
          <li key={r.index}>{r.label}</li>
        ))}
      </ul>
      {!validation.ok && <p role="alert">{validation.errors.map((e) => e.message).join('; ')}</p>}
    </main>
  );
}
