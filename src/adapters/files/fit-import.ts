import { Decoder, Stream, type FitMessages } from '@garmin/fitsdk';
import type { SessionEvent, SessionMeta, SessionSample } from '../../core/session/session-model';
import {
  defaultBackupLimits,
  defaultFitImportLimits,
  maxWallMs,
  minWallMs,
  type FitImportLimits,
} from './file-limits';
import { fitMesgNum } from './fit-mesg-num';
import { sessionIssue } from './session-schema';
import type { ImportRefusal } from './import-refusal';
import type { Refusal, SessionWithSamples } from './session-with-samples';
import { stableHash, stableHashOfText } from './stable-hash';

export type FitImportResult = { ok: true; session: SessionWithSamples } | Refusal;

/** One FIT record on its way to becoming a sample. */
interface ImportedPoint {
  wallMs: number;
  heartRateBpm: number | null;
  rrIntervals1024: number[];
}

/** Thrown from the decoder's listener to stop reading a file that is over a limit; the decoder catches it. */
class LimitReached extends Error {
  constructor(readonly refusal: ImportRefusal) {
    super(refusal.code);
  }
}

/**
 * Reads an activity FIT file from any device (Garmin, Polar, Wahoo, Calm Run itself) into a session.
 *
 * - The file must pass the SDK's `isFIT` and `checkIntegrity` (header, size and CRC) and decode without errors:
 *   a damaged file is refused whole rather than imported in part.
 * - Every record with a timestamp becomes a sample (heart_rate, with 0 or a missing value as "no reading").
 *   Contact is 'unsupported': FIT does not say whether the strap had skin contact.
 * - hrv messages carry the RR intervals without timestamps. Devices write them interleaved with the records, right
 *   after the record they belong to, so each hrv message's intervals go to the record read just before it (those
 *   before the first record go to the first). A file that keeps all its hrv messages in one place (all after the
 *   records, say) cannot be matched that way: its beats are laid out from the first record's time, one after the
 *   other, and each goes to the first record at or after its beat time, the last record taking any excess.
 * - Seconds are turned into 1/1024 s (round(s * 1024)); FIT keeps them to the millisecond, so an interval read from
 *   a Calm Run export comes back within one unit of the original.
 * - Start time: the session message's start_time, else the activity's end minus its timer time, else the timer
 *   start event, else the first record; never later than the first record.
 * - The id is derived from the file's file_id (type, manufacturer, product, serial number, time_created), which the
 *   FIT protocol makes unique per file, or from the bytes when the file has no time_created: importing the same
 *   file twice gives the same id, so the store can keep the session it already has.
 * - The result is held to the backup's rules (session-schema), so an imported session can always be backed up.
 *
 * Never throws: every failure is a reason for the runner.
 */
export function importFit(
  bytes: Uint8Array,
  limits: FitImportLimits = defaultFitImportLimits,
): FitImportResult {
  try {
    return readFit(bytes, limits);
  } catch (error) {
    return refuse({ code: 'fit-unreadable', detail: describeError(error) });
  }
}

