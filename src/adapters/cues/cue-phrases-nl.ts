import type { CuePhraseTable } from './cue-phrase-table';
import type { PlanPhase } from './spoken-cue';
import { spokenDuration, type DurationRounding } from './spoken-duration';

/** "anderhalve minuut", "20 minuten", "1 uur en 5 minuten", "40 seconden". */
export function durationInDutch(ms: number, rounding: DurationRounding): string {
  const duration = spokenDuration(ms, rounding);
  if (duration.unit === 'seconds')
    return duration.seconds === 1 ? '1 seconde' : `${duration.seconds} seconden`;
  const { hours, minutes, andAHalf } = duration;
  // "2 uur", not "2 uren": after a number Dutch keeps the hour singular.
  const hourPart = hours === 0 ? '' : `${hours} uur`;
  let minutePart = '';
  if (minutes > 0 && andAHalf)
    minutePart = minutes === 1 ? 'anderhalve minuut' : `${minutes} en een halve minuut`;
  // "één" with accents, so the engine says the number and not the article.
  else if (minutes > 0) minutePart = minutes === 1 ? 'één minuut' : `${minutes} minuten`;
  return [hourPart, minutePart].filter((part) => part !== '').join(' en ');
}

// Written as a Dutch coach would say them, not translated from the English ones.
const phaseSentences: Record<PlanPhase, (duration: string | undefined) => string> = {
  'warm-up-walk': (d) => (d ? `We beginnen rustig: ${d} wandelen` : 'We beginnen rustig met wandelen'),
  run: (d) => (d ? `Nu ${d} rustig hardlopen` : 'Nu rustig hardlopen'),
  walk: (d) => (d ? `Nu ${d} wandelen` : 'Nu even wandelen'),
  'calm-run': (d) => (d ? `Nu ${d} rustig achter elkaar hardlopen` : 'Nu rustig achter elkaar hardlopen'),
  'cool-down-walk': (d) =>
    d ? `Goed gedaan! Nu nog ${d} rustig uitwandelen` : 'Goed gedaan! Nu rustig uitwandelen',
  breathing: (d) => (d ? `Adem ${d} rustig in en uit` : 'Adem rustig in en uit'),
};

export const cuePhrasesNl: CuePhraseTable = {
  'slow-down': () => 'Rustig aan, een tikje langzamer',
  'back-in-zone': () => 'Mooi, je zit weer in je rustige zone',
  'speed-up': () => 'Je mag best een tikje sneller',
  'contact-lost': () => 'Even geen contact met de borstband. Zit hij goed?',
  'contact-restored': () => 'Je hartslag is er weer, alles goed',
  'phase-change': ({ phase, durationMs }) =>
    phaseSentences[phase](
      Number.isFinite(durationMs) && durationMs > 0
        ? durationInDutch(durationMs, 'nearest-half-minute')
        : undefined,
    ),
  status: ({ elapsedMs, heartRateBpm }) => {
    const underway = `${durationInDutch(elapsedMs, 'whole-minutes-down')} onderweg`;
    return heartRateBpm === null ? underway : `${underway}, hartslag ${Math.round(heartRateBpm)}`;
  },
  'plan-complete': () => 'Dat was je hele loop. Goed gedaan!',
  test: () => 'Hoi, zo klinkt Calm Run tijdens het lopen',
  'was-in-background': ({ hiddenMs }) =>
    `De app stond ${durationInDutch(hiddenMs, 'nearest-minute')} op de achtergrond`,
};
