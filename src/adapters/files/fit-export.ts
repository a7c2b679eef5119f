import {
  Encoder,
  type ActivityMesg,
  type DeviceInfoMesg,
  type EventMesg,
  type FileIdMesg,
  type HrvMesg,
  type LapMesg,
  type RecordMesg,
  type SessionMesg,
} from '@garmin/fitsdk';
import type { SessionKind, SessionSummary } from '../../core/session/session-model';
import { fitMesgNum } from './fit-mesg-num';
import { toFitSeconds } from './fit-time';
import { isHeartRate, sessionTotals } from './session-totals';
import type { SessionWithSamples } from './session-with-samples';
import { stableHashOfText } from './stable-hash';

/** Product number within manufacturer "development" (255): any value is allowed there; 1 names Calm Run. */
const calmRunProduct = 1;
/** The FIT profile puts at most five beat intervals in one hrv message (what Garmin devices write). */
export const rrPerHrvMessage = 5;
/** heart_rate is uint8 with 255 as "invalid", so 254 bpm is the most a record can carry. */
const maxFitHeartRate = 254;
/** The largest valid uint8: 255 means "invalid". */
const maxFitUint8 = 254;
/** A FIT string is at most 255 bytes with its terminating zero; strap names are far shorter, but cut them safely. */
const maxFitStringBytes = 64;

/**
 * An activity FIT file of the session, in the order of Garmin's activity cookbook ("summary last"):
 * file_id, device_info (Calm Run, then the strap), event timer start, then in time order one record per sample
 * interleaved with the pause/resume timer events and, after each record, the hrv messages with that sample's RR
 * intervals; then event timer stop_all, lap, session and activity.
 *
 * - A sample without a heart rate still gets a record (timestamp only, heart_rate left out): readers see the gap in
 *   the right place, and any RR intervals that came with it still follow it.
 * - RR intervals go out as hrv `time` in seconds (uint16, scale 1000: 1 ms resolution, up to 65.534 s), every one of
 *   them, at most five per message, right after the record of the sample that carried them. Our own importer
 *   reads them back onto the same samples.
 * - Record timestamps are whole seconds (FIT date_time): two samples within one second share a timestamp.
 * - The therapy content (notes, mood, exertion) stays out: FIT files go to other people's services.
 * - time_created is the session start, not the moment of export, and the serial number comes from the session id,
 *   so exporting a session twice gives two files that an importer recognises as the same activity.
 */
export function exportFit(session: SessionWithSamples): Uint8Array {
  const { meta, samples } = session;
  const totals = sessionTotals(session);
  const start = toFitSeconds(totals.startWallMs);
  const end = Math.max(start, toFitSeconds(totals.endWallMs));
  const { sport, subSport } = fitSport(meta.kind);
  const encoder = new Encoder();

  const fileId: FileIdMesg = {
    type: 'activity',
    manufacturer: 'development',
    product: calmRunProduct,
    serialNumber: serialNumberFor(meta.id),
    timeCreated: start,
  };
  encoder.onMesg(fitMesgNum.fileId, fileId);

  const creator: DeviceInfoMesg = {
    timestamp: start,
    deviceIndex: 'creator',
    manufacturer: 'development',
    product: calmRunProduct,
    productName: 'Calm Run',
    sourceType: 'local',
  };
  encoder.onMesg(fitMesgNum.deviceInfo, creator);
  if (meta.strap) {
    const strap: DeviceInfoMesg = {
      timestamp: start,
      deviceIndex: 1,
      sourceType: 'bluetoothLowEnergy',
      // device_type is read as ble_device_type when the source is Bluetooth LE; 1 is heart_rate there.
      deviceType: 1,
      productName: fitString(meta.strap.name),
    };
    encoder.onMesg(fitMesgNum.deviceInfo, strap);
  }

  encoder.onMesg(fitMesgNum.event, timerEvent(start, 'start'));

  // Pause and resume become timer stop_all / start at their place among the records.
  const timerChanges = totals.pauses.flatMap((pause) => [
    { elapsedMs: pause.fromMs, eventType: 'stopAll' as const },
    { elapsedMs: pause.toMs, eventType: 'start' as const },
  ]);
  let nextChange = 0;
  const writeTimerChangesUpTo = (elapsedMs: number): void => {
    let change = timerChanges[nextChange];
    while (change && change.elapsedMs <= elapsedMs) {
      const timestamp = toFitSeconds(totals.startWallMs + change.elapsedMs);
      encoder.onMesg(fitMesgNum.event, timerEvent(timestamp, change.eventType));
      nextChange += 1;
      change = timerChanges[nextChange];
    }
  };

  for (const sample of samples) {
    writeTimerChangesUpTo(sample.elapsedMs);
    const record: RecordMesg = { timestamp: toFitSeconds(totals.startWallMs + sample.elapsedMs) };
    if (isHeartRate(sample.heartRateBpm) && sample.heartRateBpm <= maxFitHeartRate) {
      record.heartRate = Math.round(sample.heartRateBpm);
    }
    encoder.onMesg(fitMesgNum.record, record);
    for (let first = 0; first < sample.rrIntervals1024.length; first += rrPerHrvMessage) {
      const hrv: HrvMesg = {
        // The encoder applies the profile's scale (1000) and rounds: 1/1024 s becomes whole milliseconds.
        time: sample.rrIntervals1024.slice(first, first + rrPerHrvMessage).map((rr) => rr / 1024),
      };
      encoder.onMesg(fitMesgNum.hrv, hrv);
    }
  }
  // A pause still open at the end is closed by the final stop_all below, so only changes before it are written.
  writeTimerChangesUpTo(totals.elapsedMs - 1);
  encoder.onMesg(fitMesgNum.event, timerEvent(end, 'stopAll'));

  const totalElapsedTime = totals.elapsedMs / 1000;
  const totalTimerTime = totals.activeMs / 1000;
  const heartRate = fitHeartRateSummary(totals.averageHeartRateBpm, totals.maxHeartRateBpm);
  const lap: LapMesg = {
    messageIndex: 0,
    timestamp: end,
    startTime: start,
    totalElapsedTime,
    totalTimerTime,
    ...heartRate,
    event: 'lap',
    eventType: 'stop',
    lapTrigger: 'sessionEnd',
    intensity: 'active',
    sport,
    subSport,
  };
  encoder.onMesg(fitMesgNum.lap, lap);

  const fitSession: SessionMesg = {
    messageIndex: 0,
    timestamp: end,
    startTime: start,
    totalElapsedTime,
    totalTimerTime,
    ...heartRate,
    ...fitHrvSummary(meta.summary),
    sport,
    subSport,
    firstLapIndex: 0,
    numLaps: 1,
    event: 'session',
    eventType: 'stop',
    trigger: 'activityEnd',
  };
  encoder.onMesg(fitMesgNum.session, fitSession);

  // local_timestamp lets readers show the local time of day; it is the end time shifted by this device's zone.
  const zoneOffsetSeconds = -new Date(totals.endWallMs).getTimezoneOffset() * 60;
  const activity: ActivityMesg = {
    timestamp: end,
    totalTimerTime,
    numSessions: 1,
    type: 'manual',
    event: 'activity',
    eventType: 'stop',
    localTimestamp: end + zoneOffsetSeconds,
  };
  encoder.onMesg(fitMesgNum.activity, activity);

  return encoder.close();
}

