import { CuePlayer } from './cue-player';

/**
 * The therapist's alert when a runner's tile rises in a group run: a short, soft two-note tone and a vibration on
 * the therapist's own device, through the same cue outputs as a runner's cues. Never spoken: the words are on
 * the tile.
 */
export class AttentionAlert {
  readonly #player = new CuePlayer({
    settings: { voice: false, tones: true, vibration: true, volume: 0.9, locale: 'en' },
  });

  setVolume(volume: number): void {
    this.#player.updateSettings({ volume });
  }

  /** Call from a tap (the one that starts the group run): browsers let sound start only after one. */
  unlock(): void {
    this.#player.unlock();
  }

  play(): void {
    this.#player.unlock();
    this.#player.play({ id: 'group-attention' });
  }
}
