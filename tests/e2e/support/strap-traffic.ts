import { expect } from 'vitest';
import type { SessionSample } from '../../../src/core/session';
import type { EmulatedStrap } from './emulated-strap';
import { measurementPacket, rr1024 } from './sessions';

/** A small seeded generator (mulberry32): the same seed gives the same run, so a failure can be replayed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One Heart Rate Measurement as sent: heart rate and the RR intervals (ms) of the beats that ended with it. */
export interface SentPacket {
  heartRateBpm: number;
  rrMs: number[];
}

/**
 * A strap's packets, one per second of beats: each carries the RR intervals of the beats that ended in its second
 * (none, one, two or three, as a real strap sends them) and the heart rate over those beats. The beats come from
 * `nextRrMs`, e.g. a real recording's series or a seeded calm run.
 */
export class StrapTraffic {
  /** Every packet the strap delivered to the page, in order. */
  readonly sent: SentPacket[] = [];
  /** The page's Date.now() just after each packet arrived there, in the same order. */
  readonly receivedAtPageWallMs: number[] = [];
  readonly #nextRrMs: () => number;
  /** The RR interval (whole ms) of the beat in progress. */
  #beatMs: number;
  /** Time (ms) from the end of the last packet's second to the end of the beat in progress. */
  #untilBeatEndsMs: number;
  #lastHeartRateBpm = 0;

  constructor(nextRrMs: () => number) {
    this.#nextRrMs = nextRrMs;
    this.#beatMs = Math.round(nextRrMs());
    this.#untilBeatEndsMs = this.#beatMs;
  }

  /** The next packet, not yet sent. */
  next(): SentPacket {
    const rrMs: number[] = [];
    let remainingMs = 1000;
    while (this.#untilBeatEndsMs <= remainingMs) {
      remainingMs -= this.#untilBeatEndsMs;
      rrMs.push(this.#beatMs);
      this.#beatMs = Math.round(this.#nextRrMs());
      this.#untilBeatEndsMs = this.#beatMs;
    }
    this.#untilBeatEndsMs -= remainingMs;
    const meanRrMs = rrMs.length > 0 ? rrMs.reduce((sum, ms) => sum + ms, 0) / rrMs.length : 0;
    const heartRateBpm = meanRrMs > 0 ? Math.round(60_000 / meanRrMs) : this.#lastHeartRateBpm || 60;
    this.#lastHeartRateBpm = heartRateBpm;
    return { heartRateBpm, rrMs };
  }

  /** Sends the next packet through the page's own characteristic; it counts as sent once the page received it. */
  async sendTo(strap: EmulatedStrap, packet: SentPacket = this.next()): Promise<SentPacket> {
    const atWallMs = await strap.sendMeasurement(measurementPacket(packet.heartRateBpm, packet.rrMs));
    this.sent.push(packet);
    this.receivedAtPageWallMs.push(atWallMs);
    return packet;
  }
}

/** A calm run's beats, seeded: around `bpm`, with breathing-like swing and a little noise. */
export function calmRunBeats(seed: number, bpm = 128): () => number {
  const random = seededRandom(seed);
  let beat = 0;
  return () => {
    beat++;
    const swing = 12 * Math.sin((2 * Math.PI * beat) / 11);
    return 60_000 / bpm + swing + (random() - 0.5) * 16;
  };
}

/**
 * Beat for beat: the stored samples are exactly the packets sent, in order: heart rate, skin contact, and every
 * RR interval as the strap's 1/1024 s units.
 */
export function expectStoredAsSent(samples: readonly SessionSample[], sent: readonly SentPacket[]): void {
  const stored = samples.map((sample) => ({
    heartRateBpm: sample.heartRateBpm,
    sensorContact: sample.sensorContact,
    rr1024: sample.rrIntervals1024,
  }));
  const expected = sent.map((packet) => ({
    heartRateBpm: packet.heartRateBpm,
    sensorContact: 'contact',
    rr1024: packet.rrMs.map(rr1024),
  }));
  expect(stored.length, 'stored samples against packets sent').toBe(expected.length);
  const firstDifference = stored.findIndex(
    (sample, index) => JSON.stringify(sample) !== JSON.stringify(expected[index]),
  );
  expect(firstDifference, `the first stored sample that differs from the packet sent`).toBe(-1);
}