function readFit(bytes: Uint8Array, limits: FitImportLimits): FitImportResult {
  if (bytes.byteLength > limits.maxBytes) {
    return refuse({
      code: 'fit-too-large',
      megabytes: megabytes(bytes.byteLength),
      maxMegabytes: megabytes(limits.maxBytes),
    });
  }
  // The smallest FIT header is 12 bytes; below that the SDK's header reader would run off the end.
  const stream = Stream.fromByteArray(bytes);
  if (bytes.byteLength < 12 || !Decoder.isFIT(stream)) {
    // A FIT header with too little after it (the SDK wants at least the file checksum) is a FIT file cut off
    // while copying, not some other file: the runner is better told that.
    return refuse({ code: hasFitSignature(bytes) ? 'fit-damaged' : 'fit-not-fit' });
  }
  const decoder = new Decoder(stream);
  if (!decoder.checkIntegrity()) {
    return refuse({ code: 'fit-damaged' });
  }

  let recordCount = 0;
  let rrCount = 0;
  // For each hrv message, in file order: the index of the record read before it (-1 before the first record).
  const hrvAnchors: number[] = [];
  const { messages, errors } = decoder.read({
    mesgListener: (mesgNum, mesg) => {
      if (mesgNum === fitMesgNum.record) {
        recordCount += 1;
        if (recordCount > limits.maxRecords) {
          throw new LimitReached({ code: 'fit-too-many-records', maxRecords: limits.maxRecords });
        }
      } else if (mesgNum === fitMesgNum.hrv) {
        hrvAnchors.push(recordCount - 1);
        const time: unknown = (mesg as { time?: unknown }).time;
        rrCount += Array.isArray(time) ? time.length : 1;
        if (rrCount > limits.maxRrIntervals) {
          throw new LimitReached({ code: 'fit-too-many-heartbeats', maxHeartbeats: limits.maxRrIntervals });
        }
      }
    },
  });
  const limitReached = errors.find((error) => error instanceof LimitReached);
  if (limitReached) return refuse(limitReached.refusal);
  const firstError = errors[0];
  if (firstError) return refuse({ code: 'fit-incomplete', detail: describeError(firstError) });

  const fileType: unknown = messages.fileIdMesgs?.[0]?.type;
  if (fileType !== undefined && fileType !== 'activity') {
    return refuse({ code: 'fit-not-activity', fileType: typeof fileType === 'string' ? fileType : 'other' });
  }

  const allPoints = readPoints(messages);
  attachRrIntervals(allPoints, readRrGroups(messages), hrvAnchors);
  const points = placedPoints(allPoints);
  if (points.length === 0) return refuse({ code: 'fit-no-points' });
  if (!points.some((point) => point.heartRateBpm !== null || point.rrIntervals1024.length > 0)) {
    return refuse({ code: 'fit-no-heart-rate' });
  }

  // Sorted after the RR intervals are attached, so each interval stays with its record; the sort is stable, so
  // records sharing a second keep their file order.
  const ordered = [...points].sort((a, b) => a.wallMs - b.wallMs);
  const firstWallMs = ordered[0]?.wallMs ?? 0;
  const lastWallMs = ordered.at(-1)?.wallMs ?? firstWallMs;
  const startedAtWallMs = Math.min(readStartWallMs(messages) ?? firstWallMs, firstWallMs);
  if (startedAtWallMs < minWallMs || lastWallMs > maxWallMs) {
    return refuse({ code: 'fit-bad-times' });
  }

  const samples: SessionSample[] = ordered.map((point) => ({
    elapsedMs: point.wallMs - startedAtWallMs,
    heartRateBpm: point.heartRateBpm,
    sensorContact: 'unsupported',
    rrIntervals1024: point.rrIntervals1024,
  }));
  const sessionEndMs = dateMs(messages.sessionMesgs?.[0]?.timestamp);
  const endedAtWallMs = Math.max(lastWallMs, sessionEndMs ?? lastWallMs);
  const meta: SessionMeta = {
    id: importedId(messages, bytes),
    kind: 'run',
    status: 'finished',
    startedAtWallMs,
    endedAtWallMs,
    notes: '',
    events: timerEvents(messages, startedAtWallMs, endedAtWallMs),
  };
  const session = { meta, samples };
  const issue = sessionIssue(session, defaultBackupLimits);
  if (issue !== undefined) return refuse({ code: 'fit-values-out-of-range', detail: issue });
  return { ok: true, session };
}

function readPoints(messages: FitMessages): ImportedPoint[] {
  const points: ImportedPoint[] = [];
  for (const record of messages.recordMesgs ?? []) {
    const wallMs = dateMs(record.timestamp);
    const heartRate: unknown = record.heartRate;
    // A record without a time cannot be placed; it still keeps its slot so hrv anchors stay aligned.
    points.push({
      wallMs: wallMs ?? Number.NaN,
      heartRateBpm:
        typeof heartRate === 'number' && heartRate >= 0.5 && heartRate < 254.5 ? Math.round(heartRate) : null,
      rrIntervals1024: [],
    });
  }
  return points;
}

/** Each hrv message's valid intervals in 1/1024 s; unused slots (FIT's invalid value) and junk are dropped. */
function readRrGroups(messages: FitMessages): number[][] {
  return (messages.hrvMesgs ?? []).map((hrv) => {
    const time: unknown = hrv.time;
    const values: unknown[] = Array.isArray(time) ? time : [time];
    return values.flatMap((seconds) => {
      if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return [];
      const rr = Math.round(seconds * 1024);
      // 65.535 s is FIT's invalid marker (uint16 at 1 ms). Our unit tops out at 65535/1024 s (64 s): an interval
      // between the two, never a real heartbeat, is capped there so that it still counts as one beat.
      return rr >= 1 && seconds < 65.535 ? [Math.min(rr, 65535)] : [];
    });
  });
}

function attachRrIntervals(points: ImportedPoint[], groups: number[][], anchors: number[]): void {
  if (groups.length === 0) return;
  if (new Set(anchors).size > 1) {
    groups.forEach((group, index) => {
      points[Math.max(0, anchors[index] ?? 0)]?.rrIntervals1024.push(...group);
    });
    return;
  }
  spreadByBeatTime(
    points.filter((point) => isPlaced(point)),
    groups.flat(),
  );
}

/** Records without a time cannot be placed: they are dropped, and their intervals go to the next placed record. */
function placedPoints(points: ImportedPoint[]): ImportedPoint[] {
  const placed: ImportedPoint[] = [];
  let carried: number[] = [];
  for (const point of points) {
    if (!isPlaced(point)) {
      carried = carried.concat(point.rrIntervals1024);
    } else {
      if (carried.length > 0) point.rrIntervals1024 = carried.concat(point.rrIntervals1024);
      carried = [];
      placed.push(point);
    }
  }
  const last = placed.at(-1);
  if (last && carried.length > 0) last.rrIntervals1024 = last.rrIntervals1024.concat(carried);
  return placed;
}

