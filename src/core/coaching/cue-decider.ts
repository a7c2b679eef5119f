import type { SessionZone } from '../session/session-model';
import type { ZoneTrackerSnapshot } from '../zones/zone-tracker';
import { CUE_PRIORITY, type Cue } from './cues';
import { phaseUsesZoneCues, type PhasePosition } from './run-plan';

/** 'zone': heart-rate zone cues; 'by-feel': none (talk test and effort), e.g. on beta-blockers. */
export type CueMode = 'zone' | 'by-feel';

export interface CueSettings {
  /** Default 'zone'. */
  mode?: CueMode;
  /** Whether the runner asked to hear "you may speed up" below the zone. Default false. */
  lowSideCues?: boolean;
  /**
   * After zone cues come on (the run starts, a run phase begins) the runner gets this long before a zone cue,
   * as the tracker gives an excursion before it is 'above'; the same wait applies below the zone. Default 20 000.
   */
  graceMs?: number;
  /** Least time between two slow-down cues, ms. Default 60 000. */
  slowDownRepeatMs?: number;
  /** Least time between two speed-up cues, ms. Default 120 000: an invitation, so offered half as often. */
  speedUpRepeatMs?: number;
  /** No reading for this long says contact-lost (not one missed packet). Default 5 000. */
  contactLostAfterMs?: number;
  /** A status every this many ms of active time; null (default) for none. */
  statusEveryMs?: number | null;
  /** At most this many cues in any 60 s. Default 3. */
  maxCuesPerMinute?: number;
}

/** What the decider looks at, at `nowMs`. */
export interface CueInput {
  /** Monotonic time, ms (the tracker's clock). Time going backwards is treated as standing still. */
  nowMs: number;
  /** The tracker's snapshot at (or just before) `nowMs`. */
  tracker: ZoneTrackerSnapshot;
  /** The session's active time (pauses excluded), ms: drives the status cue. */
  activeElapsedMs: number;
  /** Where the plan is (`phaseAt(plan, activeElapsedMs)`); absent for a run without a plan. */
  plan?: PhasePosition;
}

/** The mode a zone implies: 'by-feel' zones give no heart-rate cues. */
export function cueModeForZone(zone: SessionZone): CueMode {
  return zone.method === 'by-feel' ? 'by-feel' : 'zone';
}

const CAP_WINDOW_MS = 60_000;

/**
 * Decides which cues to say now. Pure: no timers, no I/O; the clock comes in with each call. Call it after every
 * tracker update or tick (about once a second) while the session records, and speak what it returns, in order.
 *
 * - slow-down: when the tracker is 'above' (past its grace period) and zone cues have been on for `graceMs`; again
 *   while still above, at most every `slowDownRepeatMs` (also across excursions: two slow-downs are never closer).
 * - back-in-zone: once, when the tracker is back 'in' after a slow-down (not when it drops straight below, nor
 *   after the zone cues went off, e.g. in a walk phase).
 * - speed-up: only with `lowSideCues`, when 'below' for `graceMs` (since the band went below and since zone cues
 *   came on), at most every `speedUpRepeatMs`.
 * - contact-lost: after `contactLostAfterMs` of no reading (before the first reading too: "no heart rate yet");
 *   contact-restored: at the first reading after a contact-lost, with how long it was away.
 * - phase-change / plan-complete: when the plan's position moves to another phase (the first phase included) or
 *   past the end; if held back by the cap, it is said later with the time then left.
 * - status: every `statusEveryMs` of active time, with the smoothed heart rate (none in by-feel mode: the mode
 *   exists to take attention off the number).
 * - Zone cues are given only in mode 'zone' and in phases that use them ({@link phaseUsesZoneCues}: running, not
 *   walking); contact, plan and status cues in every mode.
 * - Cap: at most `maxCuesPerMinute` cues in any 60 s (counted over (now − 60 s, now]). When more are due, the
 *   {@link CUE_PRIORITY} order decides; those held back stay due while their condition holds (slow-down while
 *   above, back-in-zone while in the zone, a phase while it is the current one, contact-restored until contact is
 *   lost again, a status until the next one replaces it) and are said when the cap allows.
 */
