import type { SensorContact } from '../ble/heart-rate-measurement';
import { ByteReader, ByteWriter, SampleCodecError, unzigzag, zigzag } from './byte-stream';
import { crc32 } from './crc32';
import type { SessionSample } from './session-model';

export { SampleCodecError } from './byte-stream';

/**
 * Compact, lossless encoding of session samples, format version 1. Everything a {@link SessionSample} holds
 * survives exactly: integer elapsed ms, heart rate or no reading, contact state, and every RR interval in 1/1024 s.
 *
 * Layout (varint = unsigned LEB128, zigzag maps signed to unsigned):
 * - byte 0: format version (1);
 * - varint: sample count;
 * - per sample:
 *   - varint: elapsed ms minus the previous sample's (the first: minus `previousElapsedMs`, default 0);
 *   - one byte heart rate: 0 = no reading, 1-254 = bpm, 255 = escape, a varint bpm follows (255 and above,
 *     and 0 bpm, which is a reading, unlike null);
 *   - one byte: contact in bits 7-6 (0 unsupported, 1 no contact, 2 contact; 3 is invalid), RR count in bits 5-0,
 *     where 63 is an escape and a varint (count − 63) follows;
 *   - per RR interval: zigzag varint of the interval minus the previous one, chained across the samples of the
 *     block and starting from 0: beat-to-beat changes are small, so most intervals take one byte;
 * - 4 bytes: CRC-32 (little-endian) of every byte before it, so a damaged block is refused, never misread.
 *
 * At 150 bpm with one notification a second this is about 4 bytes per notification plus 1-2 bytes per beat
 * (see tests/bench/session.bench.ts), against 2 bytes per beat for RR as uint16 alone.
 */
export const SAMPLE_CODEC_VERSION = 1;

const CONTACT_CODES: readonly SensorContact[] = ['unsupported', 'no-contact', 'contact'];
const HEART_RATE_NONE = 0;
const HEART_RATE_ESCAPE = 255;
const RR_COUNT_ESCAPE = 63;
const MAX_RR_1024 = 0xffff;
const CHECKSUM_BYTES = 4;
/** Version, a one-byte count of zero samples, the checksum. */
const MIN_BYTES = 2 + CHECKSUM_BYTES;
/** The least one sample can take: elapsed delta, heart rate and flags bytes. */
const MIN_SAMPLE_BYTES = 3;

function contactCode(contact: SensorContact): number {
  const code = CONTACT_CODES.indexOf(contact);
  if (code < 0) throw new RangeError(`unknown sensor contact ${contact}`);
  return code;
}

