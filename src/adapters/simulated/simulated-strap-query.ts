import { heartRateProfiles } from './heart-rate-profile';
import type { SimulatedStrapOptions } from './simulated-strap';

type ProfileName = keyof typeof heartRateProfiles;

function isProfileName(name: string): name is ProfileName {
  return Object.hasOwn(heartRateProfiles, name);
}

function positiveNumber(value: string | null): number | undefined {
  if (value === null) return undefined;
  const number = Number(value);
  return Number.isFinite(number) && number > 0 ? number : undefined;
}

/**
 * Reads a simulated scenario from the address bar, ignoring anything it does not understand:
 * `sim` (calmRun, surge, resting), `speed` (time multiplier), `seed`, `breaths` (per minute), `noise=white`,
 * `ectopic` and `missed` (every N beats). Each further strap of a group gets the next seed, so tiles differ.
 */
export function simulatedStrapOptionsFromQuery(
  query: URLSearchParams,
  strapIndex: number,
): SimulatedStrapOptions {
  const options: SimulatedStrapOptions = {};
  const profile = query.get('sim');
  if (profile !== null && isProfileName(profile)) options.profile = heartRateProfiles[profile];
  const speed = positiveNumber(query.get('speed'));
  if (speed !== undefined) options.speed = speed;
  options.seed = Math.round(positiveNumber(query.get('seed')) ?? 1) + strapIndex;
  const breaths = positiveNumber(query.get('breaths'));
  if (breaths !== undefined) options.breathsPerMinute = breaths;
  if (query.get('noise') === 'white') options.whiteNoise = true;
  // An artifact every single beat makes no heart; the generator needs at least every second beat.
  const ectopic = positiveNumber(query.get('ectopic'));
  if (ectopic !== undefined && ectopic >= 2) options.ectopicEveryBeats = Math.round(ectopic);
  const missed = positiveNumber(query.get('missed'));
  if (missed !== undefined && missed >= 2) options.missedEveryBeats = Math.round(missed);
  if (strapIndex > 0) options.name = `Calm Run simulated strap ${strapIndex + 1}`;
  return options;
}
