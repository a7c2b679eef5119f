import { msPerRrUnit } from '../../core/ble/heart-rate-measurement';
import { calmRun, targetBpmAt, type HeartRateProfile } from './heart-rate-profile';

/** A stretch of simulated time, in ms since the simulated run started. */
export interface TimeWindow {
  atMs: number;
  durationMs: number;
}

export interface SimulatedBeatsOptions {
  seed?: number;
  profile?: HeartRateProfile;
  /** Drives respiratory sinus arrhythmia: the RR intervals swing at this rate. */
  breathsPerMinute?: number;
  /** Peak RR swing from breathing at 60 bpm; it scales with the square of the RR, so it shrinks when running. */
  rsaAmplitudeMs?: number;
  /** Standard deviation of the gaussian beat-to-beat noise. */
  rrNoiseMs?: number;
  /** RR is the mean plus white noise only, with no breathing rhythm: what low coherence looks like. */
  whiteNoise?: boolean;
  /** Every Nth beat comes early, followed by a compensatory pause; the two add up to two normal beats. */
  ectopicEveryBeats?: number;
  /** Every Nth beat goes undetected, so two RR intervals arrive as one. */
  missedEveryBeats?: number;
  contactLoss?: readonly TimeWindow[];
}

/** What a strap sends in one notification, before encoding. */
export interface SimulatedPacket {
  atMs: number;
  /** The strap's own smoothed average; 0 while it has no skin contact or no beats yet. */
  heartRateBpm: number;
  sensorContact: 'contact' | 'no-contact';
  /** The beats that ended since the previous packet, in 1/1024 s, oldest first. */
  rrIntervals1024: number[];
}

/** Chest straps notify about once a second, whatever the heart rate. */
export const simulatedPacketIntervalMs = 1000;

const defaultBreathsPerMinute = 12;
const defaultRsaAmplitudeMs = 80;
const defaultRrNoiseMs = 6;
/** Large enough that white noise, not the profile's slow changes, dominates the RR spectrum. */
const defaultWhiteNoiseMs = 45;
/** Beats a strap averages for its displayed heart rate. */
const smoothingBeats = 8;
const prematureFraction = 0.65;
const minRrMs = 250;
const maxRrMs = 2500;

/**
 * A seeded, deterministic heart: beat-to-beat RR intervals following a heart-rate profile, with breathing-driven
 * variability, noise and optional artifacts, grouped into the packets a chest strap would send. Pure computation, so
 * hours of data take milliseconds.
 */
export class SimulatedBeats {
  readonly #random: SeededRandom;
  readonly #profile: HeartRateProfile;
  readonly #breathsPerMinute: number;
  readonly #rsaAmplitudeMs: number;
  readonly #rrNoiseMs: number;
  readonly #whiteNoise: boolean;
  readonly #ectopicEveryBeats: number | undefined;
  readonly #missedEveryBeats: number | undefined;
  readonly #contactLoss: readonly TimeWindow[];
  readonly #breathPhaseRad: number;
  /** Intervals decided but not yet ended, such as the compensatory pause after an ectopic beat. */
  readonly #queuedRr1024: number[] = [];
  readonly #recentRr1024: number[] = [];
  #lastBeatAtMs: number;
  #beatCount = 0;
  #nextPacketAtMs = simulatedPacketIntervalMs;

  constructor(options: SimulatedBeatsOptions = {}) {
    this.#random = new SeededRandom(options.seed ?? 1);
    this.#profile = options.profile ?? calmRun;
    this.#breathsPerMinute = nonNegative(
      'breathsPerMinute',
      options.breathsPerMinute ?? defaultBreathsPerMinute,
    );
    this.#rsaAmplitudeMs = nonNegative('rsaAmplitudeMs', options.rsaAmplitudeMs ?? defaultRsaAmplitudeMs);
    this.#whiteNoise = options.whiteNoise ?? false;
    this.#rrNoiseMs = nonNegative(
      'rrNoiseMs',
      options.rrNoiseMs ?? (this.#whiteNoise ? defaultWhiteNoiseMs : defaultRrNoiseMs),
    );
    this.#ectopicEveryBeats = everyBeats('ectopicEveryBeats', options.ectopicEveryBeats);
    this.#missedEveryBeats = everyBeats('missedEveryBeats', options.missedEveryBeats);
    this.#contactLoss = options.contactLoss ?? [];
    this.#breathPhaseRad = 2 * Math.PI * this.#random.uniform();
    // The first beat lands anywhere in its interval, as when a strap is put on mid-heartbeat.
    const firstRrMs = 60_000 / targetBpmAt(this.#profile, 0);
    this.#lastBeatAtMs = -Math.round((this.#random.uniform() * firstRrMs) / msPerRrUnit) * msPerRrUnit;
  }

