import { correctFromFlags, detectArtifactFlags } from './artifacts';
import { COHERENCE_MIN_SPAN_S, coherenceOf, type Coherence } from './coherence';
import { dfaAlpha1Of, type DfaMethod } from './dfa';
import { isValidRrMs } from './series';

export interface RollingHrvOptions {
  /**
   * Beats kept in the ring buffer; memory is fixed at construction. Default 600: the 2-minute window at up to
   * 300 bpm, well above any running heart rate. Windows that would need more beats use the newest ones.
   */
  readonly capacity?: number;
  /** DFA-a1 variant, default 'kubios'. */
  readonly dfaMethod?: DfaMethod;
  /** How often DFA-a1 is recomputed, ms of receive time. Default 20 000. */
  readonly dfaIntervalMs?: number;
  /** How often coherence is recomputed, ms. Default 5 000. */
  readonly coherenceIntervalMs?: number;
  /**
   * How often the artifact percentage is recomputed, ms. Default 10 000: the 2-minute window moves slowly, and
   * detection is the costliest step. A DFA update always refreshes it too (they share one detection).
   */
  readonly artifactIntervalMs?: number;
  /**
   * A pause in receive time longer than this (beyond the new beat's own RR) breaks the series: the buffer is
   * cleared and every window starts again, since beats on both sides of a hole are not successive. Default 10 000.
   */
  readonly gapResetMs?: number;
}

/** Live HRV at the last beat; a field is undefined while there is too little data for it. */
export interface RollingHrvSnapshot {
  /** RMSSD of the raw RR received in the last 60 s (at least 3 beats). */
  readonly rmssdMs?: number | undefined;
  /** Percentage of the beats of the last 2 minutes that Lipponen & Tarvainen flags (at least 3 beats). */
  readonly artifactPct?: number | undefined;
  /** DFA-a1 of the corrected RR of the last 2 minutes, once 2 minutes have been received. */
  readonly dfaAlpha1?: number | undefined;
  /** Coherence ratio of the last 64 s, once the intervals cover 60 s (see coherence()). */
  readonly coherenceRatio?: number | undefined;
  /** Beats received in the last 2 minutes. */
  readonly beatsInWindow: number;
}

const RMSSD_WINDOW_MS = 60_000;
const LONG_WINDOW_MS = 120_000;
const RMSSD_MIN_BEATS = 3;
const ARTIFACT_MIN_BEATS = 3;
const MIN_CAPACITY = 32;

function positiveOr(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}

/**
 * Next due time of a metric recomputed every `intervalMs`: on a fixed grid, so lazily waiting for the first beat
 * after each due time does not make the period drift by a beat each time; after a long pause in reads it
 * restarts from now rather than catching up.
 */
function nextDue(dueMs: number, intervalMs: number, nowMs: number): number {
  const next = dueMs + intervalMs;
  return next > nowMs ? next : nowMs + intervalMs;
}

/**
 * Live HRV for a session of any length, fed one RR interval at a time with its receive time.
 *
 * Windows are taken on receive time (the clock the app runs on), ending at the last beat; their start indices
 * only move forward, so finding them costs O(1) amortised per beat. RMSSD is recomputed when read after a new
 * beat (O(beats in 60 s), well under a microsecond); the expensive metrics are cached and recomputed at most every
 * `artifactIntervalMs` / `dfaIntervalMs` / `coherenceIntervalMs` of receive time (on a fixed grid, at the first
 * beat at or after each due time), lazily when read, so the amortised cost per beat is a few microseconds.
 * Memory is a fixed ring buffer of `capacity` beats plus scratch arrays bounded by it, however long the session.
 *
 * Beats with a non-finite or non-positive RR, or a non-finite receive time, are ignored. A receive time earlier
 * than the previous one is treated as equal to it (beats are assumed to arrive in order).
 */
export class RollingHrv {
  private readonly capacity: number;
  private readonly dfaMethod: DfaMethod;
  private readonly dfaIntervalMs: number;
  private readonly coherenceIntervalMs: number;
  private readonly artifactIntervalMs: number;
  private readonly gapResetMs: number;