function isNonNegativeSafeInteger(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

/**
 * Encodes `samples` (ascending elapsed time) as format version 1 (see {@link SAMPLE_CODEC_VERSION}). The first
 * sample's time is stored relative to `previousElapsedMs`; decoding needs the same value (the default 0 stores it
 * absolutely, so the block decodes on its own). Throws a RangeError on what the format cannot hold losslessly:
 * elapsed times that are not non-negative integers in ascending order, a heart rate that is not null or a
 * non-negative integer, an RR interval outside the 16-bit range the strap sends.
 */
export function encodeSamples(samples: readonly SessionSample[], previousElapsedMs = 0): Uint8Array {
  if (!isNonNegativeSafeInteger(previousElapsedMs)) {
    throw new RangeError(`previousElapsedMs must be a non-negative integer, got ${previousElapsedMs}`);
  }
  const out = new ByteWriter(16 + samples.length * 10);
  out.byte(SAMPLE_CODEC_VERSION);
  out.varint(samples.length);
  let previousMs = previousElapsedMs;
  let previousRr = 0;
  for (const [index, sample] of samples.entries()) {
    const { elapsedMs, heartRateBpm, rrIntervals1024 } = sample;
    if (!isNonNegativeSafeInteger(elapsedMs) || elapsedMs < previousMs) {
      throw new RangeError(
        `sample ${index}: elapsedMs ${elapsedMs} is not an integer at or after ${previousMs}`,
      );
    }
    out.varint(elapsedMs - previousMs);
    previousMs = elapsedMs;

    if (heartRateBpm === null) out.byte(HEART_RATE_NONE);
    else if (!isNonNegativeSafeInteger(heartRateBpm)) {
      throw new RangeError(`sample ${index}: heart rate ${heartRateBpm} is not a non-negative integer`);
    } else if (heartRateBpm > HEART_RATE_NONE && heartRateBpm < HEART_RATE_ESCAPE) out.byte(heartRateBpm);
    else {
      out.byte(HEART_RATE_ESCAPE);
      out.varint(heartRateBpm);
    }

    const count = rrIntervals1024.length;
    const contactBits = contactCode(sample.sensorContact) << 6;
    if (count < RR_COUNT_ESCAPE) out.byte(contactBits | count);
    else {
      out.byte(contactBits | RR_COUNT_ESCAPE);
      out.varint(count - RR_COUNT_ESCAPE);
    }
    for (const rr of rrIntervals1024) {
      if (!Number.isInteger(rr) || rr < 0 || rr > MAX_RR_1024) {
        throw new RangeError(`sample ${index}: RR ${rr} is not an integer in 0..${MAX_RR_1024} (1/1024 s)`);
      }
      out.varint(zigzag(rr - previousRr));
      previousRr = rr;
    }
  }
  out.uint32(crc32(out.view()));
  return out.toBytes();
}

/**
 * Decodes bytes written by {@link encodeSamples} (with the same `previousElapsedMs`). Throws
 * {@link SampleCodecError} naming the problem for anything else: an unknown version, a checksum mismatch
 * (corruption, truncation), a field running past the end, an invalid value, trailing bytes. Work is bounded by
 * the byte length, whatever the bytes say.
 */
export function decodeSamples(bytes: Uint8Array, previousElapsedMs = 0): SessionSample[] {
  if (!isNonNegativeSafeInteger(previousElapsedMs)) {
    throw new RangeError(`previousElapsedMs must be a non-negative integer, got ${previousElapsedMs}`);
  }
  const length = bytes.length;
  if (length < MIN_BYTES) {
    throw new SampleCodecError(`truncated: ${length} bytes, at least ${MIN_BYTES} needed`, 0, length);
  }
  const version = bytes[0] ?? 0;
  if (version !== SAMPLE_CODEC_VERSION) {
    throw new SampleCodecError(`unsupported format version ${version}`, 0, length);
  }
  const payloadEnd = length - CHECKSUM_BYTES;
  const stored = new ByteReader(bytes, payloadEnd, length).uint32('checksum');
  const computed = crc32(bytes, payloadEnd);
  if (stored !== computed) {
    throw new SampleCodecError(
      `checksum mismatch (stored ${stored.toString(16)}, computed ${computed.toString(16)}): damaged or truncated`,
      payloadEnd,
      length,
    );
  }

  // Explicitly typed so that `reader.fail` (returning never) narrows.
  const reader: ByteReader = new ByteReader(bytes, 1, payloadEnd);
  const count = reader.varint('sample count');
  if (count > reader.remaining / MIN_SAMPLE_BYTES) {
    reader.fail(`sample count ${count} cannot fit in ${reader.remaining} bytes`);
  }
  const samples: SessionSample[] = [];
  let elapsedMs = previousElapsedMs;
  let rr = 0;
  for (let index = 0; index < count; index++) {
    elapsedMs += reader.varint('elapsed time');
    if (!Number.isSafeInteger(elapsedMs)) reader.fail(`elapsed time of sample ${index} is too large`);

    const heartRateCode = reader.byte('heart rate');
    const heartRateBpm =
      heartRateCode === HEART_RATE_NONE
        ? null
        : heartRateCode === HEART_RATE_ESCAPE
          ? reader.varint('wide heart rate')
          : heartRateCode;

    const flags = reader.byte('contact and RR count');
    const sensorContact = CONTACT_CODES[flags >>> 6];
    if (sensorContact === undefined) reader.fail(`invalid contact code 3 in sample ${index}`);
    let rrCount = flags & RR_COUNT_ESCAPE;
    if (rrCount === RR_COUNT_ESCAPE) rrCount += reader.varint('RR count');
    // Each RR interval takes at least one byte: a count beyond the remaining bytes is corruption.
    if (rrCount > reader.remaining) reader.fail(`RR count ${rrCount} exceeds the remaining bytes`);
    const rrIntervals1024: number[] = [];
    for (let k = 0; k < rrCount; k++) {
      rr += unzigzag(reader.varint('RR interval'));
      if (rr < 0 || rr > MAX_RR_1024) reader.fail(`RR interval ${rr} out of range in sample ${index}`);
      rrIntervals1024.push(rr);
    }
    samples.push({ elapsedMs, heartRateBpm, sensorContact, rrIntervals1024 });
  }
  if (reader.remaining !== 0) reader.fail(`${reader.remaining} unexpected bytes after ${count} samples`);
  return samples;
}
