/**
 * Hann windows, cached per length. Welch segments in short recordings take the recording's own length, so the
 * cache is bounded: it is simply emptied when it holds too many lengths.
 */

const MAX_CACHED_WINDOWS = 16;
const periodicCache = new Map<number, Float64Array>();
const symmetricCache = new Map<number, Float64Array>();

function cached(cache: Map<number, Float64Array>, length: number, denominator: number): Float64Array {
  let window = cache.get(length);
  if (window === undefined) {
    if (cache.size >= MAX_CACHED_WINDOWS) cache.clear();
    window = new Float64Array(length);
    if (length === 1) window[0] = 1;
    else {
      // w_k = w_{d−k} (d the denominator): compute the first half and mirror it, half the cosines.
      for (let k = 0; k <= denominator / 2 && k < length; k++) {
        const w = 0.5 - 0.5 * Math.cos((2 * Math.PI * k) / denominator);
        window[k] = w;
        if (denominator - k < length) window[denominator - k] = w;
      }
    }
    cache.set(length, window);
  }
  return window;
}

/** Periodic Hann window w_k = 0.5 − 0.5 cos(2πk/L), k < L: scipy's `get_window('hann', L)`, used by Welch. */
export function periodicHann(length: number): Float64Array {
  return cached(periodicCache, length, length);
}

/** Symmetric Hann window w_k = 0.5 − 0.5 cos(2πk/(L−1)), k < L: numpy's `hanning(L)`. */
export function symmetricHann(length: number): Float64Array {
  return cached(symmetricCache, length, length - 1);
}

/** Σ w_k², the density normalisation of a windowed periodogram. */
export function sumOfSquares(window: Float64Array): number {
  let sum = 0;
  for (const w of window) sum += w * w;
  return sum;
}
