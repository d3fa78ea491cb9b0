/** One view that throws shows its own message; the page around it is kept (src/app/PanelBoundary.tsx). */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PanelBoundary } from '../../src/app/PanelBoundary';

describe('PanelBoundary', () => {
  it('draws its view while nothing failed', () => {
    const html = renderToStaticMarkup(
      <PanelBoundary title="phase map">
        <p>the chart</p>
      </PanelBoundary>,
    );
    expect(html).toBe('<p>the chart</p>');
  });

  it('names the view and the error once the view has thrown, with a way on', () => {
    const state = PanelBoundary.getDerivedStateFromError(new Error('chunk failed to load'));
    const boundary = new PanelBoundary({ title: 'phase map', children: <p>the chart</p> });
    boundary.state = state;
    const html = renderToStaticMarkup(<>{boundary.render()}</>);
    expect(html).toContain('role="alert"');
    expect(html).toContain('The phase map view could not be drawn (chunk failed to load)');
    expect(html).toContain('reload the page');
    expect(html).not.toContain('the chart');
  });
});
