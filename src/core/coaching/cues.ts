import type { PhaseKind } from './run-plan';

/**
 * What the coach says, as ids and numbers: the adapters word them in the UI language (friendly, never judging:
 * above the zone is "a bit fast", not an alarm) or play the matching tone. `atMs` is when it was decided.
 */
export type Cue =
  /** Above the zone past the grace period: "slow down a little". `heartRateBpm` is the smoothed heart rate. */
  | { id: 'slow-down'; atMs: number; heartRateBpm: number; highBpm: number }
  /** Back in the zone after a slow-down: "nice, back in your calm zone". */
  | { id: 'back-in-zone'; atMs: number; heartRateBpm: number }
  /** Below the zone past the grace period, only for runners who asked for low-side cues: "you may speed up a little". */
  | { id: 'speed-up'; atMs: number; heartRateBpm: number; lowBpm: number }
  /** No heart-rate reading for a few seconds: strap contact or connection lost. */
  | { id: 'contact-lost'; atMs: number }
  /** Readings again after a contact-lost cue; `awayMs` is how long they were missing. */
  | { id: 'contact-restored'; atMs: number; awayMs: number }
  /** A plan phase began: its kind, 0-based index, planned length, time left in it and what comes after. */
  | {
      id: 'phase-change';
      atMs: number;
      phase: PhaseKind;
      phaseIndex: number;
      durationMs: number;
      remainingMs: number;
      next: PhaseKind | null;
    }
  /** The plan's last phase ended. */
  | { id: 'plan-complete'; atMs: number }
  /** The periodic status: active time so far (a whole multiple of the status interval) and heart rate. */
  | { id: 'status'; atMs: number; elapsedMs: number; heartRateBpm: number | null };

export type CueId = Cue['id'];

/**
 * Priority when the cap allows fewer cues than are due, lower first: slowing down is the point of the coaching;
 * a lost strap explains why the coach goes quiet; then the plan; then the praise, the invitation and the status.
 */
export const CUE_PRIORITY: Readonly<Record<CueId, number>> = {
  'slow-down': 0,
  'contact-lost': 1,
  'contact-restored': 1,
  'phase-change': 2,
  'plan-complete': 2,
  'back-in-zone': 3,
  'speed-up': 4,
  status: 5,
};

/** The cues about the heart-rate zone, which 'by-feel' mode never gives. */
export const ZONE_CUE_IDS: readonly CueId[] = ['slow-down', 'back-in-zone', 'speed-up'];
