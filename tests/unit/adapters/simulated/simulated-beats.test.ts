import { describe, expect, it } from 'vitest';
import {
  calmRun,
  resting,
  targetBpmAt,
  type HeartRateProfile,
} from '../../../../src/adapters/simulated/heart-rate-profile';
import {
  SimulatedBeats,
  type SimulatedBeatsOptions,
  type SimulatedPacket,
} from '../../../../src/adapters/simulated/simulated-beats';
import { decodeHeartRateMeasurement } from '../../../../src/core/ble/heart-rate-measurement';
import { encodeHeartRateMeasurement } from '../../../../src/core/ble/encode-heart-rate-measurement';

const minuteMs = 60_000;
const msPerRrUnit = 1000 / 1024;

function packetsFor(options: SimulatedBeatsOptions, durationMs: number): SimulatedPacket[] {
  const beats = new SimulatedBeats(options);
  const packets: SimulatedPacket[] = [];
  for (let packet = beats.nextPacket(); packet.atMs <= durationMs; packet = beats.nextPacket())
    packets.push(packet);
  return packets;
}

function rrMsOf(packets: readonly SimulatedPacket[]): number[] {
  return packets.flatMap((packet) => packet.rrIntervals1024.map((rr1024) => rr1024 * msPerRrUnit));
}

function mean(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0) / values.length;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/**
 * The power of the RR series at each frequency, with each beat placed at its own time (a plain Fourier sum over
 * unevenly spaced samples), so no resampling choice can create or hide a rhythm.
 */
function rrSpectrum(rrMs: readonly number[]): { hz: number; power: number }[] {
  const meanRrMs = mean(rrMs);
  const spectrum: { hz: number; power: number }[] = [];
  for (let hz = 0.04; hz <= 0.4 + 1e-9; hz += 0.0025) {
    let re = 0;
    let im = 0;
    let tS = 0;
    for (const rr of rrMs) {
      tS += rr / 1000;
      re += (rr - meanRrMs) * Math.cos(2 * Math.PI * hz * tS);
      im += (rr - meanRrMs) * Math.sin(2 * Math.PI * hz * tS);
    }
    spectrum.push({ hz, power: re * re + im * im });
  }
  return spectrum;
}

/** The dominant frequency and the share of all power within 0.01 Hz of it. */
function dominantRhythm(rrMs: readonly number[]): { hz: number; share: number } {
  const spectrum = rrSpectrum(rrMs);
  const peak = spectrum.reduce((best, bin) => (bin.power > best.power ? bin : best));
  const total = spectrum.reduce((sum, bin) => sum + bin.power, 0);
  const nearPeak = spectrum
    .filter((bin) => Math.abs(bin.hz - peak.hz) <= 0.01)
    .reduce((sum, bin) => sum + bin.power, 0);
  return { hz: peak.hz, share: nearPeak / total };
}