  /** Advances simulated time to the next notification and returns it. */
  nextPacket(): SimulatedPacket {
    const atMs = this.#nextPacketAtMs;
    this.#nextPacketAtMs += simulatedPacketIntervalMs;
    const rrIntervals1024: number[] = [];
    for (;;) {
      const rr1024 = this.#peekRr1024();
      // Whole 1/1024 s units keep beat times exact, so the RR values add up to the elapsed time.
      const endMs = this.#lastBeatAtMs + rr1024 * msPerRrUnit;
      if (endMs > atMs) break;
      this.#queuedRr1024.shift();
      if (!this.#contactLostDuring(this.#lastBeatAtMs, endMs)) rrIntervals1024.push(rr1024);
      this.#lastBeatAtMs = endMs;
    }

    if (this.#contactLostDuring(atMs, atMs)) {
      // A strap that lost the skin starts its average afresh once it has it again.
      this.#recentRr1024.length = 0;
      return { atMs, heartRateBpm: 0, sensorContact: 'no-contact', rrIntervals1024: [] };
    }
    this.#recentRr1024.push(...rrIntervals1024);
    this.#recentRr1024.splice(0, Math.max(0, this.#recentRr1024.length - smoothingBeats));
    return { atMs, heartRateBpm: this.#smoothedBpm(), sensorContact: 'contact', rrIntervals1024 };
  }

  #smoothedBpm(): number {
    if (this.#recentRr1024.length === 0) return 0;
    const totalRr1024 = this.#recentRr1024.reduce((total, rr1024) => total + rr1024, 0);
    return Math.round((60_000 * this.#recentRr1024.length) / (totalRr1024 * msPerRrUnit));
  }

  #peekRr1024(): number {
    const queued = this.#queuedRr1024[0];
    if (queued !== undefined) return queued;
    const startMs = this.#lastBeatAtMs;
    const rr1024 = this.#normalRr1024(startMs);
    this.#beatCount++;
    if (this.#ectopicEveryBeats !== undefined && this.#beatCount % this.#ectopicEveryBeats === 0) {
      const premature1024 = Math.round(rr1024 * prematureFraction);
      this.#queuedRr1024.push(premature1024, 2 * rr1024 - premature1024);
    } else if (this.#missedEveryBeats !== undefined && this.#beatCount % this.#missedEveryBeats === 0) {
      this.#queuedRr1024.push(rr1024 + this.#normalRr1024(startMs + rr1024 * msPerRrUnit));
    } else {
      this.#queuedRr1024.push(rr1024);
    }
    return this.#queuedRr1024[0] ?? rr1024;
  }

  #normalRr1024(startMs: number): number {
    const meanRrMs = 60_000 / targetBpmAt(this.#profile, startMs);
    let rrMs = meanRrMs + this.#rrNoiseMs * this.#random.gaussian();
    if (!this.#whiteNoise) {
      // Vagal breathing modulation is strongest at rest and nearly gone at running heart rates.
      const amplitudeMs = this.#rsaAmplitudeMs * (meanRrMs / 1000) ** 2;
      const breathHz = this.#breathsPerMinute / 60;
      rrMs += amplitudeMs * Math.sin((2 * Math.PI * breathHz * startMs) / 1000 + this.#breathPhaseRad);
    }
    return Math.round(Math.min(maxRrMs, Math.max(minRrMs, rrMs)) / msPerRrUnit);
  }

  #contactLostDuring(fromMs: number, toMs: number): boolean {
    return this.#contactLoss.some(
      (window) => fromMs < window.atMs + window.durationMs && toMs >= window.atMs,
    );
  }
}

/** mulberry32 for uniform values, Box-Muller for gaussian ones: small, fast and the same on every platform. */
export class SeededRandom {
  #state: number;
  #spareGaussian: number | undefined;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** In [0, 1). */
  uniform(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** Standard normal. */
  gaussian(): number {
    const spare = this.#spareGaussian;
    if (spare !== undefined) {
      this.#spareGaussian = undefined;
      return spare;
    }
    const radius = Math.sqrt(-2 * Math.log(1 - this.uniform()));
    const angleRad = 2 * Math.PI * this.uniform();
    this.#spareGaussian = radius * Math.sin(angleRad);
    return radius * Math.cos(angleRad);
  }
}

function nonNegative(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a non-negative number`);
  return value;
}

function everyBeats(name: string, value: number | undefined): number | undefined {
  if (value !== undefined && (!Number.isInteger(value) || value < 2)) {
    throw new RangeError(`${name} must be a whole number of beats, at least 2`);
  }
  return value;
}
