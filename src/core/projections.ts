/**
 * The student's first-layer weights seen along the hidden bits' input
 * directions (issue 10, item 2): for every hidden unit u and bit j, the
 * projection <w_u, e_j> of the unit's incoming weights on the unit vector
 * e_j along the standardised column j of the construction (the direction in
 * which switching bit j moves the student's input).
 *
 * At initialisation the weights are isotropic, so the projections on the
 * secret bits' directions and on the others' have one distribution; they
 * separate exactly when the student picks up the secret bits.
 */

/** Unit rows: row j of `directions` (d x n) divided by its length. */
export function unitDirections(directions: Float64Array, d: number, n: number): Float64Array {
  const out = new Float64Array(d * n);
  for (let j = 0; j < d; j++) {
    let s = 0;
    for (let r = 0; r < n; r++) s += directions[j * n + r]! ** 2;
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let r = 0; r < n; r++) out[j * n + r] = directions[j * n + r]! * inv;
  }
  return out;
}

/**
 * <w_u, e_j> for every bit j in `bits` and unit u: bits.length x h values,
 * bit after bit. W1 is n x h row-major (W1[r * h + u] is input r of unit u),
 * `units` (d x n) the unit directions.
 */
export function projectFirstLayer(
  W1: ArrayLike<number>,
  n: number,
  h: number,
  units: Float64Array,
  bits: readonly number[],
): Float64Array {
  const out = new Float64Array(bits.length * h);
  bits.forEach((j, b) => {
    const e = units.subarray(j * n, (j + 1) * n);
    const o = b * h;
    for (let r = 0; r < n; r++) {
      const er = e[r]!;
      if (er === 0) continue;
      const wo = r * h;
      for (let u = 0; u < h; u++) out[o + u]! += er * W1[wo + u]!;
    }
  });
  return out;
}

/** The projections on the secret bits' directions and on every other bit's. */
export function secretProjections(
  W1: ArrayLike<number>,
  n: number,
  h: number,
  units: Float64Array,
  d: number,
  secret: readonly number[],
): { secret: Float64Array; other: Float64Array } {
  const inSecret = new Set(secret);
  const others = Array.from({ length: d }, (_, j) => j).filter((j) => !inSecret.has(j));
  return {
    secret: projectFirstLayer(W1, n, h, units, [...secret]),
    other: projectFirstLayer(W1, n, h, units, others),
  };
}
