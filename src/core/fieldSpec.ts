/**
 * The shape of one field's descriptor, and the small builders FIELDS is
 * written with (core/config.ts). A descriptor's `default` carries the
 * field's value type, so the Config type is derived from the table instead
 * of being restated beside it.
 */

export type FieldGroup = 'teacher' | 'inputs' | 'student' | 'training' | 'seeds' | 'runtime';

/**
 * The values a field takes across an experiment: the base value, or every
 * value of a compare axis over it. Relevance rules read other fields through it.
 */
export type FieldValues = (key: string) => readonly unknown[];

interface SpecBase<K extends string, V, A extends boolean> {
  key: K;
  group: FieldGroup;
  label: string;
  help: string;
  /** The default experiment's value; its type is the field's value type. */
  default: V;
  /** Whether a compare axis may vary it (everything but the runtime). */
  axis: A;
  /**
   * Whether the field matters for an experiment (the controls hide it when it
   * does not); absent: always. `key` is the field's own key.
   */
  relevantWhen?: (values: FieldValues, key: string) => boolean;
}

export interface IntSpec<K extends string = string, A extends boolean = boolean> extends SpecBase<K, number, A> {
  kind: 'int';
  min: number;
  max: number;
}
export interface NumberSpec<K extends string = string, A extends boolean = boolean> extends SpecBase<K, number, A> {
  kind: 'number';
  min: number;
  max: number;
  /** Exclusive lower bound (student-t needs nu > 2). */
  minExclusive?: boolean;
  /** Shown and stepped on a log scale in the UI. */
  log?: boolean;
}
export interface EnumSpec<
  K extends string = string,
  V extends string = string,
  A extends boolean = boolean,
> extends SpecBase<K, V, A> {
  kind: 'enum';
  options: readonly V[];
}
export interface BoolSpec<K extends string = string, A extends boolean = boolean> extends SpecBase<K, boolean, A> {
  kind: 'bool';
}
/** A preset name, or an explicit number (the weight scale: a standard deviation). */
export interface ScaleSpec<
  K extends string = string,
  P extends string = string,
  A extends boolean = boolean,
> extends SpecBase<K, P | number, A> {
  kind: 'scale';
  presets: readonly P[];
  min: number;
  max: number;
}
/** `online`, or a whole number (a fixed training-set size). */
export interface RegimeSpec<K extends string = string, A extends boolean = boolean> extends SpecBase<
  K,
  'online' | number,
  A
> {
  kind: 'regime';
  min: number;
  max: number;
}
export interface SeedSpec<
  K extends string = string,
  V extends number | null = number | null,
  A extends boolean = boolean,
> extends SpecBase<K, V, A> {
  kind: 'seed';
  /** Derived from the master seed when null. */
  optional: boolean;
}

export type FieldSpec = IntSpec | NumberSpec | EnumSpec | BoolSpec | ScaleSpec | RegimeSpec | SeedSpec;
export type FieldKindName = FieldSpec['kind'];

/** What a builder takes: the spec without its kind, the key and axis typed for inference (axis defaults to true). */
type Input<S extends FieldSpec, K extends string, A extends boolean> = Omit<S, 'kind' | 'key' | 'axis' | 'optional'> & {
  key: K;
  axis?: A;
};

export const intField = <K extends string, A extends boolean = true>(s: Input<IntSpec, K, A>): IntSpec<K, A> => ({
  kind: 'int',
  ...s,
  axis: (s.axis ?? true) as A,
});
export const numberField = <K extends string, A extends boolean = true>(
  s: Input<NumberSpec, K, A>,
): NumberSpec<K, A> => ({ kind: 'number', ...s, axis: (s.axis ?? true) as A });
export const enumField = <K extends string, V extends string, A extends boolean = true>(
  s: Omit<Input<EnumSpec, K, A>, 'options' | 'default'> & { options: readonly V[]; default: NoInfer<V> },
): EnumSpec<K, V, A> => ({ kind: 'enum', ...s, axis: (s.axis ?? true) as A });
export const boolField = <K extends string, A extends boolean = true>(s: Input<BoolSpec, K, A>): BoolSpec<K, A> => ({
  kind: 'bool',
  ...s,
  axis: (s.axis ?? true) as A,
});
export const scaleField = <K extends string, P extends string, A extends boolean = true>(
  s: Omit<Input<ScaleSpec, K, A>, 'presets' | 'default'> & { presets: readonly P[]; default: NoInfer<P> | number },
): ScaleSpec<K, P, A> => ({ kind: 'scale', ...s, axis: (s.axis ?? true) as A });
export const regimeField = <K extends string, A extends boolean = true>(
  s: Input<RegimeSpec, K, A>,
): RegimeSpec<K, A> => ({ kind: 'regime', ...s, axis: (s.axis ?? true) as A });
/** The master seed: always a number. */
export const seedField = <K extends string, A extends boolean = true>(
  s: Omit<Input<SeedSpec, K, A>, 'default'> & { default: number },
): SeedSpec<K, number, A> => ({ kind: 'seed', optional: false, ...s, axis: (s.axis ?? true) as A });
/** A seed derived from the master seed unless set: null means derived. */
export const derivedSeedField = <K extends string, A extends boolean = true>(
  s: Omit<Input<SeedSpec, K, A>, 'default'> & { default: number | null },
): SeedSpec<K, number | null, A> => ({ kind: 'seed', optional: true, ...s, axis: (s.axis ?? true) as A });

/** The largest seed: seeds are unsigned 32-bit integers. */
export const MAX_SEED = 0xffffffff;
/** The text form of an optional seed that is derived from the master seed (null). */
export const DERIVED_SEED = 'auto';
