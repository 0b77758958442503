import { Component, type ReactNode } from 'react';

/**
 * An error boundary around one panel: an error thrown while drawing the panel shows a message in
 * its place, and the rest of the app keeps working. "Try again" draws the panel anew (after the
 * next change of the scenario the data may well be fine).
 */
export class PanelBoundary extends Component<
  { name: string; children: ReactNode },
  { error: string | null }
> {
  override state = { error: null as string | null };

  static getDerivedStateFromError(err: unknown): { error: string } {
    return { error: err instanceof Error ? err.message : String(err) };
  }

  override componentDidCatch(err: unknown): void {
    // Kept in the console for whoever debugs; the page says it in words.
    console.warn(`The ${this.props.name} panel failed:`, err);
  }

  override render(): ReactNode {
    if (this.state.error === null) return this.props.children;
    return (
      <div className="panel-error" role="alert">
        <p>
          The {this.props.name} could not be drawn ({this.state.error.slice(0, 200)}). The rest of
          the page still works.
        </p>
        <button type="button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    );
  }
}
