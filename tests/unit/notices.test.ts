import { describe, expect, it } from 'vitest';
import { FIELDS, isRelevant } from '../../src/core/config';
import { parsePermalink } from '../../src/core/permalink';
import { problemsFor } from '../../src/components/ControlPanel';
import { shadowedByDefaultAxis } from '../../src/state/linkHints';
import { validateExperiment } from '../../src/core/validate';

const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

function messages(query: string): string[] {
  return parsePermalink(query).notices.map((n) => n.message);
}

describe('notices that read right', () => {
  it('a ksat link with m >= n says ksat, not parity', () => {
    for (const q of ['vs=none&inputs=ksat&m=130', 'vs=none&inputs=ksat&m=128', 'vs=none&inputs=ksat&n=64']) {
      const text = messages(q).join('\n');
      expect(text).toMatch(/ksat needs a teacher width m below the input dimension/);
      expect(text).not.toMatch(/parity/);
    }
  });

  it('a ksat link under the default inputs axis names the run the problem is in, and says the axis replaces ksat', () => {
    const q = 'inputs=ksat&m=200';
    const { experiment, notices } = parsePermalink(q);
    const reverted = notices.map((n) => n.message).join('\n');
    expect(reverted).toMatch(
      /parity needs a teacher width m below the input dimension n.*\(in the run inputs=parity\)/,
    );
    const hints = shadowedByDefaultAxis(q, experiment).map((n) => n.message);
    expect(hints).toHaveLength(1);
    expect(hints[0]).toMatch(/inputs=ksat is not used by any run/);
    expect(hints[0]).toMatch(/vs=none/);
    // With the axis named in the link, or a value the axis runs anyway, there is nothing to say.
    expect(shadowedByDefaultAxis('inputs=parity', parsePermalink('inputs=parity').experiment)).toEqual([]);
    const explicit = 'inputs=ksat&vs=inputs:gaussian,parity';
    expect(shadowedByDefaultAxis(explicit, parsePermalink(explicit).experiment)).toEqual([]);
  });

  it.each([
    ['a key', 'k\u202Eab=1'],
    ['a value', 'n=1\u202E2'],
    ['an axis value', 'vs=k:2,\u2066x'],
    ['a repeated key', 'zz\u200F=1&zz\u200F=2'],
    ['a version', 'v=\u061C9'],
  ])('bidirectional controls in %s are shown escaped, never raw', (_what, query) => {
    const { notices } = parsePermalink(query);
    expect(notices.length).toBeGreaterThan(0);
    for (const n of notices) {
      expect(n.message).not.toMatch(BIDI);
      expect(n.key).not.toMatch(BIDI);
    }
    expect(notices.map((n) => n.message).join('\n')).toMatch(/\\u(202E|2066|200F|061C)/);
  });

  it('shows "the training set is smaller than a batch" once, not beside both fields', () => {
    const { experiment } = parsePermalink('train=1&vs=none');
    const { warnings } = validateExperiment(experiment);
    expect(warnings.map((w) => w.message)).toContain(
      'the training set (1) is smaller than a batch (128); every step sees the whole set',
    );
    const shown = new Set<string>(FIELDS.filter((f) => isRelevant(f, experiment)).map((f) => f.key));
    const onScreen = FIELDS.flatMap((f) => problemsFor(f.key, warnings, shown));
    expect(onScreen.filter((m) => m.includes('smaller than a batch'))).toHaveLength(1);
    expect(problemsFor('train', warnings, shown)).toHaveLength(1);
    expect(problemsFor('bs', warnings, shown)).toHaveLength(0);
  });
});
