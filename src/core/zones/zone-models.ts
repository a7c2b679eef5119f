import type { SessionZone } from '../session/session-model';
import { effectiveMaxHr, type MaxHrSource, type RunnerProfile } from './runner-profile';

/**
 * Zone models. A zone is always whole bpm (`lowBpm` ≤ `highBpm`, each rounded to the nearest bpm), because the
 * runner and therapist see and set it in bpm and straps report whole bpm. Invalid arguments (non-finite, a low
 * bound above the high one, a maximum not above the resting heart rate) throw a RangeError: they are programming
 * or input-validation errors, not a state the coaching can recover from.
 */

/** Default calm zone when the resting heart rate is known: 50–65 % of the heart-rate reserve (ACSM moderate). */
export const CALM_ZONE_RESERVE_PCT = { lowPct: 50, highPct: 65 } as const;
/** Default calm zone from the maximum heart rate alone: 65–75 % of HRmax (ACSM's matching %HRmax band). */
export const CALM_ZONE_MAX_PCT = { lowPct: 65, highPct: 75 } as const;

function requireFinite(name: string, value: number): void {
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be a finite number, got ${value}`);
}

function requirePctRange(lowPct: number, highPct: number): void {
  requireFinite('lowPct', lowPct);
  requireFinite('highPct', highPct);
  if (lowPct < 0 || highPct > 100 || lowPct > highPct) {
    throw new RangeError(`percentages must satisfy 0 <= low <= high <= 100, got ${lowPct}..${highPct}`);
  }
}

/**
 * Zone as a percentage of the maximum heart rate: [lowPct, highPct] × HRmax / 100, rounded to whole bpm
 * (ACSM's Guidelines for Exercise Testing and Prescription, %HRmax intensity table).
 */
export function zoneFromPercentMax(maxHrBpm: number, lowPct: number, highPct: number): SessionZone {
  requireFinite('maxHrBpm', maxHrBpm);
  requirePctRange(lowPct, highPct);
  if (maxHrBpm <= 0) throw new RangeError(`maxHrBpm must be positive, got ${maxHrBpm}`);
  return {
    lowBpm: Math.round((maxHrBpm * lowPct) / 100),
    highBpm: Math.round((maxHrBpm * highPct) / 100),
    method: 'percent-max',
  };
}

/**
 * Zone as a percentage of the heart-rate reserve (Karvonen, Kentala & Mustala 1957, Ann Med Exp Biol Fenn
 * 35:307): HRrest + pct / 100 × (HRmax − HRrest), each bound rounded to whole bpm. ACSM uses %HRR as its primary
 * intensity scale because it tracks %VO2 reserve.
 */
export function zoneFromHeartRateReserve(
  restingHrBpm: number,
  maxHrBpm: number,
  lowPct: number,
  highPct: number,
): SessionZone {
  requireFinite('restingHrBpm', restingHrBpm);
  requireFinite('maxHrBpm', maxHrBpm);
  requirePctRange(lowPct, highPct);
  if (restingHrBpm <= 0 || maxHrBpm <= restingHrBpm) {
    throw new RangeError(`need 0 < resting < max heart rate, got ${restingHrBpm} and ${maxHrBpm}`);
  }
  const reserveBpm = maxHrBpm - restingHrBpm;
  return {
    lowBpm: Math.round(restingHrBpm + (lowPct / 100) * reserveBpm),
    highBpm: Math.round(restingHrBpm + (highPct / 100) * reserveBpm),
    method: 'percent-reserve',
  };
}

/** Fixed bounds set by the therapist or runner, rounded to whole bpm. */
export function fixedZone(lowBpm: number, highBpm: number): SessionZone {
  requireFinite('lowBpm', lowBpm);
  requireFinite('highBpm', highBpm);
  const low = Math.round(lowBpm);
  const high = Math.round(highBpm);
  if (low <= 0 || low > high) throw new RangeError(`need 0 < low <= high, got ${lowBpm}..${highBpm}`);
  return { lowBpm: low, highBpm: high, method: 'fixed' };
}

/** Why no default zone could be derived. */
export type DefaultZoneRefusal = 'no-max-hr-or-age';

export type DefaultZoneResult =
  | {
      ok: true;
      zone: SessionZone;
      /** The values it was computed from, so the screen can say "from your measured resting HR and Tanaka". */
      basis: { restingHrBpm?: number; maxHrBpm: number; maxHrSource: MaxHrSource };
    }
  | { ok: false; reason: DefaultZoneRefusal };

/**
 * The default calm-run zone: 50–65 % of the heart-rate reserve when the resting heart rate is known, otherwise
 * 65–75 % of the maximum heart rate; the maximum is the profile's, or Tanaka's estimate from the age. For a
 * beginner this sits near the first ventilatory threshold, where talking is still comfortable and running still
 * feels pleasant (ACSM intensity tables; Persinger et al. 2004 on the talk test; Ekkekakis et al. 2011 on affect
 * below the ventilatory threshold). A resting heart rate that is not below the maximum is treated as unknown.
 * Refuses when neither a maximum heart rate nor an age is known (the runner then runs by feel or with fixed bounds).
 */
export function defaultCalmZone(profile: RunnerProfile): DefaultZoneResult {
  const max = effectiveMaxHr(profile);
  if (max === undefined) return { ok: false, reason: 'no-max-hr-or-age' };
  const rest = profile.restingHrBpm;
  if (rest !== undefined && rest > 0 && rest < max.maxHrBpm) {
    const { lowPct, highPct } = CALM_ZONE_RESERVE_PCT;
    return {
      ok: true,
      zone: zoneFromHeartRateReserve(rest, max.maxHrBpm, lowPct, highPct),
      basis: { restingHrBpm: rest, maxHrBpm: max.maxHrBpm, maxHrSource: max.source },
    };
  }
  const { lowPct, highPct } = CALM_ZONE_MAX_PCT;
  return {
    ok: true,
    zone: zoneFromPercentMax(max.maxHrBpm, lowPct, highPct),
    basis: { maxHrBpm: max.maxHrBpm, maxHrSource: max.source },
  };
}
