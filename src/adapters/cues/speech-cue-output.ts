import { breathCuePhrase, breathSpeechRate } from './breath-cue';
import type { CueLocale, CueOutput, CueSettings } from './cue-output';
import { cuePhrase } from './cue-phrase';
import { pickVoice, voicesForLocale, type VoiceLike } from './pick-voice';
import { isBreathCue, type PlayableCue } from './playable-cue';

/** The part of SpeechSynthesisUtterance this needs. */
export interface UtteranceLike {
  text: string;
  lang: string;
  voice: VoiceLike | null;
  volume: number;
  rate: number;
  pitch: number;
  addEventListener(type: 'start' | 'end' | 'error', listener: (event: Event) => void): void;
}

/** The part of window.speechSynthesis this needs. */
export interface SpeechSynthesisLike {
  readonly speaking: boolean;
  readonly pending: boolean;
  getVoices(): readonly VoiceLike[];
  speak(utterance: UtteranceLike): void;
  cancel(): void;
  addEventListener(type: 'voiceschanged', listener: () => void): void;
  removeEventListener(type: 'voiceschanged', listener: () => void): void;
}

export type VoiceAvailability =
  /** A voice speaks the cue language. */
  | 'voice'
  /** The browser lists voices, but none in this language: English words in a Dutch voice help nobody. */
  | 'no-voice'
  /**
   * The browser lists no voices at all: still loading, or an engine that speaks without listing them (some
   * Android builds, headless Chromium). Speaking with only `lang` set may work, so it is worth a try.
   */
  | 'unlisted'
  /** No speechSynthesis in this browser. */
  | 'unsupported';

export interface SpeechCueOutputOptions {
  /** Read at every cue, so a changed language, volume or voice applies to the next one. */
  readonly settings: () => CueSettings;
  /** Omitted: the browser's own; null: a browser without speech synthesis. */
  readonly synthesis?: SpeechSynthesisLike | null | undefined;
  readonly createUtterance?: ((text: string) => UtteranceLike) | null | undefined;
  /** A cue the engine could not say (a network voice while offline, an engine error), so tones can stand in. */
  readonly onFailed?: (cue: PlayableCue) => void;
}

/** A touch slower than normal speech: calm, and easier to catch over footsteps and breathing. */
export const calmSpeechRate = 0.95;

// When no voice is listed, `lang` alone picks the engine's voice; these are the most widely installed variants.
const unlistedVoiceLang: Record<CueLocale, string> = { nl: 'nl-NL', en: 'en-US' };

// Errors caused by our own cancel() or by a newer utterance, not by the engine failing to speak.
const notFailures = new Set(['interrupted', 'canceled']);

function defaultSynthesis(): SpeechSynthesisLike | undefined {
  // Typed as always there, but Node, some WebViews and locked-down browsers have none.
  return (globalThis as Partial<typeof globalThis>).speechSynthesis;
}

function defaultCreateUtterance(): ((text: string) => UtteranceLike) | undefined {
  if (typeof globalThis.SpeechSynthesisUtterance !== 'function') return undefined;
  return (text) => new SpeechSynthesisUtterance(text);
}

/**
 * Speaks cues through speechSynthesis. At most one cue is handed to the engine at a time and at most one waits: a
 * newer cue replaces a waiting one, so a burst of cues never piles up into a minute of stale talk, and the sentence
 * being spoken is never cut off. Never throws.
 */
export class SpeechCueOutput implements CueOutput {
  readonly #settings: () => CueSettings;
  readonly #synthesis: SpeechSynthesisLike | undefined;
  readonly #createUtterance: ((text: string) => UtteranceLike) | undefined;
  readonly #onFailed: ((cue: PlayableCue) => void) | undefined;
  readonly #voicesListeners = new Set<() => void>();
  #voices: readonly VoiceLike[] = [];
  // Held until it ends: Chrome drops 'end' events of utterances nothing references any more.
  #current: UtteranceLike | undefined;
  #waiting: PlayableCue | undefined;

