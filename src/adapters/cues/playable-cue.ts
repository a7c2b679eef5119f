import { isBreathCueId, type BreathCue } from './breath-cue';
import type { SpokenCue } from './spoken-cue';

/** Everything the cue outputs play: the run coaching's cues and the breathing pacer's. */
export type PlayableCue = SpokenCue | BreathCue;

export function isBreathCue(cue: PlayableCue): cue is BreathCue {
  return isBreathCueId(cue.id);
}
