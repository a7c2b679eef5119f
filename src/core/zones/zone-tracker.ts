import type { StrapMeasurement } from '../ble/strap-measurement';
import type { SessionZone } from '../session/session-model';
import { DEFAULT_GAP_THRESHOLD_MS } from '../session/gap-threshold';

/** One input of the tracker: a heart rate, or null for "no reading" (no skin contact, or a strap sending 0). */
export interface ZoneMeasurement {
  /** Monotonic time in ms. */
  atMs: number;
  heartRateBpm: number | null;
}

/** The tracker's defaults: the definition of time in zone, live and in every summary (see {@link ZoneTracker}). */
export const ZONE_SMOOTHING_MS = 5_000;
export const ZONE_HYSTERESIS_BPM = 2;
/** The grace period when neither the options nor the zone say otherwise (sessions recorded before it was kept). */
export const DEFAULT_ZONE_GRACE_MS = 20_000;

/** Where the smoothed heart rate is, after hysteresis: the band, before the grace period is applied. */
export type ZoneBand = 'below' | 'in' | 'above';

/**
 * The tracker's state. 'above-pending' is above the zone for less than the grace period: shown as calm, counted
 * as in the zone. 'no-reading' (no contact, a null reading, or no measurement for `staleAfterMs`) is never a zone.
 */
export type ZoneState = 'no-reading' | 'below' | 'in' | 'above-pending' | 'above';

export interface ZoneTimes {
  belowMs: number;
  /** Includes time 'above-pending'. */
  inMs: number;
  /** Only time 'above', after the grace period. */
  aboveMs: number;
  /** Time without a (fresh) reading; with the three above, it adds up to the time since the first input. */
  noReadingMs: number;
}

export interface ZoneTrackerSnapshot {
  /** The time of the latest input (measurement or tick), ms. */
  atMs: number;
  state: ZoneState;
  /** Since when `state` holds, ms; null before any input. */
  stateSinceMs: number | null;
  /** The band behind the state; null while there is no reading. */
  band: ZoneBand | null;
  /** Since when `band` holds (for 'above' this is when the excursion began, before the grace), ms. */
  bandSinceMs: number | null;
  /** Mean of the readings of the last `smoothingMs`, bpm; null while there is no reading. */
  smoothedHrBpm: number | null;
  /** Since when there has been no reading, ms; null while there is one. */
  noReadingSinceMs: number | null;
  times: ZoneTimes;
}

export interface ZoneTrackerOptions {
  /** The smoothed heart rate is the mean of the readings received in the last this-many ms. Default 5 000. */
  smoothingMs?: number;
  /** Hysteresis at each bound, bpm. Default 2. */
  hysteresisBpm?: number;
  /**
   * How long the band must stay 'above' before the state is 'above'. Default: the zone's own `graceMs` (the grace
   * in force when a session was recorded), else {@link DEFAULT_ZONE_GRACE_MS}.
   */
  graceMs?: number;
  /**
   * A reading stands for at most this long: with no measurement for longer, the state is 'no-reading'; after a
   * stretch without readings longer than this, smoothing and hysteresis start afresh. Default 5 000, the
   * session's gap threshold, so the tracker and the session summary agree on what a dropout is.
   */
  staleAfterMs?: number;
}

/**
 * Follows the heart rate against a zone for the live screen and the cues.
 *
 * - Smoothing: the mean of the readings of the last `smoothingMs` (default 5 s, about five readings from a 1-Hz
 *   strap), so a single odd reading cannot move the state.
 * - Hysteresis (default 2 bpm) at both bounds: from 'in', the band becomes 'above' only when the smoothed heart
 *   rate exceeds high + h and 'below' only under low − h; it comes back 'in' only under high − h (from above) or
 *   over low + h (from below); so noise narrower than the band around a bound cannot flap the state. With no band
 *   yet (the first reading, or after a dropout) the plain bounds decide: in is [low, high].
 * - Grace (default 20 s): the band must stay 'above' that long before the state is 'above'; until then it is
 *   'above-pending' and counts as time in the zone, so a short rise (a bridge, a crossing) is not "too fast".
 * - Time: each interval between inputs is credited to the state that held during it; a reading stands for at most
 *   `staleAfterMs`, the rest is no-reading time. Time going backwards is treated as standing still.
 *
 * Feed every measurement with {@link update} and call {@link tick} regularly (e.g. every second) so that a strap
 * that stops sending turns into 'no-reading' and the grace period ends on time. When the run is paused call
 * {@link pauseAt}, and {@link resumeAt} when it goes on, or the pause would read as a lost strap.
 *
 * This is the one definition of time in zone: the session summary replays a recorded session through this same
 * class (core/session/session-zone-time), so the figure after the run is the figure live.
 */
export class ZoneTracker {
  readonly zone: SessionZone;
  readonly #smoothingMs: number;
  readonly #hysteresisBpm: number;
  readonly #graceMs: number;
  readonly #staleAfterMs: number;

