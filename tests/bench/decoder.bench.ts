import { test } from 'vitest';
import { decodeHeartRateMeasurement, encodeHeartRateMeasurement, type SensorContact } from '../../src/core';
import { recordFigure } from './support/figures';
import { plainParseHeartRate } from './support/plain-heart-rate-parser';

/** A realistic stream: mostly contact + one or two RR values, some with energy, some 16-bit, some long packets. */
function packetStream(count: number): DataView[] {
  const packets: DataView[] = [];
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = 0; i < count; i++) {
    const heartRateBpm = 60 + Math.floor(next() * 120);
    const rrCount = next() < 0.05 ? 9 : 1 + Math.floor(next() * 2);
    const rrIntervals1024 = Array.from({ length: rrCount }, () => Math.round(61_440 / heartRateBpm));
    const sensorContact: SensorContact = next() < 0.9 ? 'contact' : 'no-contact';
    const bytes = encodeHeartRateMeasurement({
      heartRateBpm,
      sensorContact,
      rrIntervals1024,
      wideHeartRate: next() < 0.1,
      ...(next() < 0.1 && { energyExpendedKj: Math.floor(next() * 5000) }),
    });
    packets.push(new DataView(bytes.buffer));
  }
  return packets;
}

function packetsPerSecond(decode: (value: DataView) => unknown, packets: DataView[], rounds: number): number {
  let sink = 0;
  const start = performance.now();
  for (let r = 0; r < rounds; r++) {
    for (const packet of packets) sink += decode(packet) === undefined ? 1 : 0;
  }
  const elapsedMs = performance.now() - start;
  if (sink < 0) console.log(sink);
  return (packets.length * rounds) / (elapsedMs / 1000);
}

test('decoder throughput, ours against a plain decoder in the same run', () => {
  const packets = packetStream(4096);
  // Warm both up, then alternate short timed rounds so drift on a shared machine hits both alike.
  packetsPerSecond(decodeHeartRateMeasurement, packets, 50);
  packetsPerSecond(plainParseHeartRate, packets, 50);
  const ours: number[] = [];
  const plain: number[] = [];
  for (let i = 0; i < 15; i++) {
    ours.push(packetsPerSecond(decodeHeartRateMeasurement, packets, 20));
    plain.push(packetsPerSecond(plainParseHeartRate, packets, 20));
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  recordFigure('decoder.packetsPerSecond', median(ours), 'packets/s');
  recordFigure('decoder.plainPacketsPerSecond', median(plain), 'packets/s');
  recordFigure('decoder.vsPlainRatio', median(ours) / median(plain), 'ratio');
});