/**
 * Running for runs; breathing sessions are FIT's training / breathing; a resting HRV check, a seated measurement
 * rather than an exercise, is training / generic (the profile's "meditation" sport is too new for most readers,
 * and its breathing sub-sport would file the check among the breathing exercises).
 */
function fitSport(kind: SessionKind): { sport: 'running' | 'training'; subSport: 'generic' | 'breathing' } {
  switch (kind) {
    case 'breathing':
      return { sport: 'training', subSport: 'breathing' };
    case 'resting':
      return { sport: 'training', subSport: 'generic' };
    case 'run':
      return { sport: 'running', subSport: 'generic' };
  }
}

/**
 * The session message's own HRV fields (sdrr_hrv, rmssd_hrv: uint8 ms, 255 invalid), from the summary's figures of
 * the corrected beats; left out when the summary has none or they do not fit.
 */
function fitHrvSummary(summary: SessionSummary | undefined): Pick<SessionMesg, 'sdrrHrv' | 'rmssdHrv'> {
  const fields: Pick<SessionMesg, 'sdrrHrv' | 'rmssdHrv'> = {};
  const sdnn = summary?.timeDomain?.sdnnMs;
  const rmssd = summary?.rmssdMs;
  if (sdnn !== undefined && Math.round(sdnn) <= maxFitUint8) fields.sdrrHrv = Math.round(sdnn);
  if (rmssd !== undefined && Math.round(rmssd) <= maxFitUint8) fields.rmssdHrv = Math.round(rmssd);
  return fields;
}

function timerEvent(timestamp: number, eventType: 'start' | 'stopAll'): EventMesg {
  return { timestamp, event: 'timer', eventType };
}

function fitHeartRateSummary(
  average: number | undefined,
  max: number | undefined,
): Pick<SessionMesg, 'avgHeartRate' | 'maxHeartRate'> {
  const summary: Pick<SessionMesg, 'avgHeartRate' | 'maxHeartRate'> = {};
  if (average !== undefined && average > 0 && average <= maxFitHeartRate) summary.avgHeartRate = average;
  if (max !== undefined && max > 0 && max <= maxFitHeartRate) summary.maxHeartRate = max;
  return summary;
}

/** uint32z: zero means invalid, so a hash that happens to be zero becomes 1. */
function serialNumberFor(sessionId: string): number {
  return Number.parseInt(stableHashOfText(sessionId).slice(0, 8), 16) || 1;
}

function fitString(text: string): string {
  const encoder = new TextEncoder();
  let result = '';
  for (const char of text) {
    if (encoder.encode(result + char).length > maxFitStringBytes - 1) break;
    result += char;
  }
  return result;
}