  constructor(options: SpeechCueOutputOptions) {
    this.#settings = options.settings;
    this.#synthesis = options.synthesis === null ? undefined : (options.synthesis ?? defaultSynthesis());
    this.#createUtterance =
      options.createUtterance === null ? undefined : (options.createUtterance ?? defaultCreateUtterance());
    this.#onFailed = options.onFailed;
    // Chrome starts loading voices on the first getVoices() call and announces them with 'voiceschanged'.
    this.#refreshVoices();
    this.#synthesis?.addEventListener('voiceschanged', this.#voicesChanged);
  }

  availability(locale: CueLocale): VoiceAvailability {
    if (this.#synthesis === undefined || this.#createUtterance === undefined) return 'unsupported';
    const voices = this.#knownVoices();
    if (voices.length === 0) return 'unlisted';
    return voicesForLocale(voices, locale).length > 0 ? 'voice' : 'no-voice';
  }

  /** The voices that speak the locale, best first: the choices for a voice picker in the settings. */
  voices(locale: CueLocale): readonly VoiceLike[] {
    return voicesForLocale(this.#knownVoices(), locale);
  }

  /** Calls `listener` when the browser's voice list changes; returns the unsubscribe function. */
  onVoicesChanged(listener: () => void): () => void {
    this.#voicesListeners.add(listener);
    return () => {
      this.#voicesListeners.delete(listener);
    };
  }

  play(cue: PlayableCue): void {
    if (this.#synthesis === undefined || this.#createUtterance === undefined) return;
    // Busy only while the engine agrees: an 'end' event that never came must not silence every later cue.
    if (this.#current !== undefined && this.#engineBusy(this.#synthesis)) {
      this.#waiting = cue;
      return;
    }
    this.#waiting = undefined;
    this.#speak(cue, this.#synthesis, this.#createUtterance);
  }

  /** Silences the voice at once and forgets a waiting cue: the run has ended. */
  stop(): void {
    this.#waiting = undefined;
    this.#current = undefined;
    try {
      this.#synthesis?.cancel();
    } catch {
      // Nothing left to silence.
    }
  }

  dispose(): void {
    this.stop();
    this.#synthesis?.removeEventListener('voiceschanged', this.#voicesChanged);
    this.#voicesListeners.clear();
  }

  #speak(
    cue: PlayableCue,
    synthesis: SpeechSynthesisLike,
    createUtterance: (text: string) => UtteranceLike,
  ): void {
    const settings = this.#settings();
    try {
      const breath = isBreathCue(cue);
      const utterance = createUtterance(
        breath ? breathCuePhrase(cue, settings.locale) : cuePhrase(cue, settings.locale),
      );
      const voice = pickVoice(this.#knownVoices(), settings.locale, settings.voiceName);
      utterance.voice = voice ?? null;
      utterance.lang = voice?.lang ?? unlistedVoiceLang[settings.locale];
      utterance.volume = settings.volume;
      utterance.rate = breath ? breathSpeechRate : calmSpeechRate;
      utterance.pitch = 1;
      utterance.addEventListener('end', () => {
        this.#finished(utterance);
      });
      utterance.addEventListener('error', (event) => {
        const reason = 'error' in event ? String(event.error) : '';
        if (this.#current === utterance && !notFailures.has(reason)) this.#onFailed?.(cue);
        this.#finished(utterance);
      });
      this.#current = utterance;
      synthesis.speak(utterance);
    } catch {
      this.#current = undefined;
      this.#onFailed?.(cue);
    }
  }

  #finished(utterance: UtteranceLike): void {
    if (this.#current !== utterance) return;
    this.#current = undefined;
    const next = this.#waiting;
    this.#waiting = undefined;
    if (next !== undefined) this.play(next);
  }

  #engineBusy(synthesis: SpeechSynthesisLike): boolean {
    try {
      return synthesis.speaking || synthesis.pending;
    } catch {
      return false;
    }
  }

  #knownVoices(): readonly VoiceLike[] {
    // Some browsers fill the list without ever firing 'voiceschanged'.
    if (this.#voices.length === 0) this.#refreshVoices();
    return this.#voices;
  }

  #refreshVoices(): void {
    try {
      this.#voices = this.#synthesis?.getVoices() ?? [];
    } catch {
      this.#voices = [];
    }
  }

  readonly #voicesChanged = (): void => {
    this.#refreshVoices();
    for (const listener of this.#voicesListeners) listener();
  };
}
