import type { BreathCueId } from '../adapters/cues/breath-cue';
import { defaultCueSettings, type CueLocale } from '../adapters/cues/cue-output';
import { CuePlayer, type CuePlayerOptions } from '../adapters/cues/cue-player';
import type { BreathPhase } from '../core/breathing/index';
import type { BreathCueOutput, BreathingSounds } from './breathing-session.svelte';

/** How the spoken word sounds: the runner's coaching volume and voice, in the app's language. */
export interface BreathCueVoice {
  /** Read at every breath, so a language switch applies at once. */
  readonly locale: () => CueLocale;
  readonly volume: number;
  readonly voiceName?: string | undefined;
}

const defaultVoice: BreathCueVoice = {
  locale: () => defaultCueSettings.locale,
  volume: defaultCueSettings.volume,
};

const cueOfPhase: Record<BreathPhase, BreathCueId> = { in: 'breathe-in', out: 'breathe-out' };

/**
 * The pacer's "in" and "out" through the same cue player a run's coaching uses: a soft glide, the spoken word and
 * a light vibration, each as the runner chose for this exercise. When no voice speaks the language, the glide
 * stands in for the word (the player's rule: a cue nobody hears is worse than a tone nobody asked for).
 */
export class BreathCues implements BreathCueOutput {
  readonly #sounds: BreathingSounds;
  readonly #locale: () => CueLocale;
  readonly #player: CuePlayer;

  /** `devices` replaces the browser's speech, audio and vibration (tests), and can watch every cue played. */
  constructor(
    sounds: BreathingSounds,
    voice: BreathCueVoice = defaultVoice,
    devices: Omit<CuePlayerOptions, 'settings'> = {},
  ) {
    this.#sounds = sounds;
    this.#locale = voice.locale;
    this.#player = new CuePlayer({
      ...devices,
      settings: {
        voice: sounds.voice,
        tones: sounds.tones,
        vibration: sounds.vibration,
        volume: voice.volume,
        locale: voice.locale(),
        ...(voice.voiceName !== undefined && { voiceName: voice.voiceName }),
      },
    });
  }

  unlock(): void {
    // Vibration needs no unlocking; the voice may need the glide to stand in for it.
    if (this.#sounds.tones || this.#sounds.voice) this.#player.unlock();
  }

  play(phase: BreathPhase): void {
    const locale = this.#locale();
    if (locale !== this.#player.settings.locale) this.#player.updateSettings({ locale });
    this.#player.play({ id: cueOfPhase[phase] });
  }

  stop(): void {
    this.#player.dispose();
  }
}
