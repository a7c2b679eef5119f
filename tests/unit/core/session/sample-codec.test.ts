import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  decodeSamples,
  encodeSamples,
  SAMPLE_CODEC_VERSION,
  SampleCodecError,
  type SessionSample,
} from '../../../../src/core/session';
import { crc32 } from '../../../../src/core/session/crc32';
import { simulatedSamples } from './support/simulated-run';
import { defined } from './support/defined';

const contactArb = fc.constantFrom('unsupported' as const, 'no-contact' as const, 'contact' as const);

/** Random samples in ascending time: nulls, 0 and > 255 bpm, 0-20 RR values over the whole 16-bit range, long gaps. */
const samplesArb = fc
  .array(
    fc.record({
      deltaMs: fc.oneof(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 2 ** 40 })),
      heartRateBpm: fc.oneof(
        fc.constant(null),
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 0, max: 70_000 }),
      ),
      sensorContact: contactArb,
      rrIntervals1024: fc.array(
        fc.oneof(fc.integer({ min: 300, max: 1200 }), fc.integer({ min: 0, max: 0xffff })),
        { maxLength: 20 },
      ),
    }),
    { maxLength: 60 },
  )
  .map((rows) => {
    let elapsedMs = 0;
    return rows.map(({ deltaMs, ...rest }): SessionSample => {
      elapsedMs += deltaMs;
      return { elapsedMs, ...rest };
    });
  });

function sample(
  elapsedMs: number,
  heartRateBpm: number | null,
  rrIntervals1024: number[] = [],
): SessionSample {
  return { elapsedMs, heartRateBpm, sensorContact: 'contact', rrIntervals1024 };
}

/** The encoding of a payload with a valid version and checksum, to reach the checks behind them. */
function withChecksum(payload: number[]): Uint8Array {
  const bytes = new Uint8Array(payload.length + 4);
  bytes.set(payload);
  new DataView(bytes.buffer).setUint32(payload.length, crc32(bytes, payload.length), true);
  return bytes;
}

function decodeError(bytes: Uint8Array): SampleCodecError {
  try {
    decodeSamples(bytes);
  } catch (error) {
    if (error instanceof SampleCodecError) return error;
    throw error;
  }
  throw new Error('decoded without an error');
}

