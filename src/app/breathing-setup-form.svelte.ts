import {
  BREATHING_DURATIONS_MIN,
  BREATHING_RATES,
  breathDurationMs,
  DEFAULT_BREATHING_DURATION_MIN,
  DEFAULT_BREATHING_RATE,
  DEFAULT_INHALE_SHARE,
  INHALE_SHARES,
  RESONANCE_BLOCK_MS,
  RESONANCE_RATES,
  type BreathingMode,
} from '../core/breathing/index';
import type { BreathingSetup } from './breathing-session.svelte';

/** A rate the runner can pick, with the length of one breath at it. */
export interface BreathingRateChoice {
  readonly ratePerMinute: number;
  readonly breathMs: number;
  /** The runner's own rate from the resonance finder. */
  readonly own: boolean;
}

/** An in/out split the runner can pick; `index` names its words (breathingRatios_<index>). */
export interface InhaleShareChoice {
  readonly share: number;
  readonly index: number;
  /** How long breathing in and out last at the chosen rate. */
  readonly inMs: number;
  readonly outMs: number;
}

/** The breathing exercise's lengths offered, minutes. */
export const breathingDurationsMin: readonly number[] = BREATHING_DURATIONS_MIN;

/** How long the resonance finder takes, whole minutes. */
export const resonanceFinderMinutes = Math.round((RESONANCE_RATES.length * RESONANCE_BLOCK_MS) / 60_000);

/**
 * The breathing screen's setup form: what the runner chose, the choices with their figures ready to show, and the
 * setup it starts. Kept by the screen across an exercise, so "another exercise" starts from the same choices.
 */
export class BreathingSetupForm {
  mode = $state<BreathingMode>('exercise');
  ratePerMinute = $state<number>(DEFAULT_BREATHING_RATE);
  inhaleShare = $state<number>(DEFAULT_INHALE_SHARE);
  durationMin = $state<number>(DEFAULT_BREATHING_DURATION_MIN);
  tones = $state(false);
  voice = $state(false);
  vibration = $state(false);
  readonly #ownRate: () => number | undefined;

  /** `ownRate` is read whenever the choices are shown, so a rate kept later is marked at once. */
  constructor(ownRate: () => number | undefined) {
    this.#ownRate = ownRate;
    this.ratePerMinute = ownRate() ?? DEFAULT_BREATHING_RATE;
  }

  get ownRate(): number | undefined {
    return this.#ownRate();
  }

  get rateChoices(): readonly BreathingRateChoice[] {
    const own = this.ownRate;
    return BREATHING_RATES.map((ratePerMinute) => ({
      ratePerMinute,
      breathMs: breathDurationMs(ratePerMinute),
      own: ratePerMinute === own,
    }));
  }

  get inhaleShareChoices(): readonly InhaleShareChoice[] {
    const breathMs = breathDurationMs(this.ratePerMinute);
    return INHALE_SHARES.map((share, index) => ({
      share,
      index,
      inMs: breathMs * share,
      outMs: breathMs * (1 - share),
    }));
  }

  /** Starts the next exercise at this rate (the one just found and kept). */
  useRate(ratePerMinute: number): void {
    this.ratePerMinute = ratePerMinute;
  }

  get setup(): BreathingSetup {
    return {
      mode: this.mode,
      ratePerMinute: this.ratePerMinute,
      inhaleShare: this.inhaleShare,
      durationMs: this.durationMin * 60_000,
      sounds: { tones: this.tones, voice: this.voice, vibration: this.vibration },
    };
  }
}
