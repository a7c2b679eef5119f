/**
 * Heart Rate Measurement characteristic (0x2A37), Bluetooth SIG Heart Rate Service 1.0, section 3.1.
 *
 * Layout: one flags byte, then the fields the flags announce, in this order:
 * - bit 0: heart rate is UINT16 (else UINT8), in beats per minute;
 * - bits 1-2: sensor contact status (0 or 1: not supported, 2: supported and not detected, 3: detected);
 * - bit 3: Energy Expended present, UINT16 in kilojoules;
 * - bit 4: RR intervals present, zero or more UINT16 values in 1/1024 s, oldest first.
 * Bits 5-7 are reserved for future use and ignored. There is no length cap: a larger ATT MTU carries more RR values.
 * Bytes after the announced fields when no RR intervals are announced are ignored, as the SIG lets a later
 * revision append fields; with RR intervals announced every remaining byte pair is an interval.
 */

export type SensorContact = 'unsupported' | 'no-contact' | 'contact';

export interface HeartRateMeasurement {
  heartRateBpm: number;
  sensorContact: SensorContact;
  /** Present only when the flags announce it. */
  energyExpendedKj?: number;
  /** Every RR interval in the packet, oldest first, converted from 1/1024 s to milliseconds (not rounded). */
  rrIntervalsMs: number[];
}

/** A packet that cannot be what its flags say; decoding never yields a partial value. */
export class MalformedPacketError extends Error {
  override readonly name = 'MalformedPacketError';
  constructor(
    readonly reason: string,
    readonly byteLength: number,
  ) {
    super(`Malformed Heart Rate Measurement (${byteLength} bytes): ${reason}`);
  }
}

const flagHeartRateUint16 = 0x01;
const flagContactSupported = 0x04;
const flagContactDetected = 0x02;
const flagEnergyExpended = 0x08;
const flagRrIntervals = 0x10;

/** Milliseconds per RR unit: the SIG defines RR with a resolution of 1/1024 s. */
export const msPerRrUnit = 1000 / 1024;

export function decodeHeartRateMeasurement(value: DataView): HeartRateMeasurement {
  const length = value.byteLength;
  if (length < 1) throw new MalformedPacketError('empty packet, no flags byte', length);
  const flags = value.getUint8(0);
  const heartRateBytes = flags & flagHeartRateUint16 ? 2 : 1;
  const energyBytes = flags & flagEnergyExpended ? 2 : 0;
  const fixedLength = 1 + heartRateBytes + energyBytes;
  if (length < fixedLength) {
    throw new MalformedPacketError(
      `flags 0x${flags.toString(16).padStart(2, '0')} announce ${fixedLength} bytes before RR intervals`,
      length,
    );
  }

  const heartRateBpm = heartRateBytes === 2 ? value.getUint16(1, true) : value.getUint8(1);
  let offset = 1 + heartRateBytes;

  let energyExpendedKj: number | undefined;
  if (energyBytes) {
    energyExpendedKj = value.getUint16(offset, true);
    offset += 2;
  }

  const rrIntervalsMs: number[] = [];
  if (flags & flagRrIntervals) {
    const rrBytes = length - offset;
    if (rrBytes % 2 !== 0) {
      throw new MalformedPacketError(`odd trailing byte after ${(rrBytes - 1) / 2} RR intervals`, length);
    }
    for (; offset < length; offset += 2) rrIntervalsMs.push(value.getUint16(offset, true) * msPerRrUnit);
  }

  const measurement: HeartRateMeasurement = {
    heartRateBpm,
    sensorContact: decodeSensorContact(flags),
    rrIntervalsMs,
  };
  if (energyExpendedKj !== undefined) measurement.energyExpendedKj = energyExpendedKj;
  return measurement;
}

function decodeSensorContact(flags: number): SensorContact {
  if (!(flags & flagContactSupported)) return 'unsupported';
  return flags & flagContactDetected ? 'contact' : 'no-contact';
}