describe('sample codec round trip', () => {
  it('keeps the edge cases exactly', () => {
    const samples: SessionSample[] = [
      sample(0, null),
      { elapsedMs: 0, heartRateBpm: 0, sensorContact: 'no-contact', rrIntervals1024: [0] },
      sample(999, 1, [1, 0xffff, 0]),
      sample(1000, 254, [410, 409, 412]),
      sample(2000, 255),
      { elapsedMs: 3_000_000_000, heartRateBpm: 65_535, sensorContact: 'unsupported', rrIntervals1024: [] },
      sample(
        3_000_000_001,
        150,
        Array.from({ length: 62 }, (_, i) => 400 + i),
      ),
      sample(
        3_000_000_002,
        150,
        Array.from({ length: 63 }, (_, i) => 400 - i),
      ),
      sample(
        3_000_000_003,
        150,
        Array.from({ length: 300 }, (_, i) => (i * 7919) % 0x10000),
      ),
    ];
    expect(decodeSamples(encodeSamples(samples))).toEqual(samples);
  });

  it('encodes an empty list in 6 bytes and decodes it', () => {
    const bytes = encodeSamples([]);
    expect(bytes.length).toBe(6);
    expect(bytes[0]).toBe(SAMPLE_CODEC_VERSION);
    expect(decodeSamples(bytes)).toEqual([]);
  });

  it('round-trips random samples, absolute or after a previous elapsed time', () => {
    fc.assert(
      fc.property(samplesArb, fc.integer({ min: 0, max: 10_000 }), (samples, previousMs) => {
        expect(decodeSamples(encodeSamples(samples))).toEqual(samples);
        const shifted = samples.map((s) => ({ ...s, elapsedMs: s.elapsedMs + previousMs }));
        expect(decodeSamples(encodeSamples(shifted, previousMs), previousMs)).toEqual(shifted);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses what it cannot keep losslessly', () => {
    expect(() => encodeSamples([sample(1000, 60), sample(999, 60)])).toThrow(RangeError);
    expect(() => encodeSamples([sample(-1, 60)])).toThrow(RangeError);
    expect(() => encodeSamples([sample(1.5, 60)])).toThrow(RangeError);
    expect(() => encodeSamples([sample(10, 60)], 11)).toThrow(RangeError);
    expect(() => encodeSamples([sample(0, 60.5)])).toThrow(RangeError);
    expect(() => encodeSamples([sample(0, -3)])).toThrow(RangeError);
    expect(() => encodeSamples([sample(0, 60, [0x10000])])).toThrow(RangeError);
    expect(() => encodeSamples([sample(0, 60, [-1])])).toThrow(RangeError);
    expect(() => encodeSamples([sample(0, 60, [400.5])])).toThrow(RangeError);
  });
});

describe('sample codec size', () => {
  const hour = simulatedSamples({ bpm: 150, durationS: 3600, jitterMs: 8, seed: 7 });
  const beats = hour.reduce((n, s) => n + s.rrIntervals1024.length, 0);

  it('simulates the target load: one notification a second, 2-3 RR each at 150 bpm', () => {
    expect(hour.length).toBe(3600);
    expect(beats).toBeGreaterThan(8900);
    expect(beats).toBeLessThan(9100);
  });

  it('stores an hour at 150 bpm in under 36 KB, as one block and as 5-second chunks', () => {
    const oneBlock = encodeSamples(hour).length;
    let chunked = 0;
    for (let i = 0; i < hour.length; i += 5) chunked += encodeSamples(hour.slice(i, i + 5)).length;
    expect(oneBlock).toBeLessThan(36 * 1024);
    expect(chunked).toBeLessThan(36 * 1024);
    // Less than the raw payload (2 bytes per RR, a byte of heart rate and of flags per notification).
    expect(oneBlock).toBeLessThan(2 * beats + 2 * hour.length);
  });
});

describe('sample codec refuses damaged bytes', () => {
  const samples = simulatedSamples({ bpm: 150, durationS: 20, seed: 3 });
  samples[4] = { ...defined(samples[4]), heartRateBpm: null, sensorContact: 'no-contact' };
  samples[7] = { ...defined(samples[7]), heartRateBpm: 300 };
  const bytes = encodeSamples(samples);

  it('rejects every truncation', () => {
    for (let length = 0; length < bytes.length; length++) {
      expect(() => decodeSamples(bytes.subarray(0, length))).toThrow(SampleCodecError);
    }
  });

  it('rejects every single-bit flip', () => {
    for (let i = 0; i < bytes.length; i++) {
      for (let bit = 0; bit < 8; bit++) {
        const damaged = bytes.slice();
        damaged[i] = (damaged[i] ?? 0) ^ (1 << bit);
        expect(() => decodeSamples(damaged), `byte ${i} bit ${bit}`).toThrow(SampleCodecError);
      }
    }
  });

  it('rejects appended bytes and says why', () => {
    const longer = new Uint8Array(bytes.length + 1);
    longer.set(bytes);
    expect(decodeError(longer).message).toMatch(/checksum mismatch/);
  });

  it('names an unknown version', () => {
    const other = bytes.slice();
    other[0] = 2;
    expect(decodeError(other).message).toMatch(/unsupported format version 2/);
  });

  it('rejects structural nonsense even behind a valid checksum', () => {
    const v = SAMPLE_CODEC_VERSION;
    // A count no payload can hold: refused before any allocation.
    expect(decodeError(withChecksum([v, 0xff, 0xff, 0xff, 0xff, 0x0f])).message).toMatch(/cannot fit/);
    // Contact code 3.
    expect(decodeError(withChecksum([v, 1, 0, 60, 0xc0])).message).toMatch(/contact code 3/);
    // An escaped RR count far beyond the bytes.
    expect(decodeError(withChecksum([v, 1, 0, 60, 0x80 | 63, 0xff, 0xff, 0x7f])).message).toMatch(/RR count/);
    // An RR delta that leaves 0..65535.
    expect(decodeError(withChecksum([v, 1, 0, 60, 0x81, 0x01])).message).toMatch(/out of range/);
    // A varint that never ends.
    expect(
      decodeError(withChecksum([v, 1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01])).message,
    ).toMatch(/longer than 8 bytes/);
    // A field cut off: the escaped heart rate's varint runs into the checksum.
    expect(decodeError(withChecksum([v, 1, 0, 255, 0x80, 0x80])).message).toMatch(
      /truncated: wide heart rate/,
    );
    // Bytes left over after the announced samples.
    expect(decodeError(withChecksum([v, 1, 0, 60, 0x80, 0, 0, 0])).message).toMatch(/unexpected bytes/);
    // The same payloads without the damage decode fine.
    expect(decodeSamples(withChecksum([v, 1, 0, 60, 0x81, 0x02]))).toEqual([
      { elapsedMs: 0, heartRateBpm: 60, sensorContact: 'contact', rrIntervals1024: [1] },
    ]);
  });

  it('ends with a SampleCodecError or samples on any bytes, even with a valid checksum', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.boolean(), (payload, fixChecksum) => {
        const input = fixChecksum ? withChecksum([SAMPLE_CODEC_VERSION, ...payload]) : payload;
        try {
          const decoded = decodeSamples(input);
          expect(fixChecksum).toBe(true);
          for (const s of decoded) expect(Number.isSafeInteger(s.elapsedMs)).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(SampleCodecError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
