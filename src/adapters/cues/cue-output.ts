import type { PlayableCue } from './playable-cue';

/** The language cues are spoken in; the same two as the UI. */
export type CueLocale = 'nl' | 'en';

/** The port: one way of making a cue heard or felt. */
export interface CueOutput {
  play(cue: PlayableCue): Promise<void> | void;
}

export interface CueSettings {
  readonly voice: boolean;
  readonly tones: boolean;
  readonly vibration: boolean;
  /** 0 (silent) to 1 (as loud as the device allows); used for voice and tones. */
  readonly volume: number;
  /** A voice the runner picked in the settings; used only while it speaks the cue language. */
  readonly voiceName?: string;
  readonly locale: CueLocale;
}

// Words carry the most meaning with the phone in a pocket, so voice is on; tones are for those who turn voice off.
export const defaultCueSettings: CueSettings = {
  voice: true,
  tones: false,
  vibration: true,
  volume: 0.9,
  locale: 'en',
};

/** Keeps stored or typed-in settings usable: the volume within 0-1 (a NaN from a bad slider value means default). */
export function normaliseCueSettings(settings: CueSettings): CueSettings {
  const volume = Number.isFinite(settings.volume)
    ? Math.min(1, Math.max(0, settings.volume))
    : defaultCueSettings.volume;
  return { ...settings, volume };
}
