import { breathVibrationPatterns } from './breath-cue';
import type { CueOutput } from './cue-output';
import { isBreathCue, type PlayableCue } from './playable-cue';
import type { SpokenCueId } from './playable-cue';

/** navigator.vibrate, already bound to navigator. */
export type VibrateFunction = (pattern: number[]) => boolean;

/**
 * Milliseconds of vibration and pause, alternating. Each cue that matters while running has its own rhythm, so it
 * can be told apart through a pocket: long-short-long means "ease off", two short taps mean "that worked".
 */
export const vibrationPatterns: Record<SpokenCueId, readonly number[]> = {
  'slow-down': [400, 150, 150, 150, 400],
  'back-in-zone': [120, 120, 120],
  'speed-up': [120, 120, 120, 120, 400],
  'contact-lost': [800],
  'contact-restored': [120, 120, 120, 120, 120],
  'phase-change': [300, 200, 300],
  status: [120],
  'plan-complete': [500, 150, 500],
  test: [200, 100, 200, 100, 200],
  // The runner has just looked at the screen; a buzz would tell them nothing.
  'was-in-background': [],
  'group-attention': [200, 120, 200],
};

function defaultVibrate(): VibrateFunction | undefined {
  // Typed as always there, but Safari on iPhone and desktop Firefox have no vibrate().
  const nav = globalThis.navigator as Partial<Navigator> | undefined;
  const vibrate = nav?.vibrate;
  if (nav === undefined || typeof vibrate !== 'function') return undefined;
  // Called as a method: an unbound vibrate() throws "Illegal invocation".
  return (pattern) => vibrate.call(nav, pattern);
}

/** Vibrates a cue's pattern where the device can. Never throws. */
export class VibrationCueOutput implements CueOutput {
  readonly #vibrate: VibrateFunction | undefined;

  /** Omitted: the browser's navigator.vibrate; null: a device that cannot vibrate. */
  constructor(vibrate?: VibrateFunction | null) {
    this.#vibrate = vibrate === null ? undefined : (vibrate ?? defaultVibrate());
  }

  get supported(): boolean {
    return this.#vibrate !== undefined;
  }

  play(cue: PlayableCue): void {
    const pattern = isBreathCue(cue) ? breathVibrationPatterns[cue.id] : vibrationPatterns[cue.id];
    if (this.#vibrate === undefined || pattern.length === 0) return;
    try {
      // Chrome ignores vibrate() before the page's first tap; starting a run is one.
      this.#vibrate([...pattern]);
    } catch {
      // A browser that refuses: the cue is still heard.
    }
  }
}