export class CueDecider {
  readonly #zone: SessionZone;
  readonly #mode: CueMode;
  readonly #lowSideCues: boolean;
  readonly #graceMs: number;
  readonly #slowDownRepeatMs: number;
  readonly #speedUpRepeatMs: number;
  readonly #contactLostAfterMs: number;
  readonly #statusEveryMs: number | null;
  readonly #maxCuesPerMinute: number;

  #nowMs = Number.NEGATIVE_INFINITY;
  /** Times of the cues said in the last minute, oldest first. */
  #recentMs: number[] = [];
  #zoneCuesOn = false;
  #zoneCuesOnSinceMs = 0;
  #lastSlowDownMs: number | null = null;
  #lastSpeedUpMs: number | null = null;
  /** A slow-down was said and the runner has not yet come back in or dropped below. */
  #awaitingBackInZone = false;
  #backInZoneDue = false;
  #contactLostSaid = false;
  #contactLostSinceMs = 0;
  #contactRestoredDue: { awayMs: number } | null = null;
  /** Index of the phase last announced; plan length for plan-complete; null before any. */
  #announcedPhaseIndex: number | null = null;
  #lastStatusCount = 0;

  constructor(zone: SessionZone, settings: CueSettings = {}) {
    this.#zone = zone;
    this.#mode = settings.mode ?? cueModeForZone(zone);
    this.#lowSideCues = settings.lowSideCues ?? false;
    this.#graceMs = nonNegative(settings.graceMs, 20_000);
    this.#slowDownRepeatMs = nonNegative(settings.slowDownRepeatMs, 60_000);
    this.#speedUpRepeatMs = nonNegative(settings.speedUpRepeatMs, 120_000);
    this.#contactLostAfterMs = nonNegative(settings.contactLostAfterMs, 5_000);
    const every = settings.statusEveryMs;
    this.#statusEveryMs =
      every !== undefined && every !== null && Number.isFinite(every) && every > 0 ? every : null;
    const cap = settings.maxCuesPerMinute;
    this.#maxCuesPerMinute = cap !== undefined && Number.isInteger(cap) && cap >= 0 ? cap : 3;
  }

