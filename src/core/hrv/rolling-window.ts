/**
 * Centred rolling order statistics over a series, as pandas `rolling(2h + 1, center=True, min_periods=1)`:
 * the window of position i is [i − h, i + h] clipped to the series. A sorted copy of the window is kept and
 * updated in place as it slides: the leaving value is replaced by the entering one, shifting only the entries
 * between their two positions (about a third of the window on average), instead of sorting every window.
 */
class SortedWindow {
  readonly sorted: Float64Array;
  size = 0;

  constructor(capacity: number) {
    this.sorted = new Float64Array(capacity);
  }

  /** Index of the first entry greater than `value`. */
  private upperBound(value: number): number {
    const sorted = this.sorted;
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((sorted[mid] ?? 0) <= value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Index of one entry equal to `value`, which must be present (values are never NaN). */
  private indexOf(value: number): number {
    const sorted = this.sorted;
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((sorted[mid] ?? 0) < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  insert(value: number): void {
    const sorted = this.sorted;
    const at = this.upperBound(value);
    for (let k = this.size; k > at; k--) sorted[k] = sorted[k - 1] ?? 0;
    sorted[at] = value;
    this.size++;
  }

  remove(value: number): void {
    const sorted = this.sorted;
    const last = this.size - 1;
    for (let k = this.indexOf(value); k < last; k++) sorted[k] = sorted[k + 1] ?? 0;
    this.size = last;
  }

  /** Removes one copy of `leaving` and inserts `entering`, moving only the entries between the two. */
  replace(leaving: number, entering: number): void {
    const sorted = this.sorted;
    const from = this.indexOf(leaving);
    const to = this.upperBound(entering);
    if (to <= from) {
      for (let k = from; k > to; k--) sorted[k] = sorted[k - 1] ?? 0;
      sorted[to] = entering;
    } else {
      for (let k = from; k < to - 1; k++) sorted[k] = sorted[k + 1] ?? 0;
      sorted[to - 1] = entering;
    }
  }

  /** Linear interpolation between order statistics at position (m − 1)q, as pandas' rolling quantile. */
  quantile(q: number): number {
    const sorted = this.sorted;
    if (this.size === 1) return sorted[0] ?? 0;
    const position = q * (this.size - 1);
    const index = Math.floor(position);
    const low = sorted[index] ?? 0;
    if (position === index) return low;
    return low + ((sorted[index + 1] ?? 0) - low) * (position - index);
  }

  /** Middle value, or the mean of the two middle values, as pandas' rolling median. */
  median(): number {
    const sorted = this.sorted;
    const middle = this.size >>> 1;
    if (this.size % 2 === 1) return sorted[middle] ?? 0;
    return ((sorted[middle] ?? 0) + (sorted[middle - 1] ?? 0)) / 2;
  }
}

const windows = new Map<number, SortedWindow>();

/** The window of `values` centred on 0, ready to slide. */
function startWindow(values: Float64Array, n: number, halfWidth: number): SortedWindow {
  let window = windows.get(halfWidth);
  if (window === undefined) {
    window = new SortedWindow(2 * halfWidth + 1);
    windows.set(halfWidth, window);
  }
  window.size = 0;
  for (let k = 0; k <= halfWidth && k < n; k++) window.insert(values[k] ?? 0);
  return window;
}

/** Moves the window from centre i to centre i + 1. */
function advance(window: SortedWindow, values: Float64Array, n: number, halfWidth: number, i: number): void {
  const leaving = i - halfWidth;
  const entering = i + 1 + halfWidth;
  if (leaving >= 0 && entering < n) window.replace(values[leaving] ?? 0, values[entering] ?? 0);
  else if (leaving >= 0) window.remove(values[leaving] ?? 0);
  else if (entering < n) window.insert(values[entering] ?? 0);
}

/** First and third quartiles of each centred window, into q1Out and q3Out. */
export function rollingQuartiles(
  values: Float64Array,
  n: number,
  halfWidth: number,
  q1Out: Float64Array,
  q3Out: Float64Array,
): void {
  const window = startWindow(values, n, halfWidth);
  for (let i = 0; i < n; i++) {
    q1Out[i] = window.quantile(0.25);
    q3Out[i] = window.quantile(0.75);
    advance(window, values, n, halfWidth, i);
  }
}

/** Median of each centred window, into out. */
export function rollingMedian(values: Float64Array, n: number, halfWidth: number, out: Float64Array): void {
  const window = startWindow(values, n, halfWidth);
  for (let i = 0; i < n; i++) {
    out[i] = window.median();
    advance(window, values, n, halfWidth, i);
  }
}
