/**
 * Smoothness-priors detrending (Tarvainen, Ranta-aho & Karjalainen 2002, IEEE Trans Biomed Eng 49(2):172-175):
 * the trend of z is (I + λ² D₂ᵀD₂)⁻¹ z, with D₂ the (N−2)×N second-difference matrix, and the detrended series
 * is z − trend. I + λ²D₂ᵀD₂ is symmetric, positive definite and pentadiagonal, so it is factored as LDLᵀ with a
 * unit lower-triangular L of bandwidth 2 and solved in O(N) time and memory; a dense N×N system (4 MB and
 * O(N³) work for 5 minutes at 4 Hz) is never formed. Factorizations are cached for the last few (N, λ).
 */

interface Factorization {
  readonly n: number;
  readonly lambda: number;
  /** Diagonal D. */
  readonly d: Float64Array;
  /** First sub-diagonal of L: L[i+1][i]. */
  readonly e: Float64Array;
  /** Second sub-diagonal of L: L[i+2][i]. */
  readonly f: Float64Array;
}

/** Factorizations kept, the newest; a fifth (N, λ) evicts the oldest (benches cycle past it to measure a miss). */
export const SMOOTHNESS_PRIORS_CACHE_SIZE = 4;
const cache: Factorization[] = [];
let trendScratch = new Float64Array(0);

/** LDLᵀ of I + λ²D₂ᵀD₂, from its three non-zero lower diagonals. */
function factorize(n: number, lambda: number): Factorization {
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  const f = new Float64Array(n);
  const l2 = lambda * lambda;
  const lastRow = n - 3;
  let dPrev = 0;
  let dPrev2 = 0;
  let ePrev = 0;
  let fPrev = 0;
  let fPrev2 = 0;
  for (let i = 0; i < n; i++) {
    // Entries of I + λ²D₂ᵀD₂ in column i: D₂ row r is [1, −2, 1] at columns r..r+2 (0 ≤ r ≤ n−3), so column i
    // meets rows i−2, i−1 and i; away from the ends all three exist and the entries are constant.
    let diagonal = 1 + 6 * l2;
    let below1 = -4 * l2;
    let below2 = l2;
    if (i < 2 || i > lastRow) {
      const hasRowI = i <= lastRow;
      const hasRowIm1 = i >= 1 && i - 1 <= lastRow;
      const hasRowIm2 = i >= 2 && i - 2 <= lastRow;
      diagonal = 1 + l2 * ((hasRowIm2 ? 1 : 0) + (hasRowIm1 ? 4 : 0) + (hasRowI ? 1 : 0));
      below1 = l2 * ((hasRowIm1 ? -2 : 0) + (hasRowI ? -2 : 0));
      below2 = hasRowI ? l2 : 0;
    }
    const di = diagonal - ePrev * ePrev * dPrev - fPrev2 * fPrev2 * dPrev2;
    const ei = (below1 - fPrev * ePrev * dPrev) / di;
    const fi = below2 / di;
    d[i] = di;
    e[i] = ei;
    f[i] = fi;
    dPrev2 = dPrev;
    dPrev = di;
    ePrev = ei;
    fPrev2 = fPrev;
    fPrev = fi;
  }
  return { n, lambda, d, e, f };
}

function factorizationFor(n: number, lambda: number): Factorization {
  for (const entry of cache) if (entry.n === n && entry.lambda === lambda) return entry;
  const entry = factorize(n, lambda);
  if (cache.length >= SMOOTHNESS_PRIORS_CACHE_SIZE) cache.shift();
  cache.push(entry);
  return entry;
}

/**
 * Replaces `values[0..n)` by values − (I + λ²D₂ᵀD₂)⁻¹ values, in place, and returns the sum of the result (zero
 * up to rounding, since the trend keeps the sum; callers that remove the mean get it without another pass).
 * `sum`, the sum of the input, may be passed when the caller already has it. Series shorter than 3 samples have
 * no second difference, so their trend is themselves and they become zeros.
 */
export function smoothnessPriorsDetrendInPlace(
  values: Float64Array,
  n: number,
  lambda: number,
  sum?: number,
): number {
  if (n < 3) {
    values.fill(0, 0, n);
    return 0;
  }
  // The operator reproduces constants exactly, so removing the mean first changes nothing mathematically but
  // keeps the numbers small and the solve better conditioned.
  let total = sum ?? 0;
  if (sum === undefined) for (let i = 0; i < n; i++) total += values[i] ?? 0;
  const mean = total / n;
  const { d, e, f } = factorizationFor(n, lambda);
  // Forward substitution L y = z − mean into the trend buffer, then back substitution Lᵀ x = y / D in place;
  // the two previous values ride in locals. Finally values − mean − x.
  const trend = trendScratch.length >= n ? trendScratch : (trendScratch = new Float64Array(n));
  let y2 = (values[0] ?? 0) - mean;
  let y1 = (values[1] ?? 0) - mean - (e[0] ?? 0) * y2;
  trend[0] = y2;
  trend[1] = y1;
  for (let i = 2; i < n; i++) {
    const y = (values[i] ?? 0) - mean - (e[i - 1] ?? 0) * y1 - (f[i - 2] ?? 0) * y2;
    trend[i] = y;
    y2 = y1;
    y1 = y;
  }
  let x2 = (trend[n - 1] ?? 0) / (d[n - 1] ?? 1);
  let x1 = (trend[n - 2] ?? 0) / (d[n - 2] ?? 1) - (e[n - 2] ?? 0) * x2;
  const last = (values[n - 1] ?? 0) - mean - x2;
  const beforeLast = (values[n - 2] ?? 0) - mean - x1;
  values[n - 1] = last;
  values[n - 2] = beforeLast;
  let detrendedSum = last + beforeLast;
  for (let i = n - 3; i >= 0; i--) {
    const x = (trend[i] ?? 0) / (d[i] ?? 1) - (e[i] ?? 0) * x1 - (f[i] ?? 0) * x2;
    const detrended = (values[i] ?? 0) - mean - x;
    values[i] = detrended;
    detrendedSum += detrended;
    x2 = x1;
    x1 = x;
  }
  return detrendedSum;
}
