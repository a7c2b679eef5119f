import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { encodeHeartRateMeasurement, msPerRrUnit } from '../../../src/core';
import { reconnectDelayMs } from '../../../src/core/strap/connection-state';
import { seededRandom } from '../../unit/core/session/support/simulated-run';
import type { StrapHappening } from './recorder-page/recorder-page-api';

/**
 * What a chest strap sends during a real calm run, for the benches that record a run through the app: the heart
 * rate varies (warm-up walk, calm running with slow drift, hills that push it above the zone, walk breaks, a cool-down
 * walk), the beat-to-beat variability is real (the relative beat-to-beat changes of Polar H10 recordings from
 * ../shared/vectors/hrv: 03, running, and 01, resting, blended by heart rate), and so are the strap's faults:
 * premature beats with their compensatory pause, missed and extra detections, a stretch without skin contact,
 * and a dropout in which the strap is out of range and the app reconnects with its usual backoff.
 *
 * The strap notifies about once a second (with arrival jitter) with the RR intervals of the beats that ended since
 * the previous notification and its own smoothed heart rate, encoded as real 0x2A37 bytes.
 */

const vectorDir = resolve(import.meta.dirname, '../../../../shared/vectors/hrv');

function vectorRrMs(file: string): number[] {
  const vector = JSON.parse(readFileSync(resolve(vectorDir, file), 'utf8')) as { rr_ms: number[] };
  return vector.rr_ms;
}

/** Each beat relative to the recording's mean: the shape of real variability, free of that recording's rate. */
function relativeBeats(rrMs: readonly number[]): number[] {
  const mean = rrMs.reduce((sum, rr) => sum + rr, 0) / rrMs.length;
  return rrMs.map((rr) => rr / mean);
}

const minute = 60_000;

/** The runner's heart rate (bpm) at `tMs` into a run of `durationMs`: the plan of a calm run, smoothly. */
export function plannedHeartRateBpm(tMs: number, durationMs: number): number {
  const warmUpMs = 5 * minute;
  const coolDownMs = 5 * minute;
  if (tMs < warmUpMs) return 95 + (25 * tMs) / warmUpMs;
  if (tMs > durationMs - coolDownMs) {
    const into = (tMs - (durationMs - coolDownMs)) / coolDownMs;
    return 135 - 30 * into;
  }
  const runningMs = tMs - warmUpMs;
  // Cardiac drift: about 6 bpm an hour of steady running.
  let bpm = 141 + (6 * runningMs) / (60 * minute);
  // A hill every 12 minutes: up by 20 bpm over a minute, back over a minute and a half.
  const inHill = runningMs % (12 * minute);
  const hillStartMs = 8 * minute;
  if (inHill >= hillStartMs && inHill < hillStartMs + 2.5 * minute) {
    const hillMs = inHill - hillStartMs;
    bpm += hillMs < minute ? (20 * hillMs) / minute : 20 * (1 - (hillMs - minute) / (1.5 * minute));
  }
  // A walk break of a minute every 20 minutes: the heart rate falls towards 120 and climbs back.
  const inCycle = runningMs % (20 * minute);
  const walkStartMs = 15 * minute;
  if (inCycle >= walkStartMs && inCycle < walkStartMs + 2 * minute) {
    const walkMs = inCycle - walkStartMs;
    const depth = walkMs < minute ? walkMs / minute : 1 - (walkMs - minute) / minute;
    bpm -= (bpm - 120) * depth;
  }
  return bpm;
}

export interface RealisticRunOptions {
  durationMs: number;
  seed?: number;
  /** Calm zone, for the cues a coach would give (slow down above it, back in zone). */
  zone?: { lowBpm: number; highBpm: number };
}

export interface RealisticRun {
  durationMs: number;
  happenings: StrapHappening[];
  /** Beats the strap reported (RR intervals sent), after its faults. */
  rrSent: number;
  packets: number;
  artifacts: { premature: number; missed: number; extra: number };
  noContactMs: number;
  outOfRangeMs: number;
}

