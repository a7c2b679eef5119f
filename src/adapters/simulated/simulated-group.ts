import type { RunnerProfile } from '../../core/zones/runner-profile';
import type { HeartRateProfile } from './heart-rate-profile';
import type { SimulatedStrapOptions } from './simulated-strap';

/** One simulated runner of the demo group: their profile (with their own zone) and their strap's scenario. */
export interface SimulatedGroupRunner {
  runner: RunnerProfile;
  strap: SimulatedStrapOptions;
}

const minuteMs = 60_000;

/** A calm run that settles into the middle of the runner's zone after a short warm-up. */
function steadyRun(restBpm: number, steadyBpm: number): HeartRateProfile {
  return {
    name: 'steady calm run',
    segments: [
      { durationMs: 45_000, fromBpm: restBpm, toBpm: steadyBpm },
      { durationMs: 40 * minuteMs, fromBpm: steadyBpm, toBpm: steadyBpm + 3 },
    ],
  };
}

/** Settles in the zone, then runs well above it for a while: long past the grace period, then back. */
function surgingRun(restBpm: number, steadyBpm: number, surgeBpm: number): HeartRateProfile {
  return {
    name: 'surge above the zone',
    segments: [
      { durationMs: 45_000, fromBpm: restBpm, toBpm: steadyBpm },
      { durationMs: 30_000, fromBpm: steadyBpm, toBpm: steadyBpm },
      { durationMs: 15_000, fromBpm: steadyBpm, toBpm: surgeBpm },
      { durationMs: 90_000, fromBpm: surgeBpm, toBpm: surgeBpm },
      { durationMs: 30_000, fromBpm: surgeBpm, toBpm: steadyBpm },
      { durationMs: 40 * minuteMs, fromBpm: steadyBpm, toBpm: steadyBpm + 2 },
    ],
  };
}

function runner(
  id: number,
  name: string,
  ageYears: number,
  restingHrBpm: number,
  zone: RunnerProfile['zone'],
) {
  return {
    id: `simulated-runner-${id}`,
    name,
    ageYears,
    restingHrBpm,
    maxHrSource: 'tanaka' as const,
    ...(zone && { zone }),
  };
}

/**
 * Eight runners with their own names, zones and straps, so a therapist can see a whole group run with no hardware:
 * Daan surges above his zone, Eva's strap drops out of range and comes back, Gijs loses skin contact for a while,
 * Hanna's battery is low; the others run calmly in their zones.
 */
export const simulatedGroup: readonly SimulatedGroupRunner[] = [
  {
    runner: runner(1, 'Anna', 34, 62, { lowBpm: 128, highBpm: 142, method: 'percent-reserve' }),
    strap: { seed: 11, name: 'Polar H10 A1', profile: steadyRun(80, 134), batteryPercent: 82 },
  },
  {
    runner: runner(2, 'Bram', 52, 66, { lowBpm: 118, highBpm: 132, method: 'percent-reserve' }),
    strap: { seed: 12, name: 'Garmin HRM-Dual B2', profile: steadyRun(78, 125), batteryPercent: 64 },
  },
  {
    runner: runner(3, 'Chantal', 41, 70, { lowBpm: 120, highBpm: 135, method: 'fixed' }),
    strap: { seed: 13, name: 'Wahoo TICKR C3', profile: steadyRun(84, 127), batteryPercent: 91 },
  },
  {
    runner: runner(4, 'Daan', 29, 58, { lowBpm: 130, highBpm: 145, method: 'percent-max' }),
    strap: { seed: 14, name: 'Polar H9 D4', profile: surgingRun(76, 137, 166), batteryPercent: 70 },
  },
  {
    runner: runner(5, 'Eva', 46, 64, { lowBpm: 122, highBpm: 136, method: 'calibrated' }),
    strap: {
      seed: 15,
      name: 'Coospo H808S E5',
      profile: steadyRun(82, 129),
      batteryPercent: 55,
      dropouts: [{ atMs: 100_000, durationMs: 35_000 }],
    },
  },
  {
    runner: runner(6, 'Fatima', 38, 68, { lowBpm: 124, highBpm: 139, method: 'percent-reserve' }),
    strap: { seed: 16, name: 'Polar H10 F6', profile: steadyRun(85, 131), batteryPercent: 77 },
  },
  {
    runner: runner(7, 'Gijs', 57, 61, { lowBpm: 112, highBpm: 126, method: 'fixed' }),
    strap: {
      seed: 17,
      name: 'Garmin HRM-Pro G7',
      profile: steadyRun(74, 119),
      batteryPercent: 88,
      contactLoss: [{ atMs: 70_000, durationMs: 30_000 }],
    },
  },
  {
    runner: runner(8, 'Hanna', 23, 55, { lowBpm: 132, highBpm: 148, method: 'percent-max' }),
    strap: { seed: 18, name: 'Decathlon HRM H8', profile: steadyRun(72, 139), batteryPercent: 12 },
  },
];
