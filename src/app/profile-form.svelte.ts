import type { SessionZone } from '../core/session/session-model';
import type { StrapEvent } from '../core/strap/connection-state';
import { robustRestingHr, type HeartRateReading } from '../core/zones/resting-hr';
import { effectiveMaxHr, type RunnerProfile, type ZoneChoice } from '../core/zones/runner-profile';
import {
  defaultCalmZone,
  fixedZone,
  zoneFromHeartRateReserve,
  zoneFromPercentMax,
} from '../core/zones/zone-models';
import type { StrapConnection } from './strap-connection.svelte';

const restingMeasurementMs = 120_000;

function parseWhole(text: string, min: number, max: number): number | undefined {
  const value = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(value) && value >= min && value <= max ? value : undefined;
}

/** The profile screen's form: plain text fields, the zone they give, and the resting-heart-rate measurement. */
export class ProfileForm {
  name = $state('');
  age = $state('');
  restingHr = $state('');
  maxHr = $state('');
  zoneChoice = $state<ZoneChoice>('default');
  lowPercent = $state('60');
  highPercent = $state('70');
  lowBpm = $state('');
  highBpm = $state('');
  /** Seconds left while measuring the resting heart rate; undefined when not measuring. */
  measuringSecondsLeft = $state<number | undefined>();
  measurementFailed = $state(false);
  readonly #id: string;
  #readings: HeartRateReading[] = [];
  #stopMeasuring: (() => void) | undefined;

  constructor(profile: RunnerProfile | undefined) {
    this.#id = profile?.id ?? crypto.randomUUID();
    if (!profile) return;
    this.name = profile.name;
    this.age = profile.ageYears?.toString() ?? '';
    this.restingHr = profile.restingHrBpm?.toString() ?? '';
    this.maxHr = profile.maxHrSource === 'measured' ? (profile.maxHrBpm?.toString() ?? '') : '';
    const zone = profile.zone;
    if (zone) {
      this.zoneChoice = zone.method === 'calibrated' ? 'fixed' : zone.method;
      this.lowBpm = String(zone.lowBpm);
      this.highBpm = String(zone.highBpm);
    }
  }

  /** The profile as typed, with only the valid numbers; the zone is added by {@link toProfile}. */
  get baseProfile(): RunnerProfile {
    const ageYears = parseWhole(this.age, 5, 110);
    const restingHrBpm = parseWhole(this.restingHr, 25, 120);
    const maxHrBpm = parseWhole(this.maxHr, 100, 240);
    return {
      id: this.#id,
      name: this.name.trim(),
      maxHrSource: maxHrBpm === undefined ? 'tanaka' : 'measured',
      ...(ageYears !== undefined && { ageYears }),
      ...(restingHrBpm !== undefined && { restingHrBpm }),
      ...(maxHrBpm !== undefined && { maxHrBpm }),
    };
  }

  get estimatedMaxHrBpm(): number | undefined {
    const max = effectiveMaxHr(this.baseProfile);
    return max?.source === 'tanaka' ? Math.round(max.maxHrBpm) : undefined;
  }

  /** The zone the form describes: 'invalid' when the bounds cross, undefined when the numbers are missing. */
  get zone(): SessionZone | 'invalid' | undefined {
    const profile = this.baseProfile;
    const max = effectiveMaxHr(profile)?.maxHrBpm;
    try {
      switch (this.zoneChoice) {
        case 'default': {
          const result = defaultCalmZone(profile);
          return result.ok ? result.zone : undefined;
        }
        case 'percent-max': {
          const [low, high] = this.#percents();
          if (max === undefined || low === undefined || high === undefined) return undefined;
          return low < high ? zoneFromPercentMax(max, low, high) : 'invalid';
        }
        case 'percent-reserve': {
          const [low, high] = this.#percents();
          const rest = profile.restingHrBpm;
          if (max === undefined || rest === undefined || low === undefined || high === undefined)
            return undefined;
          return low < high ? zoneFromHeartRateReserve(rest, max, low, high) : 'invalid';
        }
        case 'fixed':
        case 'by-feel': {
          const low = parseWhole(this.lowBpm, 40, 230);
          const high = parseWhole(this.highBpm, 40, 230);
          if (this.zoneChoice === 'by-feel')
            return { lowBpm: low ?? 0, highBpm: high ?? 0, method: 'by-feel' };
          if (low === undefined || high === undefined) return undefined;
          return low < high ? fixedZone(low, high) : 'invalid';
        }
      }
    } catch {
      return 'invalid';
    }
  }

  get canSave(): boolean {
    return this.name.trim() !== '' && this.zone !== 'invalid';
  }

  /** The profile to store; a default zone is left out so it follows later changes of age or resting HR. */
  toProfile(): RunnerProfile {
    const zone = this.zone;
    const profile = this.baseProfile;
    return this.zoneChoice !== 'default' && zone !== undefined && zone !== 'invalid'
      ? { ...profile, zone }
      : profile;
  }

  /** Two minutes sitting still with the strap on; the result is a robust low value of the last 90 s. */
  measureRestingHr(strap: StrapConnection): void {
    this.stopMeasuring();
    this.#readings = [];
    this.measurementFailed = false;
    const startedAtMs = performance.now();
    this.measuringSecondsLeft = restingMeasurementMs / 1000;
    const unsubscribe = strap.source.subscribe((event: StrapEvent) => {
      if (event.type !== 'measurement') return;
      this.#readings.push({
        atMs: event.measurement.receivedAtMs,
        heartRateBpm: event.measurement.heartRateBpm,
      });
    });
    const timer = setInterval(() => {
      const elapsedMs = performance.now() - startedAtMs;
      this.measuringSecondsLeft = Math.max(0, Math.ceil((restingMeasurementMs - elapsedMs) / 1000));
      if (elapsedMs >= restingMeasurementMs) this.#finishMeasuring();
    }, 1000);
    this.#stopMeasuring = () => {
      clearInterval(timer);
      unsubscribe();
    };
  }

  stopMeasuring(): void {
    this.#stopMeasuring?.();
    this.#stopMeasuring = undefined;
    this.measuringSecondsLeft = undefined;
  }

  #finishMeasuring(): void {
    this.stopMeasuring();
    const result = robustRestingHr(this.#readings);
    if (result.ok) this.restingHr = String(result.restingHrBpm);
    else this.measurementFailed = true;
  }

  #percents(): [number | undefined, number | undefined] {
    return [parseWhole(this.lowPercent, 30, 100), parseWhole(this.highPercent, 30, 100)];
  }
}