  /** The cues to say now, highest priority first (possibly none). */
  decide(input: CueInput): Cue[] {
    const now = Number.isFinite(input.nowMs) ? Math.max(input.nowMs, this.#nowMs) : this.#nowMs;
    if (!Number.isFinite(now)) return [];
    this.#nowMs = now;
    const tracker = input.tracker;
    this.#followZoneCues(input.plan, now);
    this.#followContact(tracker, now);
    this.#followBackInZone(tracker);

    const due = this.#dueCues(input, now);
    while (this.#recentMs.length > 0 && (this.#recentMs[0] ?? 0) <= now - CAP_WINDOW_MS)
      this.#recentMs.shift();
    const budget = Math.max(0, this.#maxCuesPerMinute - this.#recentMs.length);
    // Array.prototype.sort is stable: equal priorities keep the order they were listed in.
    const said = due.sort((a, b) => CUE_PRIORITY[a.id] - CUE_PRIORITY[b.id]).slice(0, budget);
    for (const cue of said) {
      this.#recentMs.push(now);
      this.#markSaid(cue, input);
    }
    return said;
  }

  #followZoneCues(plan: PhasePosition | undefined, now: number): void {
    const on =
      this.#mode === 'zone' && (plan === undefined || (!plan.finished && phaseUsesZoneCues(plan.phase)));
    if (on && !this.#zoneCuesOn) this.#zoneCuesOnSinceMs = now;
    if (!on) {
      // Praise for a slow-down belongs to the run it was said in, not to the walk after it.
      this.#awaitingBackInZone = false;
      this.#backInZoneDue = false;
    }
    this.#zoneCuesOn = on;
  }

  /**
   * Until contact-restored has been said the runner still believes contact is lost: a reading that comes back
   * and goes again before it could be said (the cap) does not earn a second contact-lost.
   */
  #followContact(tracker: ZoneTrackerSnapshot, now: number): void {
    if (tracker.state === 'no-reading') {
      this.#contactRestoredDue = null;
    } else if (this.#contactLostSaid && this.#contactRestoredDue === null) {
      this.#contactRestoredDue = { awayMs: Math.max(0, now - this.#contactLostSinceMs) };
    }
  }

  #followBackInZone(tracker: ZoneTrackerSnapshot): void {
    if (tracker.state === 'in' && this.#awaitingBackInZone) {
      this.#awaitingBackInZone = false;
      this.#backInZoneDue = true;
    } else if (tracker.state === 'below') {
      this.#awaitingBackInZone = false;
    }
    if (tracker.state !== 'in') this.#backInZoneDue = false;
  }

  /** Every cue whose condition holds now, before the cap. */
  #dueCues(input: CueInput, now: number): Cue[] {
    const due: Cue[] = [];
    const tracker = input.tracker;
    const bpm = tracker.smoothedHrBpm === null ? null : Math.round(tracker.smoothedHrBpm);

    if (this.#zoneCuesOn && bpm !== null && tracker.bandSinceMs !== null) {
      const sinceMs = Math.max(tracker.bandSinceMs, this.#zoneCuesOnSinceMs);
      const waited = now - sinceMs >= this.#graceMs;
      if (tracker.state === 'above' && waited && ready(this.#lastSlowDownMs, this.#slowDownRepeatMs, now)) {
        due.push({ id: 'slow-down', atMs: now, heartRateBpm: bpm, highBpm: this.#zone.highBpm });
      }
      if (
        this.#lowSideCues &&
        tracker.state === 'below' &&
        waited &&
        ready(this.#lastSpeedUpMs, this.#speedUpRepeatMs, now)
      ) {
        due.push({ id: 'speed-up', atMs: now, heartRateBpm: bpm, lowBpm: this.#zone.lowBpm });
      }
      if (this.#backInZoneDue) due.push({ id: 'back-in-zone', atMs: now, heartRateBpm: bpm });
    }

    if (
      tracker.state === 'no-reading' &&
      !this.#contactLostSaid &&
      tracker.noReadingSinceMs !== null &&
      now - tracker.noReadingSinceMs >= this.#contactLostAfterMs
    ) {
      due.push({ id: 'contact-lost', atMs: now });
    }
    if (this.#contactRestoredDue !== null) {
      due.push({ id: 'contact-restored', atMs: now, awayMs: this.#contactRestoredDue.awayMs });
    }

    const plan = input.plan;
    if (plan !== undefined && plan.index !== this.#announcedPhaseIndex) {
      if (plan.finished) {
        due.push({ id: 'plan-complete', atMs: now });
      } else {
        due.push({
          id: 'phase-change',
          atMs: now,
          phase: plan.phase.kind,
          phaseIndex: plan.index,
          durationMs: plan.phase.durationMs,
          remainingMs: plan.remainingMs,
          next: plan.next?.kind ?? null,
        });
      }
    }

    const statusCount = this.#statusCount(input.activeElapsedMs);
    if (this.#statusEveryMs !== null && statusCount > this.#lastStatusCount) {
      due.push({
        id: 'status',
        atMs: now,
        elapsedMs: statusCount * this.#statusEveryMs,
        heartRateBpm: this.#mode === 'zone' ? bpm : null,
      });
    }
    return due;
  }

  #markSaid(cue: Cue, input: CueInput): void {
    switch (cue.id) {
      case 'slow-down':
        this.#lastSlowDownMs = cue.atMs;
        this.#awaitingBackInZone = true;
        break;
      case 'speed-up':
        this.#lastSpeedUpMs = cue.atMs;
        break;
      case 'back-in-zone':
        this.#backInZoneDue = false;
        break;
      case 'contact-lost':
        this.#contactLostSaid = true;
        this.#contactLostSinceMs = input.tracker.noReadingSinceMs ?? cue.atMs;
        break;
      case 'contact-restored':
        this.#contactLostSaid = false;
        this.#contactRestoredDue = null;
        break;
      case 'phase-change':
      case 'plan-complete':
        this.#announcedPhaseIndex = input.plan?.index ?? null;
        break;
      case 'status':
        this.#lastStatusCount = this.#statusCount(input.activeElapsedMs);
        break;
    }
  }

  /** Whole status intervals in `activeElapsedMs`. */
  #statusCount(activeElapsedMs: number): number {
    if (this.#statusEveryMs === null || !Number.isFinite(activeElapsedMs) || activeElapsedMs <= 0) return 0;
    return Math.floor(activeElapsedMs / this.#statusEveryMs);
  }
}

function ready(lastMs: number | null, repeatMs: number, now: number): boolean {
  return lastMs === null || now - lastMs >= repeatMs;
}

function nonNegative(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value >= 0 ? value : fallback;
}