/**
 * Walks the beats of a source recording, jumping to a random place when it runs out, so an hour does not repeat
 * one four-minute recording in lockstep.
 */
class BeatShape {
  #index = 0;
  constructor(
    private readonly beats: readonly number[],
    private readonly random: () => number,
  ) {}
  next(): number {
    if (this.#index >= this.beats.length) this.#index = Math.floor(this.random() * (this.beats.length / 2));
    return this.beats[this.#index++] ?? 1;
  }
}

/** A calm run as the strap sends it: see the file comment. Deterministic for a seed. */
export function realisticRun(options: RealisticRunOptions): RealisticRun {
  const { durationMs } = options;
  const random = seededRandom(options.seed ?? 1);
  const zone = options.zone ?? { lowBpm: 130, highBpm: 155 };
  const running = new BeatShape(relativeBeats(vectorRrMs('03_running_dfa_alpha1.json')), random);
  const resting = new BeatShape(relativeBeats(vectorRrMs('01_resting_clean.json')), random);

  // The faults, placed at fixed fractions of the run so every duration has them.
  const noContact = { fromMs: Math.round(durationMs * 0.37), toMs: Math.round(durationMs * 0.37) + 25_000 };
  const outOfRange = { fromMs: Math.round(durationMs * 0.61), toMs: Math.round(durationMs * 0.61) + 40_000 };
  const artifacts = { premature: 0, missed: 0, extra: 0 };

  // The beats as the strap detects them: end time (ms since start) and RR in 1/1024 s.
  const beats: { endMs: number; rr1024: number }[] = [];
  let tMs = 0;
  let compensatoryMs = 0;
  const nextPrematureMs = () => tMs + (2 + 4 * random()) * minute;
  const nextMissedMs = () => tMs + (8 + 6 * random()) * minute;
  const nextExtraMs = () => tMs + (13 + 8 * random()) * minute;
  let prematureAtMs = nextPrematureMs();
  let missedAtMs = nextMissedMs();
  let extraAtMs = nextExtraMs();
  const push = (rrMs: number) => {
    const rr1024 = Math.max(1, Math.round(rrMs / msPerRrUnit));
    tMs += rr1024 * msPerRrUnit;
    beats.push({ endMs: tMs, rr1024 });
  };
  while (tMs < durationMs) {
    const bpm = plannedHeartRateBpm(tMs, durationMs);
    // Below 100 bpm the shape is the resting recording's, above 140 the running one's, blended in between.
    const runningWeight = Math.min(1, Math.max(0, (bpm - 100) / 40));
    const relative = runningWeight * running.next() + (1 - runningWeight) * resting.next();
    const rrMs = (60_000 / bpm) * relative;
    if (compensatoryMs > 0) {
      push(rrMs + compensatoryMs);
      compensatoryMs = 0;
    } else if (tMs >= prematureAtMs) {
      // A premature beat, then the pause that makes up for it.
      push(rrMs * 0.7);
      compensatoryMs = rrMs * 0.3;
      artifacts.premature++;
      prematureAtMs = nextPrematureMs();
    } else if (tMs >= missedAtMs) {
      // The strap misses a beat: two intervals arrive as one.
      const second = (60_000 / bpm) * (runningWeight * running.next() + (1 - runningWeight) * resting.next());
      push(rrMs + second);
      artifacts.missed++;
      missedAtMs = nextMissedMs();
    } else if (tMs >= extraAtMs) {
      // A spurious detection splits one interval in two.
      push(rrMs * 0.4);
      push(rrMs * 0.6);
      artifacts.extra++;
      extraAtMs = nextExtraMs();
    } else {
      push(rrMs);
    }
  }

  const happenings: StrapHappening[] = [];
  let beatIndex = 0;
  let packets = 0;
  let rrSent = 0;
  const recentRr: number[] = [];
  let inRange = true;
  let reconnectAttempt = 0;
  let nextAttemptAtMs = 0;
  let aboveSinceMs: number | undefined;
  let slowDownGiven = false;
  let contactLostAtMs: number | undefined;
  for (let secondMs = 1000; secondMs <= durationMs; secondMs += 1000) {
    // The beats that ended up to this notification; those while out of range or without contact are lost.
    const ended: number[] = [];
    while (beatIndex < beats.length && (beats[beatIndex]?.endMs ?? Infinity) <= secondMs) {
      ended.push(beats[beatIndex]?.rr1024 ?? 0);
      beatIndex++;
    }
    const atMs = secondMs + Math.round(40 * random());
    const outNow = secondMs >= outOfRange.fromMs && secondMs < outOfRange.toMs;
    if (outNow) {
      if (inRange) {
        inRange = false;
        reconnectAttempt = 1;
        nextAttemptAtMs = atMs + reconnectDelayMs(1);
        happenings.push({
          atMs,
          kind: 'state',
          state: { kind: 'reconnecting', attempt: 1, nextAttemptAtMs },
        });
      } else if (atMs >= nextAttemptAtMs) {
        reconnectAttempt++;
        nextAttemptAtMs = atMs + reconnectDelayMs(reconnectAttempt);
        happenings.push({
          atMs,
          kind: 'state',
          state: { kind: 'reconnecting', attempt: reconnectAttempt, nextAttemptAtMs },
        });
      }
      continue;
    }
    if (!inRange) {
      // Back in range: the app connects at its next attempt; until then nothing arrives.
      if (atMs < nextAttemptAtMs) continue;
      inRange = true;
      happenings.push({ atMs, kind: 'state', state: { kind: 'live' } });
    }
    const contact = !(secondMs >= noContact.fromMs && secondMs < noContact.toMs);
    if (!contact) {
      contactLostAtMs ??= atMs;
      if (atMs - contactLostAtMs >= 5000 && atMs - contactLostAtMs < 6000) {
        happenings.push({ atMs, kind: 'cue', cueId: 'contact-lost' });
      }
      happenings.push({
        atMs,
        kind: 'packet',
        bytes: Array.from(encodeHeartRateMeasurement({ heartRateBpm: 0, sensorContact: 'no-contact' })),
      });
      packets++;
      continue;
    }
    if (contactLostAtMs !== undefined) {
      contactLostAtMs = undefined;
      happenings.push({ atMs, kind: 'cue', cueId: 'contact-restored' });
    }
    for (const rr of ended) recentRr.push(rr);
    while (recentRr.length > 4) recentRr.shift();
    const meanRr1024 = recentRr.reduce((sum, rr) => sum + rr, 0) / Math.max(1, recentRr.length);
    const heartRateBpm = Math.round(60_000 / (meanRr1024 * msPerRrUnit));
    happenings.push({
      atMs,
      kind: 'packet',
      bytes: Array.from(
        encodeHeartRateMeasurement({ heartRateBpm, sensorContact: 'contact', rrIntervals1024: ended }),
      ),
    });
    packets++;
    rrSent += ended.length;
    // The cues a coach gives: "slow down" after 20 s above the zone, "back in zone" once clearly below its top.
    if (heartRateBpm > zone.highBpm) aboveSinceMs ??= atMs;
    else if (heartRateBpm < zone.highBpm - 2) aboveSinceMs = undefined;
    if (!slowDownGiven && aboveSinceMs !== undefined && atMs - aboveSinceMs >= 20_000) {
      happenings.push({ atMs: atMs + 1, kind: 'cue', cueId: 'slow-down' });
      slowDownGiven = true;
    } else if (slowDownGiven && aboveSinceMs === undefined) {
      happenings.push({ atMs: atMs + 1, kind: 'cue', cueId: 'back-in-zone' });
      slowDownGiven = false;
    }
  }
  return {
    durationMs,
    happenings,
    rrSent,
    packets,
    artifacts,
    noContactMs: noContact.toMs - noContact.fromMs,
    outOfRangeMs: outOfRange.toMs - outOfRange.fromMs,
  };
}
