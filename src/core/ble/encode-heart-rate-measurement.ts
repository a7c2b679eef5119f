import type { SensorContact } from './heart-rate-measurement';

export interface HeartRateMeasurementFields {
  heartRateBpm: number;
  sensorContact: SensorContact;
  energyExpendedKj?: number;
  /** RR intervals in 1/1024 s, the unit on the wire. */
  rrIntervals1024?: readonly number[];
  /** Force the UINT16 heart-rate format even for values below 256. */
  wideHeartRate?: boolean;
}

/**
 * Encodes a Heart Rate Measurement (0x2A37) value the way a strap sends it: the inverse of
 * decodeHeartRateMeasurement. The simulated strap speaks through it so that its data takes the real decoding path.
 */
export function encodeHeartRateMeasurement(fields: HeartRateMeasurementFields): Uint8Array {
  const wide = fields.wideHeartRate === true || fields.heartRateBpm > 0xff;
  const rr = fields.rrIntervals1024;
  let flags = wide ? 0x01 : 0;
  if (fields.sensorContact === 'contact') flags |= 0x06;
  else if (fields.sensorContact === 'no-contact') flags |= 0x04;
  if (fields.energyExpendedKj !== undefined) flags |= 0x08;
  if (rr !== undefined) flags |= 0x10;

  const length = 1 + (wide ? 2 : 1) + (fields.energyExpendedKj !== undefined ? 2 : 0) + 2 * (rr?.length ?? 0);
  const bytes = new Uint8Array(length);
  const view = new DataView(bytes.buffer);
  view.setUint8(0, flags);
  let offset = 1;
  if (wide) {
    view.setUint16(offset, clampUint16(fields.heartRateBpm), true);
    offset += 2;
  } else {
    view.setUint8(offset, Math.max(0, Math.round(fields.heartRateBpm)));
    offset += 1;
  }
  if (fields.energyExpendedKj !== undefined) {
    view.setUint16(offset, clampUint16(fields.energyExpendedKj), true);
    offset += 2;
  }
  for (const interval of rr ?? []) {
    view.setUint16(offset, clampUint16(interval), true);
    offset += 2;
  }
  return bytes;
}

function clampUint16(value: number): number {
  return Math.min(0xffff, Math.max(0, Math.round(value)));
}
