/**
 * The heart rate of the last few minutes for a live chart: a fixed-size ring, so hours of running keep memory flat.
 * A null heart rate (no reading) is kept, so the chart shows a gap instead of joining across it.
 */
export class RecentHeartRate {
  readonly #timesMs: Float64Array;
  readonly #bpm: Float64Array;
  #start = 0;
  #count = 0;
  #pushed = 0;

  constructor(
    readonly windowMs: number,
    capacity = 4096,
  ) {
    this.#timesMs = new Float64Array(capacity);
    this.#bpm = new Float64Array(capacity);
  }

  push(atMs: number, heartRateBpm: number | null): void {
    const capacity = this.#timesMs.length;
    if (this.#count === capacity) {
      this.#start = (this.#start + 1) % capacity;
      this.#count--;
    }
    const index = (this.#start + this.#count) % capacity;
    this.#timesMs[index] = atMs;
    this.#bpm[index] = heartRateBpm ?? Number.NaN;
    this.#count++;
    this.#pushed++;
    this.#dropOlderThan(atMs - this.windowMs);
  }

  get length(): number {
    return this.#count;
  }

  /** How many points were ever pushed: the mark for {@link forEachPointSince}. */
  get pushedCount(): number {
    return this.#pushed;
  }

  /**
   * Visits, oldest first, the points pushed since `pushedCount` was `mark` that are still in the window: what a copy
   * of the window elsewhere (a chart drawn in a worker) lacks.
   */
  forEachPointSince(mark: number, visit: (atMs: number, heartRateBpm: number | null) => void): void {
    const capacity = this.#timesMs.length;
    for (let i = Math.max(0, this.#count - (this.#pushed - mark)); i < this.#count; i++) {
      const index = (this.#start + i) % capacity;
      const bpm = this.#bpm[index] ?? Number.NaN;
      visit(this.#timesMs[index] ?? 0, Number.isNaN(bpm) ? null : bpm);
    }
  }

  /**
   * Visits every point, oldest first, with its time (ms, on the clock `push` was given) and heart rate, or null where
   * there was no reading. Allocates nothing, so a chart can redraw from the ring as often as it likes.
   */
  forEachPoint(visit: (atMs: number, heartRateBpm: number | null) => void): void {
    const capacity = this.#timesMs.length;
    for (let i = 0; i < this.#count; i++) {
      const index = (this.#start + i) % capacity;
      const bpm = this.#bpm[index] ?? Number.NaN;
      visit(this.#timesMs[index] ?? 0, Number.isNaN(bpm) ? null : bpm);
    }
  }

  /** The lowest and highest heart rate in the window, or undefined when it holds no reading. */
  bpmRange(): { minBpm: number; maxBpm: number } | undefined {
    let minBpm = Infinity;
    let maxBpm = -Infinity;
    const capacity = this.#timesMs.length;
    for (let i = 0; i < this.#count; i++) {
      const bpm = this.#bpm[(this.#start + i) % capacity] ?? Number.NaN;
      // NaN (no reading) fails both comparisons.
      if (bpm < minBpm) minBpm = bpm;
      if (bpm > maxBpm) maxBpm = bpm;
    }
    return minBpm <= maxBpm ? { minBpm, maxBpm } : undefined;
  }

  #dropOlderThan(cutoffMs: number): void {
    const capacity = this.#timesMs.length;
    while (this.#count > 0 && (this.#timesMs[this.#start] ?? Infinity) < cutoffMs) {
      this.#start = (this.#start + 1) % capacity;
      this.#count--;
    }
  }
}
