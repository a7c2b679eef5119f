/**
 * RR input rules shared by every public function: values that are not finite numbers or not strictly positive
 * (NaN, ±Infinity, 0, negative) cannot be an interval between two heartbeats, so they are dropped before any
 * analysis and the remaining beats are treated as consecutive. Nothing throws on bad input.
 */
export function isValidRrMs(rrMs: number): boolean {
  return Number.isFinite(rrMs) && rrMs > 0;
}

/** The valid RR values of `rrMs` copied into a fresh Float64Array (see {@link isValidRrMs}). */
export function toValidRr(rrMs: readonly number[]): Float64Array {
  let count = 0;
  for (const rr of rrMs) if (isValidRrMs(rr)) count++;
  const out = new Float64Array(count);
  let j = 0;
  for (const rr of rrMs) if (isValidRrMs(rr)) out[j++] = rr;
  return out;
}

/**
 * Positions in `rrMs` of its valid values, so results computed on the cleaned series can be reported against
 * the caller's indices. Undefined when every value is valid (the common case: no mapping needed).
 */
export function validSourceIndices(rrMs: readonly number[]): Int32Array | undefined {
  let count = 0;
  for (const rr of rrMs) if (isValidRrMs(rr)) count++;
  if (count === rrMs.length) return undefined;
  const out = new Int32Array(count);
  let j = 0;
  for (let i = 0; i < rrMs.length; i++) if (isValidRrMs(rrMs[i] ?? Number.NaN)) out[j++] = i;
  return out;
}

/**
 * A power of two close to the largest magnitude in `values[0..n)`, or 1 when there is none. Dividing by it is
 * exact in binary floating point (results stay bit-identical), yet it keeps squares and sums of extreme but
 * finite inputs (1e200 ms) from overflowing.
 */
export function powerOfTwoScale(values: Float64Array, n: number): number {
  let max = 0;
  for (let i = 0; i < n; i++) {
    const v = Math.abs(values[i] ?? 0);
    if (v > max) max = v;
  }
  if (!(max > 0) || !Number.isFinite(max)) return 1;
  const exponent = Math.floor(Math.log2(max));
  // 2^1023 is the largest finite power of two; 2^-1074 the smallest subnormal one.
  return 2 ** Math.max(-1074, Math.min(1023, exponent));
}
