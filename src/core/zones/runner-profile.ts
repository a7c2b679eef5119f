import type { SessionZone } from '../session/session-model';

/** Where a maximum heart rate came from: a test (or a watch's record), or Tanaka's age formula. */
export type MaxHrSource = 'measured' | 'tanaka';

/**
 * How a runner's zone is set: the default calm zone (no zone stored), from a share of the maximum or of the heart-rate
 * reserve, fixed bounds, or by feel. A calibrated zone is not chosen but measured in a run of its own; it is kept
 * as fixed bounds.
 */
export type ZoneChoice = 'default' | Exclude<SessionZone['method'], 'calibrated'>;

/**
 * A runner as the coaching needs them. Every physiological field is optional: a profile with only a name still
 * runs by feel; the screen says which values were measured and which estimated.
 */
export interface RunnerProfile {
  id: string;
  /** Name or pseudonym, as the runner or therapist chose it. */
  name: string;
  ageYears?: number;
  /** Resting heart rate (bpm), typically from {@link robustRestingHr}. */
  restingHrBpm?: number;
  /** Maximum heart rate (bpm); when absent it is estimated from the age with {@link tanakaMaxHr}. */
  maxHrBpm?: number;
  /** Where `maxHrBpm` came from; ignored when `maxHrBpm` is absent. */
  maxHrSource: MaxHrSource;
  /** The zone the therapist or runner set for this person; absent means {@link defaultCalmZone}. */
  zone?: SessionZone;
}

/**
 * Age-predicted maximum heart rate (bpm): 208 − 0.7 × age (Tanaka, Monahan & Seals 2001, J Am Coll Cardiol
 * 37:153, a meta-analysis of 351 studies plus a laboratory study; SD about 10 bpm, so it is an estimate, never
 * a measurement). Not rounded. Throws a RangeError for an age that is not a finite number in 1..120.
 */
export function tanakaMaxHr(ageYears: number): number {
  if (!Number.isFinite(ageYears) || ageYears < 1 || ageYears > 120) {
    throw new RangeError(`age must be 1..120 years, got ${ageYears}`);
  }
  return 208 - 0.7 * ageYears;
}

/** The maximum heart rate to use for a profile and where it came from; undefined without max HR and age. */
export function effectiveMaxHr(
  profile: RunnerProfile,
): { maxHrBpm: number; source: MaxHrSource } | undefined {
  if (profile.maxHrBpm !== undefined) return { maxHrBpm: profile.maxHrBpm, source: profile.maxHrSource };
  if (profile.ageYears !== undefined) return { maxHrBpm: tanakaMaxHr(profile.ageYears), source: 'tanaka' };
  return undefined;
}
