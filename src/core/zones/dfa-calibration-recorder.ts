import { RollingHrv } from '../hrv/rolling-hrv';
import type { DfaMethod } from '../hrv/dfa';
import type { DfaCalibrationPoint } from './dfa-calibration';

export interface DfaCalibrationRecorderOptions {
  /** One point every this many ms of receive time, on a fixed grid. Default 20 000 (as FatMaxxer and Kubios). */
  pointIntervalMs?: number;
  /** DFA-a1 variant, default 'kubios' (see the HRV core). */
  dfaMethod?: DfaMethod;
  /** A pause in beats longer than this (beyond the beat's own RR) starts the windows again. Default 10 000. */
  gapResetMs?: number;
}

/** The window DFA-a1 and artifacts are computed over (RollingHrv's long window). */
const WINDOW_MS = 120_000;

/**
 * Collects the points of a calibration run from its RR intervals: every `pointIntervalMs` (once the series has
 * run 2 minutes) it takes {@link RollingHrv}'s DFA-a1 and artifact share of the last 2 minutes, paired with the
 * mean heart rate of those same 2 minutes (60 000 / mean RR of the beats received in them).
 *
 * Why the window's mean heart rate and not the heart rate at its end: DFA-a1 describes the whole window, and on a
 * rising run the heart rate at the window's end is half a window of the ramp ahead of it (at 1 bpm per 10 s,
 * 6 bpm), which would put the bound that much too high.
 *
 * Pure and bounded: beats come in with their receive time (ms, monotonic); memory is the 2-minute window.
 */
export class DfaCalibrationRecorder {
  readonly #hrv: RollingHrv;
  readonly #pointIntervalMs: number;
  readonly #gapResetMs: number;
  readonly #points: DfaCalibrationPoint[] = [];
  /** The beats of the last 2 minutes (RR and receive time), oldest first from `#head`. */
  #rrMs: number[] = [];
  #atMs: number[] = [];
  #head = 0;
  #sumRrMs = 0;
  #lastAtMs = Number.NEGATIVE_INFINITY;
  #nextPointDueMs = Number.NEGATIVE_INFINITY;

  constructor(options: DfaCalibrationRecorderOptions = {}) {
    this.#pointIntervalMs = options.pointIntervalMs ?? 20_000;
    this.#gapResetMs = options.gapResetMs ?? 10_000;
    // DFA and artifacts are read once per point, so they are recomputed at every read, not on RollingHrv's grid.
    this.#hrv = new RollingHrv({
      dfaIntervalMs: 1,
      artifactIntervalMs: 1,
      gapResetMs: this.#gapResetMs,
      ...(options.dfaMethod === undefined ? {} : { dfaMethod: options.dfaMethod }),
    });
  }

  /** Adds one RR interval (ms) received at `receivedAtMs`; returns the new point when this beat completed one. */
  addBeat(rrMs: number, receivedAtMs: number): DfaCalibrationPoint | undefined {
    const previousAtMs = this.#lastAtMs;
    if (!this.#hrv.addBeat(rrMs, receivedAtMs)) return undefined;
    // Mirror RollingHrv: an earlier receive time counts as the previous one; a long pause restarts the window.
    const atMs = Math.max(receivedAtMs, previousAtMs);
    if (atMs - previousAtMs > rrMs + this.#gapResetMs) this.#clearWindow();
    this.#lastAtMs = atMs;
    this.#rrMs.push(rrMs);
    this.#atMs.push(atMs);
    this.#sumRrMs += rrMs;
    while (this.#head < this.#atMs.length && (this.#atMs[this.#head] ?? 0) <= atMs - WINDOW_MS) {
      this.#sumRrMs -= this.#rrMs[this.#head] ?? 0;
      this.#head++;
    }
    if (this.#head > 1024) this.#compact();

    if (atMs < this.#nextPointDueMs) return undefined;
    const dfaAlpha1 = this.#hrv.dfaAlpha1;
    const artifactPct = this.#hrv.artifactPct;
    if (dfaAlpha1 === undefined || artifactPct === undefined) return undefined;
    const next = this.#nextPointDueMs + this.#pointIntervalMs;
    this.#nextPointDueMs = next > atMs ? next : atMs + this.#pointIntervalMs;
    const beats = this.#atMs.length - this.#head;
    const point: DfaCalibrationPoint = {
      atMs,
      heartRateBpm: (60_000 * beats) / this.#sumRrMs,
      dfaAlpha1,
      artifactPct,
    };
    this.#points.push(point);
    return point;
  }

  /** The points so far, oldest first. */
  get points(): readonly DfaCalibrationPoint[] {
    return this.#points;
  }

  #clearWindow(): void {
    this.#rrMs = [];
    this.#atMs = [];
    this.#head = 0;
    this.#sumRrMs = 0;
  }

  #compact(): void {
    this.#rrMs = this.#rrMs.slice(this.#head);
    this.#atMs = this.#atMs.slice(this.#head);
    this.#head = 0;
    // Re-summing stops floating-point drift from the running subtraction.
    this.#sumRrMs = this.#rrMs.reduce((sum, rr) => sum + rr, 0);
  }
}
