import {
  CrcCalculator,
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
import { fitMesgNum } from '../../../../../src/adapters/files/fit-mesg-num';

export interface GarminLikeOptions {
  /** Records carry heart_rate (default true). */
  heartRate?: boolean;
  /** hrv messages are written (default true). */
  hrv?: boolean;
  /** All hrv messages after the last record instead of interleaved (default false). */
  hrvAtEnd?: boolean;
  serialNumber?: number;
  fileType?: FileIdMesg['type'];
  /** Leave time_created out of file_id. */
  noTimeCreated?: boolean;
}

export interface GarminLikeFit {
  bytes: Uint8Array;
  startWallMs: number;
  /** Per record, in order: its heart rate (null without one) and the RR intervals written right after it, in ms. */
  records: { wallMs: number; heartRateBpm: number | null; rrMs: number[] }[];
}

const fitEpochMs = 631_065_600_000;
const fitSeconds = (wallMs: number): number => Math.round((wallMs - fitEpochMs) / 1000);

/**
 * A FIT activity the way a Garmin watch with a chest strap writes one: file_id from a Forerunner, device_info for the
 * watch and an ANT+ strap, timer events around a pause, a record every second (heart rate, distance, speed,
 * cadence), and hrv messages of five intervals each, unused slots left invalid, interleaved after the record that
 * the beats belong to; then lap, session and activity. Intervals are whole milliseconds, as the watch stores them.
 */
export function garminLikeFit(options: GarminLikeOptions = {}): GarminLikeFit {
  const withHeartRate = options.heartRate ?? true;
  const withHrv = options.hrv ?? true;
  const startWallMs = Date.UTC(2026, 4, 17, 5, 30, 12);
  const encoder = new Encoder();
  const fileId: FileIdMesg = {
    type: options.fileType ?? 'activity',
    manufacturer: 'garmin',
    product: 3113,
    serialNumber: options.serialNumber ?? 3_912_345_678,
  };
  if (options.noTimeCreated !== true) fileId.timeCreated = fitSeconds(startWallMs);
  encoder.onMesg(fitMesgNum.fileId, fileId);
  const watch: DeviceInfoMesg = {
    timestamp: fitSeconds(startWallMs),
    deviceIndex: 'creator',
    manufacturer: 'garmin',
    product: 3113,
    softwareVersion: 24.2,
  };
  encoder.onMesg(fitMesgNum.deviceInfo, watch);
  const strap: DeviceInfoMesg = {
    timestamp: fitSeconds(startWallMs),
    deviceIndex: 1,
    deviceType: 120,
    manufacturer: 'garmin',
    product: 3300,
    sourceType: 'antplus',
  };
  encoder.onMesg(fitMesgNum.deviceInfo, strap);
  const timer = (wallMs: number, eventType: 'start' | 'stopAll'): EventMesg => ({
    timestamp: fitSeconds(wallMs),
    event: 'timer',
    eventType,
  });
  encoder.onMesg(fitMesgNum.event, timer(startWallMs, 'start'));

  const records: GarminLikeFit['records'] = [];
  const pendingHrv: number[][] = [];
  let nextBeatMs = startWallMs - 400;
  let distance = 0;
  for (let second = 0; second < 240; second += 1) {
    if (second === 100) encoder.onMesg(fitMesgNum.event, timer(startWallMs + second * 1000, 'stopAll'));
    if (second >= 100 && second < 130) {
      nextBeatMs = startWallMs + 130_000 - 300;
      continue;
    }
    if (second === 130) encoder.onMesg(fitMesgNum.event, timer(startWallMs + second * 1000, 'start'));
    const wallMs = startWallMs + second * 1000;
    const heartRateBpm = withHeartRate && !(second >= 40 && second < 44) ? 128 + (second % 9) : null;
    const rrMs: number[] = [];
    while (withHrv && nextBeatMs + 1 <= wallMs) {
      const rr = 440 + ((second * 31 + rrMs.length * 17) % 70);
      rrMs.push(rr);
      nextBeatMs += rr;
    }
    distance += 2.6;
    const record: RecordMesg = { timestamp: fitSeconds(wallMs), distance, speed: 2.6, cadence: 82 };
    if (heartRateBpm !== null) record.heartRate = heartRateBpm;
    encoder.onMesg(fitMesgNum.record, record);
    for (let first = 0; first < rrMs.length; first += 5) {
      const group: (number | null)[] = rrMs.slice(first, first + 5).map((ms) => ms / 1000);
      while (group.length < 5) group.push(null);
      if (options.hrvAtEnd === true) pendingHrv.push(rrMs.slice(first, first + 5));
      else encoder.onMesg(fitMesgNum.hrv, { time: group } as HrvMesg);
    }
    records.push({ wallMs, heartRateBpm, rrMs });
  }
  const endWallMs = startWallMs + 239_000;
  encoder.onMesg(fitMesgNum.event, timer(endWallMs, 'stopAll'));
  for (const group of pendingHrv) {
    const hrv: HrvMesg = { time: group.map((ms) => ms / 1000) };
    encoder.onMesg(fitMesgNum.hrv, hrv);
  }

  const summary = {
    timestamp: fitSeconds(endWallMs),
    startTime: fitSeconds(startWallMs),
    totalElapsedTime: 239,
    totalTimerTime: 209,
    totalDistance: distance,
    sport: 'running',
    subSport: 'generic',
  } as const;
  const lap: LapMesg = {
    ...summary,
    messageIndex: 0,
    event: 'lap',
    eventType: 'stop',
    lapTrigger: 'sessionEnd',
  };
  encoder.onMesg(fitMesgNum.lap, lap);
  const session: SessionMesg = {
    ...summary,
    messageIndex: 0,
    event: 'session',
    eventType: 'stop',
    trigger: 'activityEnd',
    firstLapIndex: 0,
    numLaps: 1,
  };
  encoder.onMesg(fitMesgNum.session, session);
  const activity: ActivityMesg = {
    timestamp: fitSeconds(endWallMs),
    totalTimerTime: 209,
    numSessions: 1,
    type: 'manual',
    event: 'activity',
    eventType: 'stop',
    localTimestamp: fitSeconds(endWallMs) + 7200,
  };
  encoder.onMesg(fitMesgNum.activity, activity);
  return { bytes: encoder.close(), startWallMs, records };
}

/** Rewrites the header's data size and both CRCs, so a file changed on purpose still passes checkIntegrity. */
export function withFixedCrc(bytes: Uint8Array, dataSize = bytes.length - 16): Uint8Array {
  const headerSize = bytes[0] ?? 14;
  const fixed = new Uint8Array(headerSize + dataSize + 2);
  fixed.set(bytes.subarray(0, Math.min(bytes.length, headerSize + dataSize)));
  const view = new DataView(fixed.buffer);
  view.setUint32(4, dataSize, true);
  if (headerSize === 14) view.setUint16(12, CrcCalculator.calculateCRC(fixed, 0, 12), true);
  view.setUint16(headerSize + dataSize, CrcCalculator.calculateCRC(fixed, 0, headerSize + dataSize), true);
  return fixed;
}
