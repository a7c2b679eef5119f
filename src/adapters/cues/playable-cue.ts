import type { Cue } from '../../core/coaching/cues';
import { isBreathCueId, type BreathCue } from './breath-cue';

/** The settings' test button: one cue to hear how the outputs sound. */
export interface TestCue {
  readonly id: 'test';
}

/**
 * The page was hidden (phone locked, another app) and is visible again, after `hiddenMs`. Said so the runner knows
 * the recording may have gaps; it comes from the page's visibility (adapters/platform), not from the coaching.
 */
export interface BackgroundCue {
  readonly id: 'was-in-background';
  readonly hiddenMs: number;
}

/** On the therapist's device in a group run: a runner's tile rose for attention (adapters/cues/attention-alert). */
export interface GroupAttentionCue {
  readonly id: 'group-attention';
}

/**
 * The cues with words, tones and a vibration of their own: the coach's cues exactly as core/coaching decides them,
 * and those only the browser side knows about.
 */
export type SpokenCue = Cue | TestCue | BackgroundCue | GroupAttentionCue;

export type SpokenCueId = SpokenCue['id'];

/** Each cue's fields besides its id, by id. */
type SpokenCueFields = { [C in SpokenCue as C['id']]: Omit<C, 'id'> };

/**
 * The cue with id `Id`. Written as a mapped type indexed by `Id`, with the id as `P` itself, so that a table keyed
 * by id can be called with a cue of the same id without a cast (TypeScript's correlated-union pattern).
 */
export type SpokenCueOf<Id extends SpokenCueId> = {
  [P in Id]: { readonly id: P } & SpokenCueFields[P];
}[Id];

// A Record, so a cue id added in core fails to compile here until it is listed too (and so gets words, tones and a
// vibration, whose tables are keyed the same way).
const everyId: Record<SpokenCueId, true> = {
  'slow-down': true,
  'back-in-zone': true,
  'speed-up': true,
  'contact-lost': true,
  'contact-restored': true,
  'phase-change': true,
  status: true,
  'plan-complete': true,
  test: true,
  'was-in-background': true,
  'group-attention': true,
};

export const spokenCueIds = Object.keys(everyId) as readonly SpokenCueId[];

/** Everything the cue outputs play: the cues with words, and the breathing pacer's (breath-cue.ts). */
export type PlayableCue = SpokenCue | BreathCue;

export function isBreathCue(cue: PlayableCue): cue is BreathCue {
  return isBreathCueId(cue.id);
}
