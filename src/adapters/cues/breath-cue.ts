import { m } from '../../paraglide/messages.js';
import type { CueLocale } from './cue-output';
import type { ToneNote } from './tone-patterns';

/**
 * The breathing pacer's cues: the start of each breath in and each breath out. Kept apart from the run coaching's
 * cues (spoken-cue.ts): they are played by the same outputs, but sound softer and carry no sentence.
 */
export type BreathCueId = 'breathe-in' | 'breathe-out';

export interface BreathCue {
  readonly id: BreathCueId;
}

// A Record, so a new breath cue id fails to compile until it is listed here too.
const everyBreathCueId: Record<BreathCueId, true> = { 'breathe-in': true, 'breathe-out': true };

export const breathCueIds = Object.keys(everyBreathCueId) as readonly BreathCueId[];

/** Whether an id is a breath cue's; cues are told apart by id alone. */
export function isBreathCueId(id: string): id is BreathCueId {
  return Object.hasOwn(everyBreathCueId, id);
}

// A rising glide for "in" and a falling one for "out", in the middle of what a phone speaker plays well, quieter
// than a coaching cue (about 0.35 of full scale) and with slow edges: a breath swells, it does not beep.
const glideS = 0.7;
const glide = (fromHz: number, toHz: number): readonly ToneNote[] => [
  {
    frequencyHz: fromHz,
    glideToHz: toHz,
    startS: 0,
    durationS: glideS,
    attackS: 0.12,
    releaseS: 0.35,
    loudness: 0.44,
  },
];
const e4 = 329.63;
const g4 = 392;

export const breathTonePatterns: Record<BreathCueId, readonly ToneNote[]> = {
  'breathe-in': glide(e4, g4),
  'breathe-out': glide(g4, e4),
};

/** Soft and short, one pulse for in and two for out: told apart in a pocket without looking. */
export const breathVibrationPatterns: Record<BreathCueId, readonly number[]> = {
  'breathe-in': [60],
  'breathe-out': [40, 120, 40],
};

/** Slower than the coaching's voice: the word is the start of a breath, not an instruction. */
export const breathSpeechRate = 0.8;

/** The word said at the start of the breath: "in", "out"; "in", "uit". */
export function breathCuePhrase(cue: BreathCue, locale: CueLocale): string {
  return cue.id === 'breathe-in' ? m.breathSpokenIn({}, { locale }) : m.breathSpokenOut({}, { locale });
}