  private readonly rrMs: Float64Array;
  private readonly receivedAtMs: Float64Array;
  /** The 2-minute window copied out oldest first, and its detection flags. */
  private readonly window: Float64Array;
  private readonly flags: Uint8Array;
  /** Beats added since the series began: the absolute index of the next beat (slot = index % capacity). */
  private count = 0;
  /** Absolute index of the first beat inside the 60-s and 2-minute windows. */
  private rmssdStart = 0;
  private longStart = 0;
  private lastReceivedAtMs = Number.NEGATIVE_INFINITY;
  /** Receive time at which the current unbroken series began (first beat's receive time minus its RR). */
  private segmentStartMs = 0;
  /** Sum of the RR of the current series, evicted beats included: the time its intervals cover. */
  private segmentRrMs = 0;

  private rmssdCount = -1;
  private rmssdValue: number | undefined;
  /** `count` when `window`/`flags` were last filled (−1: never). */
  private flagsCount = -1;
  private flagsLength = 0;
  /** Receive times at which each cached metric is next due. */
  private artifactDueMs = Number.NEGATIVE_INFINITY;
  private artifactValue: number | undefined;
  private dfaDueMs = Number.NEGATIVE_INFINITY;
  private dfaValue: number | undefined;
  private coherenceDueMs = Number.NEGATIVE_INFINITY;
  private coherenceValue: Coherence | undefined;

  constructor(options: RollingHrvOptions = {}) {
    this.capacity = Math.max(MIN_CAPACITY, Math.floor(positiveOr(options.capacity, 600)));
    this.dfaMethod = options.dfaMethod ?? 'kubios';
    this.dfaIntervalMs = positiveOr(options.dfaIntervalMs, 20_000);
    this.coherenceIntervalMs = positiveOr(options.coherenceIntervalMs, 5_000);
    this.artifactIntervalMs = positiveOr(options.artifactIntervalMs, 10_000);
    this.gapResetMs = positiveOr(options.gapResetMs, 10_000);
    this.rrMs = new Float64Array(this.capacity);
    this.receivedAtMs = new Float64Array(this.capacity);
    this.window = new Float64Array(this.capacity);
    this.flags = new Uint8Array(this.capacity);
  }

  /** Beats currently held (at most the capacity). */
  get bufferedBeats(): number {
    return Math.min(this.count, this.capacity);
  }

  /** Forgets every beat, as at construction. */
  reset(): void {
    this.count = 0;
    this.rmssdStart = 0;
    this.longStart = 0;
    this.lastReceivedAtMs = Number.NEGATIVE_INFINITY;
    this.segmentStartMs = 0;
    this.segmentRrMs = 0;
    this.rmssdCount = -1;
    this.rmssdValue = undefined;
    this.flagsCount = -1;
    this.flagsLength = 0;
    this.artifactDueMs = Number.NEGATIVE_INFINITY;
    this.artifactValue = undefined;
    this.dfaDueMs = Number.NEGATIVE_INFINITY;
    this.dfaValue = undefined;
    this.coherenceDueMs = Number.NEGATIVE_INFINITY;
    this.coherenceValue = undefined;
  }

  /**
   * Adds one RR interval (ms) received at `receivedAtMs` (a monotonic clock, ms). Returns false when the beat
   * was ignored as invalid.
   */
  addBeat(rrMs: number, receivedAtMs: number): boolean {
    if (!isValidRrMs(rrMs) || !Number.isFinite(receivedAtMs)) return false;
    let at = receivedAtMs;
    if (this.count > 0) {
      if (at < this.lastReceivedAtMs) at = this.lastReceivedAtMs;
      else if (at - this.lastReceivedAtMs > rrMs + this.gapResetMs) this.reset();
    }
    if (this.count === 0) this.segmentStartMs = at - rrMs;
    const slot = this.count % this.capacity;
    this.rrMs[slot] = rrMs;
    this.receivedAtMs[slot] = at;
    this.count++;
    this.segmentRrMs += rrMs;
    this.lastReceivedAtMs = at;
    this.rmssdStart = this.advanceStart(this.rmssdStart, at - RMSSD_WINDOW_MS);
    this.longStart = this.advanceStart(this.longStart, at - LONG_WINDOW_MS);
    return true;
  }

  /** RMSSD (ms) of the RR received in the last 60 s; undefined below 3 beats. */
  get rmssdMs(): number | undefined {
    if (this.rmssdCount !== this.count) {
      this.rmssdCount = this.count;
      this.rmssdValue = this.computeRmssd();
    }
    return this.rmssdValue;
  }

  /** Percentage of the last 2 minutes' beats flagged by Lipponen & Tarvainen; undefined below 3 beats. */
  get artifactPct(): number | undefined {
    if (this.beatsInWindow < ARTIFACT_MIN_BEATS) return undefined;
    if (this.lastReceivedAtMs >= this.artifactDueMs) this.detectWindow();
    return this.artifactValue;
  }