describe('SimulatedBeats', () => {
  it('is deterministic: the same seed gives the same bytes, another seed other bytes', () => {
    const bytesFor = (seed: number): string[] =>
      packetsFor({ seed, profile: calmRun }, 30 * minuteMs).map((packet) =>
        Array.from(encodeHeartRateMeasurement(packet)).join(','),
      );
    const first = bytesFor(42);
    expect(first).toHaveLength(30 * 60);
    expect(bytesFor(42)).toEqual(first);
    const other = bytesFor(43);
    const differing = other.filter((packet, index) => packet !== first[index]).length;
    expect(differing).toBeGreaterThan(first.length / 2);
  });

  it('sends a packet every second whose bytes decode to what it holds', () => {
    const packets = packetsFor({ seed: 7, ectopicEveryBeats: 30, missedEveryBeats: 41 }, 10 * minuteMs);
    packets.forEach((packet, index) => {
      expect(packet.atMs).toBe((index + 1) * 1000);
      const bytes = encodeHeartRateMeasurement(packet);
      const decoded = decodeHeartRateMeasurement(new DataView(bytes.buffer));
      expect(decoded.heartRateBpm).toBe(packet.heartRateBpm);
      expect(decoded.sensorContact).toBe('contact');
      expect(decoded.rrIntervalsMs.map((rrMs) => Math.round(rrMs / msPerRrUnit))).toEqual(
        packet.rrIntervals1024,
      );
      for (const rr1024 of packet.rrIntervals1024) expect(Number.isInteger(rr1024)).toBe(true);
    });
  });

  it("follows the profile: the strap's heart rate within a few bpm of the target", () => {
    const packets = packetsFor({ seed: 3, profile: calmRun }, 31 * minuteMs).slice(10);
    const deviations = packets.map((packet) =>
      Math.abs(packet.heartRateBpm - targetBpmAt(calmRun, packet.atMs)),
    );
    expect(Math.max(...deviations)).toBeLessThanOrEqual(4);
    expect(mean(deviations)).toBeLessThan(1.5);
  });

  it('sends RR intervals consistent with the heart rate: 60000 / mean RR near the target, minute by minute', () => {
    const packets = packetsFor({ seed: 5, profile: calmRun }, 31 * minuteMs);
    for (let minute = 0; minute < 31; minute++) {
      const inMinute = packets.filter((packet) => Math.floor((packet.atMs - 1) / minuteMs) === minute);
      const bpmFromRr = 60_000 / mean(rrMsOf(inMinute));
      const targetBpm = mean(inMinute.map((packet) => targetBpmAt(calmRun, packet.atMs)));
      expect(Math.abs(bpmFromRr - targetBpm)).toBeLessThan(2);
    }
  });

  it('accounts for every beat: the RR intervals add up to the elapsed time', () => {
    const packets = packetsFor(
      { seed: 9, profile: calmRun, ectopicEveryBeats: 25, missedEveryBeats: 37 },
      60 * minuteMs,
    );
    const totalRrMs = rrMsOf(packets).reduce((total, rrMs) => total + rrMs, 0);
    expect(Math.abs(totalRrMs - 60 * minuteMs)).toBeLessThan(2000);
  });

  it('groups 1 or 2 beats per packet when running, and sometimes none at a low heart rate', () => {
    const running = packetsFor({ seed: 2, profile: calmRun }, 5 * minuteMs);
    const counts = running.map((packet) => packet.rrIntervals1024.length);
    expect(counts.every((count) => count >= 1 && count <= 3)).toBe(true);
    expect(counts.filter((count) => count === 1 || count === 2).length).toBeGreaterThan(counts.length * 0.9);

    const slow: HeartRateProfile = {
      name: 'slow',
      segments: [{ durationMs: minuteMs, fromBpm: 48, toBpm: 48 }],
    };
    const slowCounts = packetsFor({ seed: 2, profile: slow }, 5 * minuteMs).map(
      (p) => p.rrIntervals1024.length,
    );
    expect(slowCounts.filter((count) => count === 0).length).toBeGreaterThan(10);
    expect(slowCounts.every((count) => count <= 1)).toBe(true);
  });

  it('shows respiratory sinus arrhythmia: at 6 breaths a minute the RR swings at 0.1 Hz', () => {
    const rrMs = rrMsOf(packetsFor({ seed: 11, profile: resting, breathsPerMinute: 6 }, 10 * minuteMs));
    const rhythm = dominantRhythm(rrMs);
    expect(rhythm.hz).toBeCloseTo(0.1, 2);
    expect(rhythm.share).toBeGreaterThan(0.6);
    // A resting heart swings visibly with slow breathing: tens of ms peak to peak.
    expect(Math.max(...rrMs) - Math.min(...rrMs)).toBeGreaterThan(80);
  });

  it('moves the rhythm with the breathing rate, and keeps it smaller at running heart rates', () => {
    expect(dominantRhythm(rrMsOf(packetsFor({ seed: 11, profile: resting }, 10 * minuteMs))).hz).toBeCloseTo(
      0.2,
      2,
    );
    const steadyRun: HeartRateProfile = {
      name: 'run',
      segments: [{ durationMs: minuteMs, fromBpm: 140, toBpm: 140 }],
    };
    const swingMs = (profile: HeartRateProfile): number => {
      const rrMs = rrMsOf(packetsFor({ seed: 11, profile, rrNoiseMs: 0 }, 5 * minuteMs));
      return Math.max(...rrMs) - Math.min(...rrMs);
    };
    expect(swingMs(steadyRun)).toBeLessThan(swingMs(resting) / 2);
  });

  it('white noise has no rhythm', () => {
    const rrMs = rrMsOf(packetsFor({ seed: 11, profile: resting, whiteNoise: true }, 10 * minuteMs));
    expect(dominantRhythm(rrMs).share).toBeLessThan(0.2);
    expect(Math.abs(60_000 / mean(rrMs) - 65)).toBeLessThan(2);
  });

  it('ectopic beats: a premature beat then a compensatory pause, the pair as long as two normal beats', () => {
    // Without breathing variability the normal rhythm is flat, so the pair can be held to two normal beats exactly.
    const options = { seed: 4, profile: resting, rrNoiseMs: 2, rsaAmplitudeMs: 0 };
    const rrMs = rrMsOf(packetsFor({ ...options, ectopicEveryBeats: 20 }, 10 * minuteMs));
    const premature: number[] = [];
    for (let i = 1; i + 1 < rrMs.length; i++) {
      const before = rrMs[i - 1] ?? 0;
      const early = rrMs[i] ?? 0;
      const pause = rrMs[i + 1] ?? 0;
      if (early < 0.8 * before && pause > 1.2 * before) {
        premature.push(i);
        expect(Math.abs(early + pause - 2 * before)).toBeLessThan(15);
      }
    }
    expect(premature.length).toBeGreaterThanOrEqual(Math.floor(rrMs.length / 21) - 1);
    expect(premature.length).toBeLessThanOrEqual(Math.ceil(rrMs.length / 21) + 1);
    const gaps = premature.slice(1).map((index, k) => index - (premature[k] ?? 0));
    expect(new Set(gaps).size).toBe(1);

    const clean = rrMsOf(packetsFor(options, 10 * minuteMs));
    expect(clean.some((rr, i) => rr < 0.8 * (clean[i - 1] ?? rr))).toBe(false);
  });

  it('missed beats: now and then one interval as long as two', () => {
    const options = { seed: 4, profile: calmRun };
    const rrMs = rrMsOf(packetsFor({ ...options, missedEveryBeats: 50 }, 10 * minuteMs));
    const merged = rrMs.filter((rr, i) => rr > 1.7 * median(rrMs.slice(Math.max(0, i - 5), i + 6)));
    expect(merged.length).toBeGreaterThanOrEqual(Math.floor(rrMs.length / 51) - 1);
    expect(merged.length).toBeLessThanOrEqual(Math.ceil(rrMs.length / 51) + 1);

    const clean = rrMsOf(packetsFor(options, 10 * minuteMs));
    expect(clean.filter((rr, i) => rr > 1.7 * median(clean.slice(Math.max(0, i - 5), i + 6)))).toEqual([]);
  });

  it('contact loss: no contact, heart rate 0 and no RR during it, contact and a heart rate again after', () => {
    const packets = packetsFor(
      { seed: 8, profile: resting, contactLoss: [{ atMs: 60_000, durationMs: 15_000 }] },
      2 * minuteMs,
    );
    for (const packet of packets) {
      const lost = packet.atMs >= 60_000 && packet.atMs < 75_000;
      expect(packet.sensorContact).toBe(lost ? 'no-contact' : 'contact');
      if (lost) {
        expect(packet.heartRateBpm).toBe(0);
        expect(packet.rrIntervals1024).toEqual([]);
      }
    }
    const afterMs = packets.filter((packet) => packet.atMs >= 80_000);
    expect(afterMs.every((packet) => Math.abs(packet.heartRateBpm - 65) <= 5)).toBe(true);
    // The beats during the loss are gone, so the RR total falls short of the elapsed time by about the loss.
    const totalRrMs = rrMsOf(packets).reduce((total, rrMs) => total + rrMs, 0);
    expect(2 * minuteMs - totalRrMs).toBeGreaterThan(14_000);
  });

  it('produces hours of data quickly', () => {
    const startedMs = performance.now();
    const packets = packetsFor({ seed: 1, profile: calmRun }, 3 * 60 * minuteMs);
    expect(packets).toHaveLength(3 * 60 * 60);
    expect(performance.now() - startedMs).toBeLessThan(2000);
  });

  it('refuses nonsensical options', () => {
    expect(() => new SimulatedBeats({ ectopicEveryBeats: 1 })).toThrow(RangeError);
    expect(() => new SimulatedBeats({ missedEveryBeats: 2.5 })).toThrow(RangeError);
    expect(() => new SimulatedBeats({ rrNoiseMs: -1 })).toThrow(RangeError);
  });
});
