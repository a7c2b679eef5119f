import { CuePlayer } from '../adapters/cues/cue-player';
import type { CueLocale } from '../adapters/cues/cue-output';
import type { VoiceLike } from '../adapters/cues/pick-voice';
import type { CoachingPreferences } from '../adapters/storage/preferences-store';

/** The settings screen's player: the test button, the voice list and whether this language has a voice. */
export class CuePreview {
  voices = $state.raw<readonly VoiceLike[]>([]);
  hasVoice = $state(true);
  readonly #player = new CuePlayer();
  readonly #stopListening: () => void;

  constructor() {
    // Voices load asynchronously in Chrome: the list fills when they arrive.
    this.#stopListening = this.#player.onVoicesChanged(() => {
      this.#refresh();
    });
  }

  apply(coaching: CoachingPreferences, locale: CueLocale): void {
    this.#player.updateSettings({
      voice: coaching.voice,
      tones: coaching.tones,
      vibration: coaching.vibration,
      volume: coaching.volume,
      locale,
      ...(coaching.voiceName !== undefined && { voiceName: coaching.voiceName }),
    });
    this.#refresh();
  }

  test(): void {
    this.#player.unlock();
    this.#player.testSound();
  }

  dispose(): void {
    this.#stopListening();
    this.#player.dispose();
  }

  #refresh(): void {
    this.voices = this.#player.voices();
    this.hasVoice = this.#player.voiceAvailability() !== 'no-voice';
  }
}
