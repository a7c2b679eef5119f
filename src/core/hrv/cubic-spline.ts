import { Float64Scratch } from './scratch';

const secondDerivativeScratch = new Float64Scratch();
const upperScratch = new Float64Scratch();
const rhsScratch = new Float64Scratch();
const widthScratch = new Float64Scratch();
const slopeScratch = new Float64Scratch();

/**
 * Second derivatives M_i of the cubic spline through (x_i, y_i) with not-a-knot end conditions (the third
 * derivative is continuous at x_1 and x_{n−2}, as scipy's `CubicSpline(bc_type='not-a-knot')`). M_0 and M_{n−1}
 * are eliminated with those conditions, which leaves a diagonally dominant tridiagonal system that the Thomas
 * algorithm solves stably in O(n). Two points give a line and three the parabola through them, as in scipy.
 */
function secondDerivatives(x: Float64Array, y: Float64Array, n: number): Float64Array {
  const m = secondDerivativeScratch.get(n);
  m.fill(0, 0, n);
  if (n < 3) return m;
  // Interval widths h_i and slopes of the chords, i < n − 1.
  const h = widthScratch.get(n);
  const slope = slopeScratch.get(n);
  for (let i = 0; i < n - 1; i++) {
    const width = (x[i + 1] ?? 0) - (x[i] ?? 0);
    h[i] = width;
    slope[i] = ((y[i + 1] ?? 0) - (y[i] ?? 0)) / width;
  }
  const h0 = h[0] ?? 0;
  const h1 = h[1] ?? 0;
  if (n === 3) {
    m.fill((2 * ((slope[1] ?? 0) - (slope[0] ?? 0))) / (h0 + h1), 0, 3);
    return m;
  }
  // Unknowns M_1..M_{n−2}: row i reads h_{i−1} M_{i−1} + 2(h_{i−1} + h_i) M_i + h_i M_{i+1} = 6(s_i − s_{i−1}),
  // with M_0 and M_{n−1} substituted from the not-a-knot conditions in the first and last rows.
  const hLast = h[n - 2] ?? 0;
  const hPrev = h[n - 3] ?? 0;
  const upper = upperScratch.get(n);
  const rhs = rhsScratch.get(n);
  let previousUpper = 0;
  let previousRhs = 0;
  for (let i = 1; i <= n - 2; i++) {
    const hl = h[i - 1] ?? 0;
    const hr = h[i] ?? 0;
    let a = hl;
    let b = 2 * (hl + hr);
    let c = hr;
    if (i === 1) {
      b += (h0 * (h0 + h1)) / h1;
      c -= (h0 * h0) / h1;
      a = 0;
    }
    if (i === n - 2) {
      b += (hLast * (hLast + hPrev)) / hPrev;
      a -= (hLast * hLast) / hPrev;
      c = 0;
    }
    const pivot = b - a * previousUpper;
    previousUpper = c / pivot;
    previousRhs = (6 * ((slope[i] ?? 0) - (slope[i - 1] ?? 0)) - a * previousRhs) / pivot;
    upper[i] = previousUpper;
    rhs[i] = previousRhs;
  }
  let next = 0;
  for (let i = n - 2; i >= 1; i--) {
    next = (rhs[i] ?? 0) - (upper[i] ?? 0) * next;
    m[i] = next;
  }
  m[0] = ((h0 + h1) * (m[1] ?? 0) - h0 * (m[2] ?? 0)) / h1;
  m[n - 1] = ((hPrev + hLast) * (m[n - 2] ?? 0) - hLast * (m[n - 3] ?? 0)) / hPrev;
  return m;
}

/**
 * Samples the not-a-knot cubic spline through (x_i, y_i), i < n (x strictly increasing, n ≥ 2), at
 * start + k·step for k < count, into `out`. Every sample must lie in [x_0, x_{n−1}]. Returns the sum of the
 * samples, which callers need for a mean and get here without another pass.
 */
export function sampleNotAKnotSpline(
  x: Float64Array,
  y: Float64Array,
  n: number,
  start: number,
  step: number,
  count: number,
  out: Float64Array,
): number {
  const m = secondDerivatives(x, y, n);
  let sum = 0;
  // Local power basis on interval j, as scipy's PPoly: S(s) = y_j + u (b + u (c + u d)), u = s − x_j.
  let j = -1;
  let xLeft = 0;
  let xRight = Number.NEGATIVE_INFINITY;
  let y0 = 0;
  let b = 0;
  let c = 0;
  let d = 0;
  for (let k = 0; k < count; k++) {
    const s = start + k * step;
    if (s > xRight || j < 0) {
      while (j < n - 2 && (j < 0 || s > xRight)) {
        j++;
        xRight = x[j + 1] ?? 0;
      }
      xLeft = x[j] ?? 0;
      const width = xRight - xLeft;
      const mLeft = m[j] ?? 0;
      const mRight = m[j + 1] ?? 0;
      y0 = y[j] ?? 0;
      b = ((y[j + 1] ?? 0) - y0) / width - (width * (2 * mLeft + mRight)) / 6;
      c = mLeft / 2;
      d = (mRight - mLeft) / (6 * width);
    }
    const u = s - xLeft;
    const value = y0 + u * (b + u * (c + u * d));
    out[k] = value;
    sum += value;
  }
  return sum;
}
