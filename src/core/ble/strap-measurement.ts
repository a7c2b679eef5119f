import type { HeartRateMeasurement, SensorContact } from './heart-rate-measurement';

/**
 * The highest heart rate taken as a reading: no human heart beats faster (the fastest recorded, in infants and in
 * tachycardia, stay under 300 bpm). A strap that sends more is glitching; the value is no reading, so a zone,
 * a cue or a session summary never counts it, and backups (which hold heart rates to this bound) can keep the run.
 */
export const maxHeartRateBpm = 300;

/** One decoded notification as the rest of the app sees it, stamped when it arrived. */
export interface StrapMeasurement {
  /** Monotonic receive time in ms (performance.now() in the browser, a fake clock in tests). */
  receivedAtMs: number;
  /** Wall-clock receive time in ms since the epoch, for the record and for exports. */
  wallClockMs: number;
  /**
   * Null means "no reading": a heart rate of 0 or above {@link maxHeartRateBpm}, or a strap that says it has no
   * skin contact. Never 0 bpm.
   */
  heartRateBpm: number | null;
  sensorContact: SensorContact;
  energyExpendedKj?: number;
  rrIntervalsMs: number[];
}

export function toStrapMeasurement(
  decoded: HeartRateMeasurement,
  receivedAtMs: number,
  wallClockMs: number,
): StrapMeasurement {
  const noReading =
    decoded.heartRateBpm === 0 ||
    decoded.heartRateBpm > maxHeartRateBpm ||
    decoded.sensorContact === 'no-contact';
  const measurement: StrapMeasurement = {
    receivedAtMs,
    wallClockMs,
    heartRateBpm: noReading ? null : decoded.heartRateBpm,
    sensorContact: decoded.sensorContact,
    rrIntervalsMs: decoded.rrIntervalsMs,
  };
  if (decoded.energyExpendedKj !== undefined) measurement.energyExpendedKj = decoded.energyExpendedKj;
  return measurement;
}
