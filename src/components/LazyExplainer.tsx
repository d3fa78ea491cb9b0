/**
 * The explanation and its typeset math, loaded after the first screen: KaTeX
 * and its stylesheet are about a third of what the page would otherwise load
 * before it can draw a chart, and the text sits below the charts anyway.
 */
import { Component, lazy, Suspense, type ReactNode } from 'react';
import { useFocus } from '../state/focus';

const Explainer = lazy(() => import('./Explainer').then((m) => ({ default: m.Explainer })));

/** A chunk that fails to load (offline, a deploy in between) leaves a sentence, not a blank page. */
export class LoadBoundary extends Component<{ what: string; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render(): ReactNode {
    if (this.state.failed) {
      return <p className="empty-note">The {this.props.what} could not be loaded; reload the page to try again.</p>;
    }
    return this.props.children;
  }
}

export function LazyExplainer() {
  const { active } = useFocus();
  return (
    <LoadBoundary what="explanation">
      <Suspense
        fallback={
          <section className="explainer" aria-busy="true">
            <p className="empty-note">Loading the explanation…</p>
          </section>
        }
      >
        <Explainer folded={active} />
      </Suspense>
    </LoadBoundary>
  );
}
