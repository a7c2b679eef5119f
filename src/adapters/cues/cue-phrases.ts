import { m } from '../../paraglide/messages.js';
import type { PhaseKind } from '../../core/coaching/run-plan';
import type { CueLocale } from './cue-output';
import type { CuePhraseTable } from './cue-phrase-table';
import { spokenDuration, type DurationRounding } from './spoken-duration';

type Words = { locale: CueLocale };
type Sentence = (inputs: Record<string, never>, options: Words) => string;
type SentenceWithDuration = (inputs: { duration: string }, options: Words) => string;

/**
 * "a minute and a half", "20 minutes", "1 hour and 5 minutes", "40 seconds"; "anderhalve minuut", "2 uur en 5
 * minuten". Which parts are said is the same in every language; the words come from the message catalogues.
 */
export function durationInWords(ms: number, rounding: DurationRounding, locale: CueLocale): string {
  const words = { locale };
  const duration = spokenDuration(ms, rounding);
  if (duration.unit === 'seconds') return m.spokenSeconds({ count: duration.seconds }, words);
  const { hours, minutes, andAHalf } = duration;
  const minutePart =
    minutes === 0
      ? undefined
      : andAHalf
        ? m.spokenMinutesAndAHalf({ count: minutes }, words)
        : m.spokenMinutes({ count: minutes }, words);
  if (hours === 0) return minutePart ?? m.spokenMinutes({ count: 0 }, words);
  const hourPart = m.spokenHours({ count: hours }, words);
  return minutePart === undefined
    ? hourPart
    : m.spokenHoursAndMinutes({ hours: hourPart, minutes: minutePart }, words);
}

// A phase without a set length (0 or Infinity) is announced without one. Each language words its own sentences:
// the Dutch ones are written as a Dutch coach would say them, not translated from the English.
const phaseSentences: Record<PhaseKind, { withLength: SentenceWithDuration; open: Sentence }> = {
  'warm-up-walk': { withLength: m.cuePhase_warmUpWalk, open: m.cuePhaseOpen_warmUpWalk },
  run: { withLength: m.cuePhase_run, open: m.cuePhaseOpen_run },
  walk: { withLength: m.cuePhase_walk, open: m.cuePhaseOpen_walk },
  'calm-run': { withLength: m.cuePhase_calmRun, open: m.cuePhaseOpen_calmRun },
  'cool-down-walk': { withLength: m.cuePhase_coolDownWalk, open: m.cuePhaseOpen_coolDownWalk },
  breathing: { withLength: m.cuePhase_breathing, open: m.cuePhaseOpen_breathing },
};

/** Every spoken cue's sentence in one language. */
export function cuePhraseTable(locale: CueLocale): CuePhraseTable {
  const words = { locale };
  return {
    'slow-down': () => m.cueSlowDown({}, words),
    'back-in-zone': () => m.cueBackInZone({}, words),
    'speed-up': () => m.cueSpeedUp({}, words),
    'contact-lost': () => m.cueContactLost({}, words),
    'contact-restored': () => m.cueContactRestored({}, words),
    'phase-change': ({ phase, durationMs }) => {
      const sentences = phaseSentences[phase];
      return Number.isFinite(durationMs) && durationMs > 0
        ? sentences.withLength(
            { duration: durationInWords(durationMs, 'nearest-half-minute', locale) },
            words,
          )
        : sentences.open({}, words);
    },
    status: ({ elapsedMs, heartRateBpm }) => {
      const duration = durationInWords(elapsedMs, 'whole-minutes-down', locale);
      return heartRateBpm === null
        ? m.cueStatus({ duration }, words)
        : m.cueStatusWithHeartRate({ duration, bpm: Math.round(heartRateBpm) }, words);
    },
    'plan-complete': () => m.cuePlanComplete({}, words),
    test: () => m.cueTest({}, words),
    'was-in-background': ({ hiddenMs }) =>
      m.cueWasInBackground({ duration: durationInWords(hiddenMs, 'nearest-minute', locale) }, words),
    'group-attention': () => m.cueGroupAttention({}, words),
  };
}
