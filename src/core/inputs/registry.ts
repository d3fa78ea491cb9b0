/**
 * Every input distribution the lab offers, in the order the controls list
 * them. A new kind is its own file (descriptor and sampler, core/inputs/kind.ts)
 * and one line here; the permalink's `inputs` values, the controls and the
 * validation follow from this list.
 */
import { cube } from './cube';
import { gaussian } from './gaussian';
import type { InputKindSpec } from './kind';
import { ksat } from './ksat';
import { parity } from './parity';
import { random } from './random';

export const INPUT_KIND_LIST = [gaussian, parity, ksat, random, cube] as const;

export type InputKind = (typeof INPUT_KIND_LIST)[number]['name'];

export const INPUT_KINDS: readonly InputKind[] = INPUT_KIND_LIST.map((k) => k.name);

const BY_NAME = new Map<string, InputKindSpec>(INPUT_KIND_LIST.map((k) => [k.name, k]));

/** The descriptor of an input kind. */
export function inputKind(name: InputKind): InputKindSpec {
  const spec = BY_NAME.get(name);
  if (!spec) throw new Error(`unknown input distribution ${String(name)}`);
  return spec;
}
