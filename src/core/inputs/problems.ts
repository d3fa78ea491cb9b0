/**
 * Problems that several input kinds share: the constructions' conditions
 * (docs/science.md 2.2) and the label saturation of benign inputs under the clip.
 */
import type { Config } from '../config';
import { weightStd } from '../weightScale';
import type { Problem } from '../problem';

/** m < n for any construction; a warning when the dead units no longer hide the secret. */
export function constructionProblems(c: Config, what: string): { errors: Problem[]; warnings: Problem[] } {
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  if (c.m >= c.n) {
    errors.push({
      // inputs too: when a compare axis varies the inputs, the message names the run it is about.
      fields: ['m', 'n', 'inputs'],
      message: `${what} needs a teacher width m below the input dimension n, so that W has a null space; m is ${c.m} and n is ${c.n}`,
    });
  }
  if (c.c === 0) {
    warnings.push({
      fields: ['c'],
      message:
        'with dead-unit spread c=0 the dead units no longer depend on the bits, which weakens what hides the secret bits',
    });
  }
  return { errors, warnings };
}

/** The parity construction's conditions: 2^(k-1) pattern units below m, and k secret bits among d. */
export function parityProblems(c: Config, what: string): Problem[] {
  const errors: Problem[] = [];
  const patterns = 2 ** (c.k - 1);
  if (c.m <= patterns) {
    errors.push({
      fields: ['k', 'm'],
      message: `${what} with k=${c.k} needs a teacher width m above ${patterns} (2^(k-1) pattern units); m is ${c.m}`,
    });
  }
  if (c.k > c.d) {
    errors.push({
      fields: ['k', 'd'],
      message: `parity size k=${c.k} cannot exceed the number of hidden bits d=${c.d}`,
    });
  }
  return errors;
}

/**
 * E[sum_i relu(<w_i, x>)] for inputs of independent coordinates with mean 0
 * and variance scale^2 (Gaussian, or ±scale): each pre-activation is about
 * N(0, scale^2 s^2 n), whose relu has mean scale s sqrt(n) / sqrt(2 pi).
 */
export function expectedTeacherSum(c: Config, scale: number): number {
  return (c.m * scale * weightStd(c.wscale, c.n) * Math.sqrt(c.n)) / Math.sqrt(2 * Math.PI);
}

/** Well above 1 the clipped label is 1 almost always, and the normalised loss means nothing. */
export function clipSaturation(c: Config, scale: number, inputs: string, lower: string): Problem[] {
  if (!c.clip || expectedTeacherSum(c, scale) <= 2) return [];
  return [
    {
      fields: ['clip', 'sigma', 'wscale'],
      message: `with the clip on, ${inputs} saturate the label at 1 for most samples; the normalised loss is then meaningless (lower ${lower})`,
    },
  ];
}
