import { browserClock, type Clock } from '../heart-rate-source';
import { defaultCueSettings, normaliseCueSettings, type CueOutput, type CueSettings } from './cue-output';
import type { VoiceLike } from './pick-voice';
import { isBreathCue, type PlayableCue } from './playable-cue';
import {
  SpeechCueOutput,
  type SpeechSynthesisLike,
  type UtteranceLike,
  type VoiceAvailability,
} from './speech-cue-output';
import { ToneCueOutput, type AudioContextLike } from './tone-cue-output';
import { tonePatternDurationMs } from './tone-patterns';
import { VibrationCueOutput, type VibrateFunction } from './vibration-cue-output';

export type CueChannel = 'voice' | 'tones' | 'vibration';

/** What happened to one cue: the single place tests and a settings screen can watch. */
export interface CuePlayReport {
  readonly cue: PlayableCue;
  /** The outputs the cue went to, in the order they were started. */
  readonly channels: readonly CueChannel[];
  /** Why tones stood in for (or alongside) the voice; undefined when they did not have to. */
  readonly voiceFallback: Exclude<VoiceAvailability, 'voice'> | 'failed' | undefined;
}

/** The browser's own speechSynthesis, AudioContext and vibrate when left out; null means "this browser has none". */
export interface CuePlayerOptions {
  readonly settings?: CueSettings;
  readonly synthesis?: SpeechSynthesisLike | null;
  readonly createUtterance?: ((text: string) => UtteranceLike) | null;
  readonly createAudioContext?: (() => AudioContextLike) | null;
  readonly vibrate?: VibrateFunction | null;
  readonly clock?: Clock;
  readonly onPlayed?: (report: CuePlayReport) => void;
}

// A breath between the last note and the first word, so the two are heard as chime then sentence.
const pauseBeforeWordsMs = 150;

/**
 * Plays each cue on every output the runner switched on: voice, tones, vibration. When the voice cannot speak the
 * cue language, tones take its place even if they are switched off, because a cue nobody hears is worse than a
 * tone the runner did not ask for. Settings can change at any time and apply to the next cue.
 */
export class CuePlayer implements CueOutput {
  readonly #speech: SpeechCueOutput;
  readonly #tones: ToneCueOutput;
  readonly #vibration: VibrationCueOutput;
  readonly #clock: Clock;
  readonly #onPlayed: ((report: CuePlayReport) => void) | undefined;
  #settings: CueSettings;
  #cancelDelayedSpeech: (() => void) | undefined;
  // The cue whose tones already sounded, so a voice failing on it does not play them twice.
  #tonesPlayedFor: PlayableCue | undefined;

  constructor(options: CuePlayerOptions = {}) {
    this.#settings = normaliseCueSettings(options.settings ?? defaultCueSettings);
    const settings = () => this.#settings;
    this.#speech = new SpeechCueOutput({
      settings,
      synthesis: options.synthesis,
      createUtterance: options.createUtterance,
      onFailed: (cue) => {
        this.#voiceFailed(cue);
      },
    });
    this.#tones = new ToneCueOutput({ settings, createContext: options.createAudioContext });
    this.#vibration = new VibrationCueOutput(options.vibrate);
    this.#clock = options.clock ?? browserClock;
    this.#onPlayed = options.onPlayed;
  }

  get settings(): CueSettings {
    return this.#settings;
  }

  updateSettings(changes: Partial<CueSettings>): void {
    this.#settings = normaliseCueSettings({ ...this.#settings, ...changes });
    if (!this.#settings.voice) this.#stopSpeech();
  }

  /** Whether cues can be spoken in the current language, for a hint next to the voice switch. */
  voiceAvailability(): VoiceAvailability {
    return this.#speech.availability(this.#settings.locale);
  }

  /** The voices for the current language, best first, for a voice picker. */
  voices(): readonly VoiceLike[] {
    return this.#speech.voices(this.#settings.locale);
  }

  onVoicesChanged(listener: () => void): () => void {
    return this.#speech.onVoicesChanged(listener);
  }

  /** Lets audio start; call it in the handler of a tap (starting a run). */
  unlock(): void {
    this.#tones.unlock();
  }

  play(cue: PlayableCue): void {
    this.#play(cue);
  }

  /** For the settings' test button: call it in the click handler, so audio is allowed to start. */
  testSound(): CuePlayReport {
    this.unlock();
    return this.#play({ id: 'test' });
  }

  /** Silences speech at once: the run has ended. */
  stop(): void {
    this.#stopSpeech();
  }

  /** Silences everything and lets the audio hardware go: nothing will be played any more. */
  dispose(): void {
    this.#cancelDelayedSpeech?.();
    this.#speech.dispose();
    this.#tones.close();
  }

  #play(cue: PlayableCue): CuePlayReport {
    const settings = this.#settings;
    // A cue still waiting for its tones to finish is stale now: the newer one replaces it.
    this.#cancelDelayedSpeech?.();
    this.#cancelDelayedSpeech = undefined;

    let speak = false;
    let tones = settings.tones;
    let voiceFallback: CuePlayReport['voiceFallback'];
    if (settings.voice) {
      const availability = this.#speech.availability(settings.locale);
      speak = availability === 'voice' || availability === 'unlisted';
      if (availability !== 'voice') {
        voiceFallback = availability;
        tones = true;
      }
    }

    const channels: CueChannel[] = [];
    if (tones) {
      this.#tonesPlayedFor = cue;
      void this.#tones.play(cue);
      channels.push('tones');
    }
    if (speak) {
      channels.push('voice');
      // A breath's word is its start and must come on time: its soft glide is a bed under the word, not a chime.
      if (tones && !isBreathCue(cue))
        this.#speakAfter(cue, tonePatternDurationMs(cue.id) + pauseBeforeWordsMs);
      else this.#speech.play(cue);
    }
    if (settings.vibration && this.#vibration.supported) {
      this.#vibration.play(cue);
      channels.push('vibration');
    }
    return this.#report({ cue, channels, voiceFallback });
  }

  #speakAfter(cue: PlayableCue, delayMs: number): void {
    // Words over the tones would swallow the first word; a chime and then the sentence is easy to follow.
    const cancel = this.#clock.setTimeout(() => {
      if (this.#cancelDelayedSpeech === cancel) this.#cancelDelayedSpeech = undefined;
      if (this.#settings.voice) this.#speech.play(cue);
    }, delayMs);
    this.#cancelDelayedSpeech = cancel;
  }

  #voiceFailed(cue: PlayableCue): void {
    if (this.#tonesPlayedFor === cue) return;
    this.#tonesPlayedFor = cue;
    void this.#tones.play(cue);
    this.#report({ cue, channels: ['tones'], voiceFallback: 'failed' });
  }

  #stopSpeech(): void {
    this.#cancelDelayedSpeech?.();
    this.#cancelDelayedSpeech = undefined;
    this.#speech.stop();
  }

  #report(report: CuePlayReport): CuePlayReport {
    try {
      this.#onPlayed?.(report);
    } catch {
      // An observer's mistake must not stop the next cue.
    }
    return report;
  }
}
