import type { SensorContact } from '../ble/heart-rate-measurement';
import { PHASE_KINDS, type PhaseKind } from '../coaching/run-plan';
import { utf8Bytes, utf8Text } from './utf8';

/**
 * What a runner's phone sends to the therapist, before encryption: small, versioned binary frames. Every field is
 * checked on the way in, so a frame that decrypts but is not ours (an older or newer app, a bug) is refused with a
 * reason, never half-read. Numbers are big-endian.
 *
 * Packet frame (version 1, type 1), one per Heart Rate Measurement notification:
 *   0 version · 1 type · 2..5 sequence (uint32) · 6..13 runner's receive time, wall-clock ms (float64, an integer)
 *   · 14.. the notification's raw bytes (1 to {@link MAX_MEASUREMENT_BYTES}), decoded by the receiver's own decoder.
 *
 * Presence frame (version 1, type 2), every few seconds: who is running and how their strap is:
 *   0 version · 1 type · 2..9 sent time, wall-clock ms (float64, an integer) · 10..11 zone low bpm · 12..13 zone high
 *   bpm (uint16 each; both 0: no zone) · 14 battery % (255: unknown) · 15 sensor contact · 16 strap state · 17 planned
 *   phase (0: none) · 18 flags (bit 0: sharing) · 19 name length in bytes · 20.. the name (UTF-8), zero-padded to
 *   {@link MAX_NAME_BYTES}, so that the ciphertext's size does not tell the name's length.
 */
export const SHARE_FRAME_VERSION = 1;
/** A chest strap's notification fits one ATT packet (20 bytes at the default MTU); larger MTUs allow a little more. */
export const MAX_MEASUREMENT_BYTES = 64;
/** Room for any first name or pseudonym; a longer one is cut at a character boundary. */
export const MAX_NAME_BYTES = 64;
/** The highest bpm a zone bound may have: as the strap's own limit, no human heart beats faster. */
const maxZoneBpm = 300;

const packetType = 1;
const presenceType = 2;
const packetHeaderBytes = 14;
const presenceHeaderBytes = 20;
const presenceFrameBytes = presenceHeaderBytes + MAX_NAME_BYTES;
const unknownBattery = 255;

const sensorContacts: readonly (SensorContact | undefined)[] = [
  undefined,
  'unsupported',
  'no-contact',
  'contact',
];

/** The runner's strap as the therapist is told about it. */
export type SharedStrapState = 'idle' | 'connecting' | 'live' | 'reconnecting' | 'lost';
const strapStates: readonly SharedStrapState[] = ['idle', 'connecting', 'live', 'reconnecting', 'lost'];

export interface PacketFrame {
  kind: 'packet';
  /** Counts up from 0 for each runner's share, so the receiver can count what the network lost. */
  sequence: number;
  /** When the runner's phone received the notification, wall-clock ms since the epoch. */
  receivedAtWallMs: number;
  /** The Heart Rate Measurement (0x2A37) value exactly as the strap sent it. */
  measurementBytes: Uint8Array;
}

export interface PresenceFrame {
  kind: 'presence';
  sentAtWallMs: number;
  runnerName: string;
  /** The runner's own calm zone; absent when they run by feel. */
  zone?: { lowBpm: number; highBpm: number };
  batteryPercent?: number;
  sensorContact?: SensorContact;
  strapState: SharedStrapState;
  /** The planned run's phase now (an i18n label key of its kind); absent in a free run. */
  phase?: PhaseKind;
  /** False in the last presence of a share: the runner stopped sharing (or the run ended). */
  sharing: boolean;
}

export type ShareFrame = PacketFrame | PresenceFrame;

export type FrameDecoding = { ok: true; frame: ShareFrame } | { ok: false; reason: string };

export function encodePacketFrame(frame: Omit<PacketFrame, 'kind'>): Uint8Array {
  const length = frame.measurementBytes.length;
  if (length < 1 || length > MAX_MEASUREMENT_BYTES) {
    throw new RangeError(
      `a measurement has 1 to ${String(MAX_MEASUREMENT_BYTES)} bytes, not ${String(length)}`,
    );
  }
  if (!Number.isInteger(frame.sequence) || frame.sequence < 0 || frame.sequence > 0xffff_ffff) {
    throw new RangeError('the sequence number is a uint32');
  }
  assertWallMs(frame.receivedAtWallMs);
  const bytes = new Uint8Array(packetHeaderBytes + length);
  const view = new DataView(bytes.buffer);
  view.setUint8(0, SHARE_FRAME_VERSION);
  view.setUint8(1, packetType);
  view.setUint32(2, frame.sequence);
  view.setFloat64(6, frame.receivedAtWallMs);
  bytes.set(frame.measurementBytes, packetHeaderBytes);
  return bytes;
}

export function encodePresenceFrame(frame: Omit<PresenceFrame, 'kind'>): Uint8Array {
  assertWallMs(frame.sentAtWallMs);
  if (frame.zone && !isZone(frame.zone.lowBpm, frame.zone.highBpm)) {
    throw new RangeError('a zone is 1 to 300 bpm with its low bound at most its high bound');
  }
  const battery = frame.batteryPercent;
  if (battery !== undefined && !(Number.isInteger(battery) && battery >= 0 && battery <= 100)) {
    throw new RangeError('battery is a whole percentage');
  }
  const name = truncatedUtf8(frame.runnerName, MAX_NAME_BYTES);
  const bytes = new Uint8Array(presenceFrameBytes);
  const view = new DataView(bytes.buffer);
  view.setUint8(0, SHARE_FRAME_VERSION);
  view.setUint8(1, presenceType);
  view.setFloat64(2, frame.sentAtWallMs);
  view.setUint16(10, frame.zone?.lowBpm ?? 0);
  view.setUint16(12, frame.zone?.highBpm ?? 0);
  view.setUint8(14, battery ?? unknownBattery);
  view.setUint8(15, sensorContacts.indexOf(frame.sensorContact));
  view.setUint8(16, strapStates.indexOf(frame.strapState));
  view.setUint8(17, frame.phase ? PHASE_KINDS.indexOf(frame.phase) + 1 : 0);
  view.setUint8(18, frame.sharing ? 1 : 0);
  view.setUint8(19, name.length);
  bytes.set(name, presenceHeaderBytes);
  return bytes;
}

