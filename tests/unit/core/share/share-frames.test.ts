import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PHASE_KINDS } from '../../../../src/core/coaching/run-plan';
import {
  decodeShareFrame,
  encodePacketFrame,
  encodePresenceFrame,
  MAX_MEASUREMENT_BYTES,
  MAX_NAME_BYTES,
  type PresenceFrame,
  type SharedStrapState,
} from '../../../../src/core/share/share-frames';
import { utf8Bytes, utf8Text } from '../../../../src/core/share/utf8';

const wallMs = 1_765_000_000_123;

describe('packet frames', () => {
  it('writes the documented bytes', () => {
    const bytes = encodePacketFrame({
      sequence: 0x01020304,
      receivedAtWallMs: 1,
      measurementBytes: Uint8Array.from([0x16, 0x48, 0x00, 0x04]),
    });
    expect([...bytes]).toEqual([
      1, 1, 0x01, 0x02, 0x03, 0x04, 0x3f, 0xf0, 0, 0, 0, 0, 0, 0, 0x16, 0x48, 0x00, 0x04,
    ]);
    expect(decodeShareFrame(bytes)).toEqual({
      ok: true,
      frame: {
        kind: 'packet',
        sequence: 0x01020304,
        receivedAtWallMs: 1,
        measurementBytes: Uint8Array.from([0x16, 0x48, 0x00, 0x04]),
      },
    });
  });

  it('round-trips any measurement, sequence and time', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: MAX_MEASUREMENT_BYTES }),
        fc.nat({ max: 0xffff_ffff }),
        fc.nat({ max: Number.MAX_SAFE_INTEGER }),
        (measurementBytes, sequence, receivedAtWallMs) => {
          const decoded = decodeShareFrame(
            encodePacketFrame({ sequence, receivedAtWallMs, measurementBytes }),
          );
          expect(decoded).toEqual({
            ok: true,
            frame: { kind: 'packet', sequence, receivedAtWallMs, measurementBytes },
          });
        },
      ),
    );
  });

  it('refuses to encode what it could not decode', () => {
    const measurementBytes = Uint8Array.from([0, 60]);
    expect(() =>
      encodePacketFrame({ sequence: 0, receivedAtWallMs: 0, measurementBytes: new Uint8Array() }),
    ).toThrow(RangeError);
    expect(() =>
      encodePacketFrame({ sequence: 0, receivedAtWallMs: 0, measurementBytes: new Uint8Array(65) }),
    ).toThrow(RangeError);
    expect(() => encodePacketFrame({ sequence: -1, receivedAtWallMs: 0, measurementBytes })).toThrow(
      RangeError,
    );
    expect(() => encodePacketFrame({ sequence: 0, receivedAtWallMs: 1.5, measurementBytes })).toThrow(
      RangeError,
    );
  });
});

const strapStates: SharedStrapState[] = ['idle', 'connecting', 'live', 'reconnecting', 'lost'];

const presenceFrames: fc.Arbitrary<PresenceFrame> = fc
  .record({
    sentAtWallMs: fc.nat({ max: Number.MAX_SAFE_INTEGER }),
    // Names that fit: 16 characters of up to 4 UTF-8 bytes each.
    runnerName: fc.string({ unit: 'grapheme', maxLength: 16 }),
    zone: fc.option(
      fc
        .tuple(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 300 }))
        .map(([a, b]) => ({ lowBpm: Math.min(a, b), highBpm: Math.max(a, b) })),
      { nil: undefined },
    ),
    batteryPercent: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
    sensorContact: fc.option(fc.constantFrom('unsupported', 'no-contact', 'contact' as const), {
      nil: undefined,
    }),
    strapState: fc.constantFrom(...strapStates),
    phase: fc.option(fc.constantFrom(...PHASE_KINDS), { nil: undefined }),
    sharing: fc.boolean(),
  })
  // Absent, not undefined: what the decoder gives.
  .map(
    (fields) =>
      Object.fromEntries(
        Object.entries({ kind: 'presence', ...fields }).filter(([, value]) => value !== undefined),
      ) as unknown as PresenceFrame,
  );

