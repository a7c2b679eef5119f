import type { SensorContact } from '../ble/heart-rate-measurement';
import type { StrapMeasurement } from '../ble/strap-measurement';
import { isValidRrMs } from '../hrv/series';
import { RollingHrv } from '../hrv/index';
import {
  BEAT_COVERAGE_WINDOW_MS,
  breathingReading,
  SIGNAL_TIMEOUT_MS,
  type BreathingReading,
} from './breathing-reading';

/** One beat of the heart-rate wave: seconds before the newest beat (≤ 0) and that beat's heart rate. */
export interface WavePoint {
  readonly x: number;
  readonly y: number;
}

/** How much of the wave is drawn: the last minute, six breaths at six a minute. */
export const WAVE_WINDOW_MS = 60_000;
/** RollingHrv's default: a pause this long breaks the series, so the wave and the covered time start again. */
const GAP_RESET_MS = 10_000;

/**
 * The live side of a breathing exercise, fed with the strap's notifications: RR through the HRV core's
 * {@link RollingHrv} (coherence every 5 s over the last 64 s, artifact share), the beat-by-beat heart-rate wave of
 * the last minute, and the checks behind an honest {@link BreathingReading}.
 *
 * The wave is drawn on the beats' own time axis (the sum of the RR), from each beat's instantaneous heart rate
 * 60000 / RR: a strap's displayed heart rate is averaged over several beats and would flatten the breathing wave,
 * and the RR axis is right however the notifications are timed (a simulated strap run faster than real time
 * included). Coherence is on that axis too: the core keeps the beats whose intervals reach into the last 64 s.
 *
 * Intervals received without skin contact are left out: they are noise, not beats.
 */
export class BreathingMonitor {
  readonly #hrv = new RollingHrv();
  /** Receive times and RR sums of recent notifications, oldest first, for the beat coverage. */
  #recent: { atMs: number; rrMs: number }[] = [];
  #firstMeasurementAtMs: number | undefined;
  #lastMeasurementAtMs: number | undefined;
  #lastBeatAtMs: number | undefined;
  #sensorContact: SensorContact | undefined;
  /** Time the current unbroken series of RR covers, ms. */
  #coveredMs = 0;
  /** Beat end times on the RR axis and their heart rates, oldest first, trimmed to the wave window. */
  #waveTimesMs: number[] = [];
  #waveBpm: number[] = [];
  #waveStart = 0;

  /** Adds one notification; returns true when it carried at least one usable beat. */
  addMeasurement(
    measurement: Pick<StrapMeasurement, 'receivedAtMs' | 'sensorContact' | 'rrIntervalsMs'>,
  ): boolean {
    const at = measurement.receivedAtMs;
    if (!Number.isFinite(at)) return false;
    // After a silence (strap out of reach, reconnected) the beat coverage is judged afresh, from this notification.
    const last = this.#lastMeasurementAtMs;
    if (last === undefined || at - last > SIGNAL_TIMEOUT_MS) {
      this.#firstMeasurementAtMs = at;
      this.#recent = [];
    }
    this.#lastMeasurementAtMs = at;
    this.#sensorContact = measurement.sensorContact;
    if (measurement.sensorContact === 'no-contact') {
      this.#remember(at, 0);
      return false;
    }
    let rrSumMs = 0;
    let added = false;
    for (const rrMs of measurement.rrIntervalsMs) {
      if (!isValidRrMs(rrMs)) continue;
      if (this.#lastBeatAtMs !== undefined && at - this.#lastBeatAtMs > rrMs + GAP_RESET_MS)
        this.#breakSeries();
      if (!this.#hrv.addBeat(rrMs, at)) continue;
      this.#lastBeatAtMs = at;
      this.#coveredMs += rrMs;
      rrSumMs += rrMs;
      this.#pushWave(this.#coveredMs, 60_000 / rrMs);
      added = true;
    }
    this.#remember(at, rrSumMs);
    return added;
  }

  /** What may be shown at `nowMs` (the clock of the receive times). */
  reading(nowMs: number): BreathingReading {
    const snapshot = this.#hrv.snapshot(nowMs);
    return breathingReading({
      msSinceLastMeasurement:
        this.#lastMeasurementAtMs === undefined ? undefined : Math.max(0, nowMs - this.#lastMeasurementAtMs),
      sensorContact: this.#sensorContact,
      beatCoverage: this.#beatCoverage(nowMs),
      coveredS: this.#coveredMs / 1000,
      artifactPct: snapshot.artifactPct,
      coherenceRatio: snapshot.coherenceRatio,
    });
  }

  /** The heart rate beat by beat over the last minute of beats, oldest first. */
  wave(): WavePoint[] {
    const newest = this.#waveTimesMs.at(-1);
    if (newest === undefined) return [];
    const points: WavePoint[] = [];
    for (let i = this.#waveStart; i < this.#waveTimesMs.length; i++) {
      points.push({ x: ((this.#waveTimesMs[i] ?? newest) - newest) / 1000, y: this.#waveBpm[i] ?? 0 });
    }
    return points;
  }

  /** RMSSD of the last minute of beats (the HRV core's), for the details. */
  get rmssdMs(): number | undefined {
    return this.#hrv.rmssdMs;
  }

  #remember(atMs: number, rrMs: number): void {
    this.#recent.push({ atMs, rrMs });
    let drop = 0;
    while (drop < this.#recent.length && (this.#recent[drop]?.atMs ?? 0) <= atMs - BEAT_COVERAGE_WINDOW_MS)
      drop++;
    if (drop > 0) this.#recent.splice(0, drop);
  }

  /** Share of the last 10 s covered by the RR received in it; undefined until notifications have come for 10 s. */
  #beatCoverage(nowMs: number): number | undefined {
    const first = this.#firstMeasurementAtMs;
    if (first === undefined || nowMs - first < BEAT_COVERAGE_WINDOW_MS) return undefined;
    let rrMs = 0;
    for (const entry of this.#recent) if (entry.atMs > nowMs - BEAT_COVERAGE_WINDOW_MS) rrMs += entry.rrMs;
    return rrMs / BEAT_COVERAGE_WINDOW_MS;
  }

  #breakSeries(): void {
    // RollingHrv clears itself on the same gap; the wave and the covered time follow it.
    this.#coveredMs = 0;
    this.#waveTimesMs = [];
    this.#waveBpm = [];
    this.#waveStart = 0;
  }

  #pushWave(timeMs: number, bpm: number): void {
    this.#waveTimesMs.push(timeMs);
    this.#waveBpm.push(bpm);
    while (
      this.#waveStart < this.#waveTimesMs.length &&
      (this.#waveTimesMs[this.#waveStart] ?? timeMs) < timeMs - WAVE_WINDOW_MS
    ) {
      this.#waveStart++;
    }
    // Compact now and then, so an hour of beats does not keep growing the arrays.
    if (this.#waveStart > 512) {
      this.#waveTimesMs = this.#waveTimesMs.slice(this.#waveStart);
      this.#waveBpm = this.#waveBpm.slice(this.#waveStart);
      this.#waveStart = 0;
    }
  }
}