/** Reads a frame; anything that is not exactly a frame of ours is refused with a reason, never thrown. */
export function decodeShareFrame(bytes: Uint8Array): FrameDecoding {
  if (bytes.length < 2) return refuse(`too short: ${String(bytes.length)} bytes`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint8(0);
  if (version !== SHARE_FRAME_VERSION) return refuse(`unknown version ${String(version)}`);
  const type = view.getUint8(1);
  if (type === packetType) return decodePacket(bytes, view);
  if (type === presenceType) return decodePresence(bytes, view);
  return refuse(`unknown frame type ${String(type)}`);
}

function decodePacket(bytes: Uint8Array, view: DataView): FrameDecoding {
  const length = bytes.length - packetHeaderBytes;
  if (length < 1 || length > MAX_MEASUREMENT_BYTES) {
    return refuse(`packet frame of ${String(bytes.length)} bytes`);
  }
  const receivedAtWallMs = view.getFloat64(6);
  if (!isWallMs(receivedAtWallMs)) return refuse('receive time is not a wall-clock time');
  return {
    ok: true,
    frame: {
      kind: 'packet',
      sequence: view.getUint32(2),
      receivedAtWallMs,
      measurementBytes: bytes.slice(packetHeaderBytes),
    },
  };
}

function decodePresence(bytes: Uint8Array, view: DataView): FrameDecoding {
  if (bytes.length !== presenceFrameBytes) return refuse(`presence frame of ${String(bytes.length)} bytes`);
  const sentAtWallMs = view.getFloat64(2);
  if (!isWallMs(sentAtWallMs)) return refuse('sent time is not a wall-clock time');
  const lowBpm = view.getUint16(10);
  const highBpm = view.getUint16(12);
  const hasZone = lowBpm !== 0 || highBpm !== 0;
  if (hasZone && !isZone(lowBpm, highBpm)) return refuse(`zone ${String(lowBpm)}-${String(highBpm)} bpm`);
  const battery = view.getUint8(14);
  if (battery > 100 && battery !== unknownBattery) return refuse(`battery ${String(battery)} %`);
  const contactCode = view.getUint8(15);
  if (contactCode >= sensorContacts.length) return refuse(`sensor contact code ${String(contactCode)}`);
  const strapState = strapStates[view.getUint8(16)];
  if (!strapState) return refuse(`strap state code ${String(view.getUint8(16))}`);
  const phaseCode = view.getUint8(17);
  if (phaseCode > PHASE_KINDS.length) return refuse(`phase code ${String(phaseCode)}`);
  const flags = view.getUint8(18);
  if (flags > 1) return refuse(`unknown flags ${String(flags)}`);
  const nameLength = view.getUint8(19);
  if (nameLength > MAX_NAME_BYTES) return refuse(`name of ${String(nameLength)} bytes`);
  const nameEnd = presenceHeaderBytes + nameLength;
  if (bytes.subarray(nameEnd).some((byte) => byte !== 0)) return refuse('padding is not zero');
  const runnerName = utf8Text(bytes.subarray(presenceHeaderBytes, nameEnd));
  if (runnerName === undefined) return refuse('name is not UTF-8');
  const frame: PresenceFrame = {
    kind: 'presence',
    sentAtWallMs,
    runnerName,
    strapState,
    sharing: flags === 1,
  };
  if (hasZone) frame.zone = { lowBpm, highBpm };
  if (battery !== unknownBattery) frame.batteryPercent = battery;
  const sensorContact = sensorContacts[contactCode];
  if (sensorContact) frame.sensorContact = sensorContact;
  const phase = PHASE_KINDS[phaseCode - 1];
  if (phase) frame.phase = phase;
  return { ok: true, frame };
}

function refuse(reason: string): FrameDecoding {
  return { ok: false, reason };
}

function isZone(lowBpm: number, highBpm: number): boolean {
  return (
    Number.isInteger(lowBpm) &&
    Number.isInteger(highBpm) &&
    lowBpm >= 1 &&
    lowBpm <= highBpm &&
    highBpm <= maxZoneBpm
  );
}

function isWallMs(ms: number): boolean {
  return Number.isSafeInteger(ms) && ms >= 0;
}

function assertWallMs(ms: number): void {
  if (!isWallMs(ms)) throw new RangeError('a wall-clock time is a whole, non-negative number of ms');
}

/** The UTF-8 of `text`, cut to at most `maxBytes` before a grapheme (a letter with its accents, an emoji) that would not fit. */
function truncatedUtf8(text: string, maxBytes: number): Uint8Array {
  const whole = utf8Bytes(text);
  if (whole.length <= maxBytes) return whole;
  let kept = '';
  for (const { segment } of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) {
    if (utf8Bytes(kept + segment).length > maxBytes) break;
    kept += segment;
  }
  return utf8Bytes(kept);
}