function spreadByBeatTime(placed: ImportedPoint[], intervals: number[]): void {
  const ordered = [...placed].sort((a, b) => a.wallMs - b.wallMs);
  const first = ordered[0];
  if (!first) return;
  let beatMs = first.wallMs;
  let target = 0;
  for (const rr of intervals) {
    beatMs += (rr * 1000) / 1024;
    while (target < ordered.length - 1 && (ordered[target]?.wallMs ?? Infinity) < beatMs) target += 1;
    ordered[target]?.rrIntervals1024.push(rr);
  }
}

function isPlaced(point: ImportedPoint): boolean {
  return !Number.isNaN(point.wallMs);
}

/**
 * The device's timer as session events: a stop is a pause, the next start resumes, and the session's end is the
 * finish, so an imported run keeps its paused time out of its duration, as it was recorded.
 */
function timerEvents(messages: FitMessages, startedAtWallMs: number, endedAtWallMs: number): SessionEvent[] {
  const events: SessionEvent[] = [{ type: 'started', elapsedMs: 0 }];
  let paused = false;
  const timerMessages = (messages.eventMesgs ?? [])
    .filter((event) => event.event === 'timer')
    .slice(0, maxTimerEvents)
    .flatMap((event) => {
      const wallMs = dateMs(event.timestamp);
      return wallMs === undefined ? [] : [{ wallMs, type: event.eventType }];
    })
    .sort((a, b) => a.wallMs - b.wallMs);
  for (const { wallMs, type } of timerMessages) {
    const elapsedMs = Math.min(Math.max(0, wallMs - startedAtWallMs), endedAtWallMs - startedAtWallMs);
    if ((type === 'stop' || type === 'stopAll') && !paused && wallMs < endedAtWallMs) {
      events.push({ type: 'paused', elapsedMs });
      paused = true;
    } else if (type === 'start' && paused) {
      events.push({ type: 'resumed', elapsedMs });
      paused = false;
    }
  }
  // The final stop of the timer is the end of the run, not a pause.
  const last = events.at(-1);
  if (last?.type === 'paused' && last.elapsedMs >= endedAtWallMs - startedAtWallMs - 1000) events.pop();
  events.push({ type: 'finished', elapsedMs: endedAtWallMs - startedAtWallMs });
  return events;
}

/** A watch records a handful of timer events per activity; far more is a damaged or hostile file. */
const maxTimerEvents = 10_000;

function readStartWallMs(messages: FitMessages): number | undefined {
  const sessionStarts = (messages.sessionMesgs ?? []).flatMap((session) => {
    const ms = dateMs(session.startTime);
    return ms === undefined ? [] : [ms];
  });
  if (sessionStarts.length > 0) return Math.min(...sessionStarts.slice(0, 1000));
  const activity = messages.activityMesgs?.[0];
  const activityEndMs = dateMs(activity?.timestamp);
  const timerTime: unknown = activity?.totalTimerTime;
  if (activityEndMs !== undefined && typeof timerTime === 'number' && Number.isFinite(timerTime)) {
    return activityEndMs - timerTime * 1000;
  }
  const timerStart = messages.eventMesgs?.find(
    (event) => event.event === 'timer' && event.eventType === 'start',
  );
  return dateMs(timerStart?.timestamp);
}

function importedId(messages: FitMessages, bytes: Uint8Array): string {
  const fileId = messages.fileIdMesgs?.[0];
  const created = dateMs(fileId?.timeCreated);
  if (fileId && created !== undefined) {
    const identity = [fileId.type, fileId.manufacturer, fileId.product, fileId.serialNumber, created]
      .map((part) => (typeof part === 'string' || typeof part === 'number' ? String(part) : ''))
      .join('|');
    return `fit-${stableHashOfText(identity)}`;
  }
  return `fit-${stableHash(bytes)}`;
}

/** Whether the bytes start as a FIT file does: a header size of 12 or 14, and ".FIT" at bytes 8 to 11. */
function hasFitSignature(bytes: Uint8Array): boolean {
  const headerSize = bytes[0];
  return (
    (headerSize === 12 || headerSize === 14) &&
    bytes.length >= 12 &&
    String.fromCharCode(...bytes.subarray(8, 12)) === '.FIT'
  );
}

/** The decoder gives Dates for date_time fields; anything else (a hostile file's junk) is no time. */
function dateMs(value: unknown): number | undefined {
  if (!(value instanceof Date)) return undefined;
  const ms = value.getTime();
  return Number.isFinite(ms) ? ms : undefined;
}

/** Megabytes to one decimal below 10 MB, whole above: a number the message shows in the runner's language. */
function megabytes(bytes: number): number {
  return Number((bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0));
}

function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.length > 200 ? `${message.slice(0, 200)}…` : message;
}

function refuse(refusal: ImportRefusal): Refusal {
  return { ok: false, refusal };
}
