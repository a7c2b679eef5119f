import type { CuePhraseTable } from './cue-phrase-table';
import type { PlanPhase } from './spoken-cue';
import { spokenDuration, type DurationRounding } from './spoken-duration';

/** "a minute and a half", "20 minutes", "1 hour and 5 minutes", "40 seconds". */
export function durationInEnglish(ms: number, rounding: DurationRounding): string {
  const duration = spokenDuration(ms, rounding);
  if (duration.unit === 'seconds') return duration.seconds === 1 ? '1 second' : `${duration.seconds} seconds`;
  const { hours, minutes, andAHalf } = duration;
  const hourPart = hours === 0 ? '' : hours === 1 ? '1 hour' : `${hours} hours`;
  let minutePart = '';
  if (minutes > 0 && andAHalf)
    minutePart = minutes === 1 ? 'a minute and a half' : `${minutes} and a half minutes`;
  else if (minutes > 0) minutePart = minutes === 1 ? '1 minute' : `${minutes} minutes`;
  return [hourPart, minutePart].filter((part) => part !== '').join(' and ');
}

// A phase without a set length (0 or Infinity) is announced without one.
const phaseSentences: Record<PlanPhase, (duration: string | undefined) => string> = {
  'warm-up-walk': (d) => (d ? `Let's start with an easy walk, ${d}` : `Let's start with an easy walk`),
  run: (d) => (d ? `Now run, nice and easy, for ${d}` : 'Now run, nice and easy'),
  walk: (d) => (d ? `Now walk for ${d}` : 'Now walk for a while'),
  'calm-run': (d) => (d ? `Now a calm, steady run for ${d}` : 'Now a calm, steady run'),
  'cool-down-walk': (d) => (d ? `Well done. Walk for ${d} to cool down` : 'Well done. Walk to cool down'),
  breathing: (d) => (d ? `Now breathe calmly for ${d}` : 'Now breathe calmly'),
};

export const cuePhrasesEn: CuePhraseTable = {
  'slow-down': () => 'Slow down a little',
  'back-in-zone': () => 'Nice, back in your calm zone',
  'speed-up': () => 'You may speed up a little',
  'contact-lost': () => 'Lost contact with the strap. Check that it sits snugly',
  'contact-restored': () => 'Heart rate is back, all good',
  'phase-change': ({ phase, durationMs }) =>
    phaseSentences[phase](
      Number.isFinite(durationMs) && durationMs > 0
        ? durationInEnglish(durationMs, 'nearest-half-minute')
        : undefined,
    ),
  status: ({ elapsedMs, heartRateBpm }) => {
    const soFar = `${durationInEnglish(elapsedMs, 'whole-minutes-down')} so far`;
    return heartRateBpm === null ? soFar : `${soFar}, heart rate ${Math.round(heartRateBpm)}`;
  },
  'plan-complete': () => `That's the whole run. Well done!`,
  test: () => 'Hi, this is how Calm Run sounds while you run',
  'was-in-background': ({ hiddenMs }) =>
    `The app was in the background for ${durationInEnglish(hiddenMs, 'nearest-minute')}`,
};