  /** Readings of the last `smoothingMs`, oldest first from `#head`, and the sum of their bpm. */
  #readingsAtMs: number[] = [];
  #readingsBpm: number[] = [];
  #head = 0;
  #sumBpm = 0;
  #started = false;
  #paused = false;
  #nowMs = 0;
  #lastReadingAtMs = Number.NEGATIVE_INFINITY;
  #band: ZoneBand | null = null;
  #bandSinceMs = 0;
  #smoothedBpm: number | null = null;
  #noReadingSinceMs: number | null = null;
  #state: ZoneState = 'no-reading';
  #stateSinceMs: number | null = null;
  #times: ZoneTimes = { belowMs: 0, inMs: 0, aboveMs: 0, noReadingMs: 0 };

  constructor(zone: SessionZone, options: ZoneTrackerOptions = {}) {
    if (!(Number.isFinite(zone.lowBpm) && Number.isFinite(zone.highBpm) && zone.lowBpm <= zone.highBpm)) {
      throw new RangeError(
        `a zone needs finite bounds with low <= high, got ${zone.lowBpm}..${zone.highBpm}`,
      );
    }
    this.zone = zone;
    this.#smoothingMs = nonNegative(options.smoothingMs, ZONE_SMOOTHING_MS);
    this.#hysteresisBpm = nonNegative(options.hysteresisBpm, ZONE_HYSTERESIS_BPM);
    this.#graceMs = nonNegative(options.graceMs, nonNegative(zone.graceMs, DEFAULT_ZONE_GRACE_MS));
    this.#staleAfterMs = nonNegative(options.staleAfterMs, DEFAULT_GAP_THRESHOLD_MS);
  }

