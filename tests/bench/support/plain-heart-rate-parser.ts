/**
 * The comparison decoder for the benchmark: written the way the WebBluetoothCG heart-rate demo parses 0x2A37
 * (heartRateSensor.js parseHeartRate), with raw 1/1024 s RR values and no validation.
 */
export function plainParseHeartRate(value: DataView): {
  heartRate: number;
  contactDetected?: boolean;
  energyExpended?: number;
  rrIntervals?: number[];
} {
  const flags = value.getUint8(0);
  const rate16Bits = flags & 0x1;
  const result: {
    heartRate: number;
    contactDetected?: boolean;
    energyExpended?: number;
    rrIntervals?: number[];
  } = { heartRate: 0 };
  let index = 1;
  if (rate16Bits) {
    result.heartRate = value.getUint16(index, true);
    index += 2;
  } else {
    result.heartRate = value.getUint8(index);
    index += 1;
  }
  const contactDetected = flags & 0x2;
  const contactSensorPresent = flags & 0x4;
  if (contactSensorPresent) result.contactDetected = !!contactDetected;
  const energyPresent = flags & 0x8;
  if (energyPresent) {
    result.energyExpended = value.getUint16(index, true);
    index += 2;
  }
  const rrIntervalPresent = flags & 0x10;
  if (rrIntervalPresent) {
    const rrIntervals: number[] = [];
    for (; index + 1 < value.byteLength; index += 2) rrIntervals.push(value.getUint16(index, true));
    result.rrIntervals = rrIntervals;
  }
  return result;
}
