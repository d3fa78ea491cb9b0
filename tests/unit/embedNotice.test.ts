/** The notice for an unknown `embed` name: it echoes the value safely and lists what works. */
import { describe, expect, it } from 'vitest';
import { unknownEmbedNotice, visibleText } from '../../src/app/embedNotice';

describe('the unknown-embed notice', () => {
  it('escapes control and bidirectional characters so they cannot reorder the text', () => {
    expect(visibleText('loss\u202Eevil')).toBe('loss\\u202eevil');
    expect(visibleText('a\u2066b\u0007c\u200fd')).toBe('a\\u2066b\\u0007c\\u200fd');
    expect(visibleText('plain-name')).toBe('plain-name');
  });

  it('cuts a long value short', () => {
    const echoed = visibleText('x'.repeat(500));
    expect(echoed).toHaveLength(41);
    expect(echoed.endsWith('…')).toBe(true);
  });

  it('names the value and the embeddable views', () => {
    const n = unknownEmbedNotice('sparkles', ['loss', 'wall']);
    expect(n.key).toBe('embed');
    expect(n.message).toBe(
      'embed=sparkles names no view of the lab (embeddable: loss, wall); the whole lab is shown instead.',
    );
  });
});