  /**
   * DFA-a1 of the last 2 minutes of artifact-corrected RR; undefined until the series has run 2 minutes (and
   * when DFA itself is undefined, e.g. a constant rhythm).
   */
  get dfaAlpha1(): number | undefined {
    const now = this.lastReceivedAtMs;
    if (this.count === 0 || now - this.segmentStartMs < LONG_WINDOW_MS) return undefined;
    if (now >= this.dfaDueMs) {
      this.dfaDueMs = nextDue(this.dfaDueMs, this.dfaIntervalMs, now);
      if (this.flagsCount !== this.count) this.detectWindow();
      const corrected = correctFromFlags(this.window, this.flagsLength, this.flags);
      this.dfaValue = dfaAlpha1Of(corrected.values, corrected.length, this.dfaMethod);
    }
    return this.dfaValue;
  }

  /** Coherence of the last 64 s ending at the last beat (see coherence()). */
  get coherence(): Coherence | undefined {
    const now = this.lastReceivedAtMs;
    if (this.segmentRrMs < COHERENCE_MIN_SPAN_S * 1000) return undefined;
    if (now >= this.coherenceDueMs) {
      this.coherenceDueMs = nextDue(this.coherenceDueMs, this.coherenceIntervalMs, now);
      // Every buffered beat: coherence() itself keeps only those reaching into the last 64 s.
      const n = this.copyFrom(this.count - this.bufferedBeats);
      this.coherenceValue = coherenceOf(this.window, n);
      this.flagsCount = -1; // the window buffer now holds other beats
    }
    return this.coherenceValue;
  }

  /** Beats received in the last 2 minutes. */
  get beatsInWindow(): number {
    return this.count - this.longStart;
  }

  /**
   * Every metric at the last beat. If `nowMs` (same clock as the receive times) is more than `gapResetMs` after
   * the last beat, the signal is considered lost and every metric is undefined.
   */
  snapshot(nowMs?: number): RollingHrvSnapshot {
    if (nowMs !== undefined && nowMs - this.lastReceivedAtMs > this.gapResetMs) return { beatsInWindow: 0 };
    return {
      rmssdMs: this.rmssdMs,
      artifactPct: this.artifactPct,
      dfaAlpha1: this.dfaAlpha1,
      coherenceRatio: this.coherence?.ratio,
      beatsInWindow: this.beatsInWindow,
    };
  }

  /** Moves a window start past the beats received at or before `sinceMs` and the beats already overwritten. */
  private advanceStart(start: number, sinceMs: number): number {
    let index = Math.max(start, this.count - this.capacity);
    while (index < this.count && (this.receivedAtMs[index % this.capacity] ?? 0) <= sinceMs) index++;
    return index;
  }

  /** Copies the RR from absolute index `start` to the newest into `this.window`; returns how many. */
  private copyFrom(start: number): number {
    const n = this.count - start;
    for (let i = 0; i < n; i++) this.window[i] = this.rrMs[(start + i) % this.capacity] ?? 0;
    return n;
  }

  /** Runs artifact detection on the 2-minute window, which also refreshes the artifact percentage. */
  private detectWindow(): void {
    const n = this.copyFrom(this.longStart);
    detectArtifactFlags(this.window, n, this.flags);
    this.flagsCount = this.count;
    this.flagsLength = n;
    let flagged = 0;
    for (let i = 0; i < n; i++) if ((this.flags[i] ?? 0) !== 0) flagged++;
    this.artifactValue = n > 0 ? (100 * flagged) / n : undefined;
    this.artifactDueMs = nextDue(this.artifactDueMs, this.artifactIntervalMs, this.lastReceivedAtMs);
  }

  private computeRmssd(): number | undefined {
    const n = this.count - this.rmssdStart;
    if (n < RMSSD_MIN_BEATS) return undefined;
    let squares = 0;
    let previous = this.rrMs[this.rmssdStart % this.capacity] ?? 0;
    for (let a = this.rmssdStart + 1; a < this.count; a++) {
      const current = this.rrMs[a % this.capacity] ?? 0;
      const diff = current - previous;
      squares += diff * diff;
      previous = current;
    }
    const rmssd = Math.sqrt(squares / (n - 1));
    return Number.isFinite(rmssd) ? rmssd : undefined;
  }
}
