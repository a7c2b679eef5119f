import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  decodeHeartRateMeasurement,
  encodeHeartRateMeasurement,
  hexToBytes,
  MalformedPacketError,
  type HeartRateMeasurement,
  type SensorContact,
} from '../../../../src/core';
import { readSharedVector } from '../../support/shared-vectors';

interface PacketVector {
  hex: string;
  valid: boolean;
  note?: string;
  heartRateBpm?: number;
  sensorContact?: SensorContact;
  energyExpendedKj?: number | null;
  rrIntervals1024?: number[];
  rrIntervalsMs?: number[];
}

const vectors = readSharedVector('hrm/packets.json') as PacketVector[];

function view(bytes: Uint8Array | number[]): DataView {
  const array = bytes instanceof Uint8Array ? bytes : Uint8Array.from(bytes);
  return new DataView(array.buffer, array.byteOffset, array.byteLength);
}

function viewOfHex(hex: string): DataView {
  const bytes = hexToBytes(hex);
  if (!bytes) throw new Error(`bad hex in vector: ${hex}`);
  return view(bytes);
}

describe('decodeHeartRateMeasurement on the shared vectors', () => {
  it('reads every vector in the file', () => {
    expect(vectors.length).toBeGreaterThan(40);
    expect(vectors.some((v) => !v.valid)).toBe(true);
  });

  for (const vector of vectors.filter((v) => v.valid)) {
    it(`decodes ${vector.hex} (${vector.note ?? ''})`, () => {
      const expected: HeartRateMeasurement = {
        heartRateBpm: vector.heartRateBpm ?? Number.NaN,
        sensorContact: vector.sensorContact ?? 'unsupported',
        rrIntervalsMs: vector.rrIntervalsMs ?? [],
      };
      if (vector.energyExpendedKj !== null && vector.energyExpendedKj !== undefined) {
        expected.energyExpendedKj = vector.energyExpendedKj;
      }
      const decoded = decodeHeartRateMeasurement(viewOfHex(vector.hex));
      expect(decoded.heartRateBpm).toBe(expected.heartRateBpm);
      expect(decoded.sensorContact).toBe(expected.sensorContact);
      expect(decoded.energyExpendedKj).toBe(expected.energyExpendedKj);
      expect('energyExpendedKj' in decoded).toBe(expected.energyExpendedKj !== undefined);
      expect(decoded.rrIntervalsMs).toHaveLength(expected.rrIntervalsMs.length);
      decoded.rrIntervalsMs.forEach((rrMs, i) => {
        expect(rrMs).toBeCloseTo(expected.rrIntervalsMs[i] ?? Number.NaN, 9);
        expect((rrMs * 1024) / 1000).toBeCloseTo(vector.rrIntervals1024?.[i] ?? Number.NaN, 9);
      });
    });
  }

  for (const vector of vectors.filter((v) => !v.valid)) {
    it(`refuses ${vector.hex === '' ? '(empty)' : vector.hex} (${vector.note ?? ''})`, () => {
      expect(() => decodeHeartRateMeasurement(viewOfHex(vector.hex))).toThrow(MalformedPacketError);
    });
  }
});

describe('decodeHeartRateMeasurement byte literals', () => {
  it('reads a 16-bit heart rate with contact, energy and three RR intervals, oldest first', () => {
    expect(
      decodeHeartRateMeasurement(view([0x1f, 0x2c, 0x01, 0xe8, 0x03, 0x00, 0x04, 0x00, 0x02, 0x00, 0x01])),
    ).toEqual({
      heartRateBpm: 300,
      sensorContact: 'contact',
      energyExpendedKj: 1000,
      rrIntervalsMs: [1000, 500, 250],
    });
  });

  it('ignores the reserved flag bits 5-7', () => {
    expect(decodeHeartRateMeasurement(view([0xe6, 72]))).toEqual({
      heartRateBpm: 72,
      sensorContact: 'contact',
      rrIntervalsMs: [],
    });
  });

  it('gives an empty RR list for an RR flag with no values', () => {
    expect(decodeHeartRateMeasurement(view([0x10, 72])).rrIntervalsMs).toEqual([]);
  });

  it('reads contact bits 0b01 as unsupported', () => {
    expect(decodeHeartRateMeasurement(view([0x02, 72])).sensorContact).toBe('unsupported');
  });

  it('decodes a DataView that starts inside a larger buffer', () => {
    const buffer = Uint8Array.from([0xff, 0xff, 0x10, 60, 0x00, 0x04, 0xff]);
    const decoded = decodeHeartRateMeasurement(new DataView(buffer.buffer, 2, 4));
    expect(decoded).toEqual({ heartRateBpm: 60, sensorContact: 'unsupported', rrIntervalsMs: [1000] });
  });

  it('has no length cap: 200 RR values from a large MTU all arrive', () => {
    const rr = Array.from({ length: 200 }, (_, i) => 800 + i);
    const decoded = decodeHeartRateMeasurement(
      view(encodeHeartRateMeasurement({ heartRateBpm: 70, sensorContact: 'contact', rrIntervals1024: rr })),
    );
    expect(decoded.rrIntervalsMs.map((ms) => Math.round((ms * 1024) / 1000))).toEqual(rr);
  });

  it('names the reason of a malformed packet', () => {
    try {
      decodeHeartRateMeasurement(view([0x10, 72, 0x20]));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(MalformedPacketError);
      expect((error as MalformedPacketError).reason).toMatch(/odd trailing byte/u);
    }
  });
});

const fieldsArbitrary = fc.record(
  {
    heartRateBpm: fc.integer({ min: 0, max: 0xffff }),
    sensorContact: fc.constantFrom<SensorContact>('unsupported', 'no-contact', 'contact'),
    energyExpendedKj: fc.integer({ min: 0, max: 0xffff }),
    rrIntervals1024: fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 60 }),
    wideHeartRate: fc.boolean(),
  },
  { requiredKeys: ['heartRateBpm', 'sensorContact'] },
);

describe('decodeHeartRateMeasurement properties', () => {
  it('round-trips every encoded packet', () => {
    fc.assert(
      fc.property(fieldsArbitrary, (fields) => {
        const decoded = decodeHeartRateMeasurement(view(encodeHeartRateMeasurement(fields)));
        expect(decoded.heartRateBpm).toBe(fields.heartRateBpm);
        expect(decoded.sensorContact).toBe(fields.sensorContact);
        expect(decoded.energyExpendedKj).toBe(fields.energyExpendedKj);
        expect(decoded.rrIntervalsMs.map((ms) => Math.round((ms * 1024) / 1000))).toEqual(
          fields.rrIntervals1024 ?? [],
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('raises nothing but MalformedPacketError on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        try {
          const decoded = decodeHeartRateMeasurement(view(bytes));
          expect(Number.isInteger(decoded.heartRateBpm)).toBe(true);
          expect(decoded.rrIntervalsMs.every((ms) => Number.isFinite(ms) && ms >= 0)).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(MalformedPacketError);
        }
      }),
      { numRuns: 5000 },
    );
  });
});
