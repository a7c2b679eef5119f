import type { SpokenCueId } from './playable-cue';

/** One note of a cue's tone pattern; times are seconds from the pattern's start. */
export interface ToneNote {
  readonly frequencyHz: number;
  readonly startS: number;
  readonly durationS: number;
  /** A glide: the pitch moves evenly from `frequencyHz` to this by the note's end. Absent: one steady pitch. */
  readonly glideToHz?: number;
  /** Softer edges than a beep's, for a note that should swell and fade; absent: the output's own. */
  readonly attackS?: number;
  readonly releaseS?: number;
  /** A share (0-1) of the output's full loudness, for a note meant to stay in the background; absent: 1. */
  readonly loudness?: number;
}

// Short notes with clear gaps read as a melody even through a pocket; longer ones start to sound like an alarm.
const noteS = 0.18;
const gapS = 0.07;

function sequence(frequenciesHz: readonly number[]): readonly ToneNote[] {
  return frequenciesHz.map((frequencyHz, index) => ({
    frequencyHz,
    startS: index * (noteS + gapS),
    durationS: noteS,
  }));
}

// Equal-tempered pitches around A4, the middle of the range a phone speaker plays well.
const a4 = 440;
const c5 = 523.25;
const cSharp5 = 554.37;
const d5 = 587.33;
const e5 = 659.25;
const g5 = 783.99;

/**
 * Falling means "ease off", rising means "that worked" (or "you may go a little faster"), a level double beep is
 * information. Minor-ish falling and major rising keep "slow down" a suggestion rather than a siren.
 */
export const tonePatterns: Record<SpokenCueId, readonly ToneNote[]> = {
  'slow-down': sequence([e5, c5, a4]),
  'back-in-zone': sequence([a4, cSharp5, e5]),
  'speed-up': sequence([c5, e5]),
  'contact-lost': sequence([d5, d5]),
  'contact-restored': sequence([d5, d5]),
  'phase-change': sequence([d5, d5]),
  status: sequence([d5, d5]),
  // A rising major triad: the run is done, and that is something to feel good about.
  'plan-complete': sequence([c5, e5, g5]),
  test: sequence([d5, d5]),
  'was-in-background': sequence([d5, d5]),
  // Two level notes, soft and short: "have a look", never a siren.
  'group-attention': sequence([a4, a4]),
};

/** How long a cue's pattern sounds, so a spoken cue can wait until its tones are done. */
export function tonePatternDurationMs(id: SpokenCueId): number {
  const notes = tonePatterns[id];
  return Math.max(0, ...notes.map((note) => (note.startS + note.durationS) * 1000));
}