  /**
   * Feeds one measurement; returns the snapshot after it. Non-finite or non-positive heart rates are no-reading.
   * While paused (see {@link pauseAt}) a measurement changes nothing, as the recorder keeps none then.
   */
  update(measurement: ZoneMeasurement): ZoneTrackerSnapshot {
    if (this.#paused) return this.snapshot();
    const atMs = this.#advance(measurement.atMs);
    const bpm = measurement.heartRateBpm;
    if (bpm === null || !Number.isFinite(bpm) || bpm <= 0) {
      this.#toNoReading(atMs);
      return this.snapshot();
    }
    if (atMs - this.#lastReadingAtMs > this.#staleAfterMs) {
      // After a dropout the old readings and band say nothing about now.
      this.#clearReadings();
      this.#band = null;
    }
    this.#noReadingSinceMs = null;
    this.#lastReadingAtMs = atMs;
    const smoothed = this.#smooth(atMs, bpm);
    this.#smoothedBpm = smoothed;
    const band = this.#nextBand(smoothed);
    if (band !== this.#band) {
      this.#band = band;
      this.#bandSinceMs = atMs;
    }
    this.#setState(this.#stateFromBand(atMs), atMs);
    return this.snapshot();
  }

  /** Moves time to `nowMs` without a measurement: ends a grace period or turns a silent strap into no-reading. */
  tick(nowMs: number): ZoneTrackerSnapshot {
    if (!this.#paused) this.#advance(nowMs);
    return this.snapshot();
  }

  /**
   * Pauses at `nowMs`: the time up to then is credited, then the clock stands still (measurements and ticks are
   * ignored) until {@link resumeAt}, so paused time counts nowhere.
   */
  pauseAt(nowMs: number): ZoneTrackerSnapshot {
    if (this.#paused) return this.snapshot();
    this.#advance(nowMs);
    this.#paused = true;
    return this.snapshot();
  }

  get paused(): boolean {
    return this.#paused;
  }

  /**
   * Resumes after a pause in which the tracker was not fed: the clock jumps to `nowMs` and the paused time counts
   * nowhere (not even as no-reading). Smoothing and hysteresis start afresh, as after a dropout, and the state is
   * 'no-reading' from `nowMs` until the next reading, so a strap that kept sending is not reported lost.
   */
  resumeAt(nowMs: number): ZoneTrackerSnapshot {
    if (!Number.isFinite(nowMs)) throw new RangeError(`time must be finite, got ${nowMs}`);
    this.#paused = false;
    if (!this.#started) return this.tick(nowMs);
    const atMs = Math.max(nowMs, this.#nowMs);
    this.#nowMs = atMs;
    this.#clearReadings();
    this.#band = null;
    this.#smoothedBpm = null;
    this.#lastReadingAtMs = Number.NEGATIVE_INFINITY;
    this.#noReadingSinceMs = atMs;
    this.#state = 'no-reading';
    this.#stateSinceMs = atMs;
    return this.snapshot();
  }

  /** Same as `update({ atMs: m.receivedAtMs, heartRateBpm: m.heartRateBpm })`. */
  updateFromStrap(measurement: StrapMeasurement): ZoneTrackerSnapshot {
    return this.update({ atMs: measurement.receivedAtMs, heartRateBpm: measurement.heartRateBpm });
  }

  get state(): ZoneState {
    return this.#state;
  }

  snapshot(): ZoneTrackerSnapshot {
    const hasReading = this.#state !== 'no-reading';
    return {
      atMs: this.#nowMs,
      state: this.#state,
      stateSinceMs: this.#stateSinceMs,
      band: hasReading ? this.#band : null,
      bandSinceMs: hasReading && this.#band !== null ? this.#bandSinceMs : null,
      smoothedHrBpm: hasReading ? this.#smoothedBpm : null,
      noReadingSinceMs: this.#noReadingSinceMs,
      times: { ...this.#times },
    };
  }

  /**
   * Credits the time from the previous input to `toMs` and applies what happened on the way (a grace period
   * ending, the last reading going stale), each at its exact moment. Returns the (monotonic) time.
   */
  #advance(toMs: number): number {
    if (!Number.isFinite(toMs)) throw new RangeError(`time must be finite, got ${toMs}`);
    if (!this.#started) {
      this.#started = true;
      this.#nowMs = toMs;
      this.#stateSinceMs = toMs;
      this.#noReadingSinceMs = toMs;
      return toMs;
    }
    const targetMs = Math.max(toMs, this.#nowMs);
    // At most two events can fall in any interval (the grace ending, then the reading going stale, after which
    // nothing changes by itself); the bound only guards the loop.
    for (let events = 0; events < 3 && this.#nowMs < targetMs; events++) {
      const eventMs = Math.min(targetMs, this.#nextEventMs());
      this.#credit(eventMs - this.#nowMs);
      this.#nowMs = eventMs;
      if (this.#state !== 'no-reading' && eventMs >= this.#lastReadingAtMs + this.#staleAfterMs) {
        this.#toNoReading(eventMs);
      } else if (this.#state === 'above-pending' && eventMs >= this.#bandSinceMs + this.#graceMs) {
        this.#setState('above', eventMs);
      }
    }
    this.#credit(targetMs - this.#nowMs);
    this.#nowMs = targetMs;
    return targetMs;
  }

  /** The next moment the state changes by itself: the reading going stale or the grace ending. */
  #nextEventMs(): number {
    if (this.#state === 'no-reading') return Number.POSITIVE_INFINITY;
    const staleMs = this.#lastReadingAtMs + this.#staleAfterMs;
    if (this.#state === 'above-pending') return Math.min(staleMs, this.#bandSinceMs + this.#graceMs);
    return staleMs;
  }

  #credit(ms: number): void {
    switch (this.#state) {
      case 'no-reading':
        this.#times.noReadingMs += ms;
        break;
      case 'below':
        this.#times.belowMs += ms;
        break;
      case 'in':
      case 'above-pending':
        this.#times.inMs += ms;
        break;
      case 'above':
        this.#times.aboveMs += ms;
        break;
    }
  }

  #toNoReading(atMs: number): void {
    this.#noReadingSinceMs ??= atMs;
    this.#setState('no-reading', atMs);
  }

  #setState(state: ZoneState, atMs: number): void {
    if (state === this.#state) return;
    this.#state = state;
    this.#stateSinceMs = atMs;
  }

  #stateFromBand(atMs: number): ZoneState {
    switch (this.#band) {
      case null:
        return 'no-reading';
      case 'above':
        return atMs - this.#bandSinceMs >= this.#graceMs ? 'above' : 'above-pending';
      default:
        return this.#band;
    }
  }

  #nextBand(bpm: number): ZoneBand {
    const { lowBpm, highBpm } = this.zone;
    const h = this.#hysteresisBpm;
    switch (this.#band) {
      case null:
        return bpm > highBpm ? 'above' : bpm < lowBpm ? 'below' : 'in';
      case 'in':
        return bpm > highBpm + h ? 'above' : bpm < lowBpm - h ? 'below' : 'in';
      case 'above':
        if (bpm >= highBpm - h) return 'above';
        return bpm < lowBpm - h ? 'below' : 'in';
      case 'below':
        if (bpm <= lowBpm + h) return 'below';
        return bpm > highBpm + h ? 'above' : 'in';
    }
  }

  /** Adds a reading and returns the mean of the readings in (atMs − smoothingMs, atMs], never fewer than it. */
  #smooth(atMs: number, bpm: number): number {
    this.#readingsAtMs.push(atMs);
    this.#readingsBpm.push(bpm);
    this.#sumBpm += bpm;
    const last = this.#readingsAtMs.length - 1;
    while (this.#head < last && (this.#readingsAtMs[this.#head] ?? 0) <= atMs - this.#smoothingMs) {
      this.#sumBpm -= this.#readingsBpm[this.#head] ?? 0;
      this.#head++;
    }
    if (this.#head >= 256) {
      this.#readingsAtMs = this.#readingsAtMs.slice(this.#head);
      this.#readingsBpm = this.#readingsBpm.slice(this.#head);
      this.#head = 0;
      // Re-summing keeps the running sum from drifting.
      this.#sumBpm = this.#readingsBpm.reduce((sum, value) => sum + value, 0);
    }
    return this.#sumBpm / (this.#readingsAtMs.length - this.#head);
  }

  #clearReadings(): void {
    this.#readingsAtMs = [];
    this.#readingsBpm = [];
    this.#head = 0;
    this.#sumBpm = 0;
  }
}

function nonNegative(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value >= 0 ? value : fallback;
}
