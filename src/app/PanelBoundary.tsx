/**
 * One view that fails (its lazy chunk does not load offline, or it throws
 * while drawing) shows a short message in its place instead of blanking the
 * whole page: the other views, the controls and the run go on.
 */
import { Component, type ReactNode } from 'react';

interface Props {
  /** The view's title, named in the message. */
  title: string;
  children?: ReactNode;
}

export class PanelBoundary extends Component<Props, { error: string | null }> {
  override state: { error: string | null } = { error: null };

  static getDerivedStateFromError(e: unknown): { error: string } {
    return { error: e instanceof Error ? e.message : String(e) };
  }

  override render(): ReactNode {
    if (this.state.error === null) return this.props.children;
    return (
      <section className="panel panel-error" role="alert">
        <p>
          The {this.props.title} view could not be drawn ({this.state.error}). The other views and the run are
          unaffected; reload the page to try it again.
        </p>
      </section>
    );
  }
}