describe('presence frames', () => {
  it('writes the documented bytes, the name padded to a fixed length', () => {
    const bytes = encodePresenceFrame({
      sentAtWallMs: 1,
      runnerName: 'Anna',
      zone: { lowBpm: 120, highBpm: 135 },
      batteryPercent: 80,
      sensorContact: 'contact',
      strapState: 'live',
      phase: 'calm-run',
      sharing: true,
    });
    expect(bytes.length).toBe(20 + MAX_NAME_BYTES);
    expect([...bytes.subarray(0, 24)]).toEqual([
      1, 2, 0x3f, 0xf0, 0, 0, 0, 0, 0, 0, 0, 120, 0, 135, 80, 3, 2, 4, 1, 4, 0x41, 0x6e, 0x6e, 0x61,
    ]);
    expect(bytes.subarray(24).every((byte) => byte === 0)).toBe(true);
  });

  it('has the same size whatever the name, so the ciphertext does not tell it', () => {
    const sizeOf = (runnerName: string) =>
      encodePresenceFrame({ sentAtWallMs: wallMs, runnerName, strapState: 'live', sharing: true }).length;
    expect(sizeOf('')).toBe(sizeOf('Maximiliaan-Alexander van der Heijden-Oosterhout'));
  });

  it('round-trips every presence', () => {
    fc.assert(
      fc.property(presenceFrames, (frame) => {
        const { kind: _kind, ...fields } = frame;
        expect(decodeShareFrame(encodePresenceFrame(fields))).toEqual({ ok: true, frame });
      }),
    );
  });

  it('cuts a long name at a character boundary', () => {
    const runnerName = 'é'.repeat(40);
    const decoded = decodeShareFrame(
      encodePresenceFrame({ sentAtWallMs: wallMs, runnerName, strapState: 'live', sharing: true }),
    );
    expect(decoded.ok && decoded.frame.kind === 'presence' && decoded.frame.runnerName).toBe('é'.repeat(32));
  });
});

describe('decodeShareFrame refusals', () => {
  const presence = encodePresenceFrame({
    sentAtWallMs: wallMs,
    runnerName: 'Bo',
    strapState: 'live',
    sharing: true,
  });
  const withByte = (index: number, value: number) => {
    const copy = presence.slice();
    copy[index] = value;
    return copy;
  };

  it.each([
    ['empty', new Uint8Array(), 'too short'],
    ['another version', Uint8Array.from([2, 1, 0, 0]), 'unknown version 2'],
    ['an unknown type', Uint8Array.from([1, 9, 0, 0]), 'unknown frame type 9'],
    [
      'a packet without measurement',
      new Uint8Array(14).fill(0).map((_, i) => (i < 2 ? 1 : 0)),
      'packet frame',
    ],
    ['a truncated presence', presence.subarray(0, 30), 'presence frame of 30 bytes'],
    ['a zone upside down', withByte(11, 200).map((b, i) => (i === 13 ? 100 : b)), 'zone'],
    ['a battery of 101 %', withByte(14, 101), 'battery'],
    ['an unknown contact', withByte(15, 4), 'sensor contact'],
    ['an unknown strap state', withByte(16, 5), 'strap state'],
    ['an unknown phase', withByte(17, 7), 'phase'],
    ['unknown flags', withByte(18, 2), 'flags'],
    ['a name longer than its field', withByte(19, 65), 'name of 65 bytes'],
    ['bytes after the name', withByte(30, 1), 'padding'],
    ['a name that is not UTF-8', withByte(20, 0xff), 'UTF-8'],
    ['a time that is not one', withByte(2, 0x7f).map((b, i) => (i === 3 ? 0xf8 : b)), 'wall-clock'],
  ])('refuses %s', (_, bytes, reason) => {
    const decoded = decodeShareFrame(bytes);
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) expect(decoded.reason).toContain(reason);
  });

  it('never throws on random bytes, and what it accepts re-encodes to the same bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 120 }), (bytes) => {
        const decoded = decodeShareFrame(bytes);
        if (!decoded.ok) {
          expect(decoded.reason.length).toBeGreaterThan(0);
          return;
        }
        const { kind, ...fields } = decoded.frame;
        const again =
          kind === 'packet'
            ? encodePacketFrame(fields as Parameters<typeof encodePacketFrame>[0])
            : encodePresenceFrame(fields as Parameters<typeof encodePresenceFrame>[0]);
        expect([...again]).toEqual([...bytes]);
      }),
      { numRuns: 5000 },
    );
  });

  it('refuses random bytes that claim to be a presence', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 82, maxLength: 82 }), (tail) => {
        if (decodeShareFrame(Uint8Array.from([1, 2, ...tail])).ok) accepted++;
      }),
      { numRuns: 2000 },
    );
    expect(accepted).toBe(0);
  });
});

describe('utf8', () => {
  it('agrees with TextEncoder and TextDecoder', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (text) => {
        expect([...utf8Bytes(text)]).toEqual([...new TextEncoder().encode(text)]);
        expect(utf8Text(utf8Bytes(text))).toBe(text);
      }),
    );
  });

  it('writes a lone surrogate as U+FFFD and refuses bytes that are not UTF-8', () => {
    expect([...utf8Bytes('a\uD800')]).toEqual([0x61, 0xef, 0xbf, 0xbd]);
    expect(utf8Text(Uint8Array.from([0xc3]))).toBeUndefined();
  });
});
