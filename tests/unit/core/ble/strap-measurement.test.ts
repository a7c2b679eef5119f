import { describe, expect, it } from 'vitest';
import {
  decodeHeartRateMeasurement,
  maxHeartRateBpm,
  toStrapMeasurement,
  type StrapMeasurement,
} from '../../../../src/core';

function measured(bytes: number[]): StrapMeasurement {
  return toStrapMeasurement(
    decodeHeartRateMeasurement(new DataView(Uint8Array.from(bytes).buffer)),
    1000,
    5000,
  );
}

describe('toStrapMeasurement', () => {
  it('keeps a heart rate up to 300 bpm as a reading', () => {
    expect(maxHeartRateBpm).toBe(300);
    // 16-bit heart rate 0x012c = 300, contact detected.
    expect(measured([0x07, 0x2c, 0x01])).toEqual({
      receivedAtMs: 1000,
      wallClockMs: 5000,
      heartRateBpm: 300,
      sensorContact: 'contact',
      rrIntervalsMs: [],
    });
  });

  it('takes a heart rate no heart beats at as no reading, and keeps the rest of the packet', () => {
    // Found by the fuzz bench: 0x012d = 301 bpm and 0xffff = 65,535 bpm from a glitching strap.
    expect(measured([0x07, 0x2d, 0x01])).toMatchObject({ heartRateBpm: null, sensorContact: 'contact' });
    expect(measured([0x17, 0xff, 0xff, 0x00, 0x02])).toEqual({
      receivedAtMs: 1000,
      wallClockMs: 5000,
      heartRateBpm: null,
      sensorContact: 'contact',
      rrIntervalsMs: [500],
    });
  });

  it('takes 0 bpm and no skin contact as no reading', () => {
    expect(measured([0x06, 0x00]).heartRateBpm).toBeNull();
    expect(measured([0x04, 0x48]).heartRateBpm).toBeNull();
    expect(measured([0x00, 0x48]).heartRateBpm).toBe(72);
  });
});
