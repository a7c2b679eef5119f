/**
 * Splits a duration into the units a person would say aloud. Each language turns the result into words; numbers
 * stay whole (a speech engine reads "1.5" as "one point five", so half minutes are a flag, not a decimal).
 */
export type SpokenDuration =
  | { readonly unit: 'seconds'; readonly seconds: number }
  | {
      readonly unit: 'minutes';
      readonly hours: number;
      readonly minutes: number;
      readonly andAHalf: boolean;
    };

export type DurationRounding =
  /** Plan phases: "one and a half minutes" is how a therapist would say a 90-second walk. */
  | 'nearest-half-minute'
  /** Time run so far: "12 minutes" until the 13th has passed, like a stopwatch read aloud. */
  | 'whole-minutes-down'
  /** Time away: the nearest minute is honest enough and short to say. */
  | 'nearest-minute';

export function spokenDuration(ms: number, rounding: DurationRounding): SpokenDuration {
  const totalSeconds = Number.isFinite(ms) && ms > 0 ? Math.round(ms / 1000) : 0;
  if (totalSeconds < 60) return { unit: 'seconds', seconds: totalSeconds };

  const halfMinutes =
    rounding === 'nearest-half-minute'
      ? Math.round(totalSeconds / 30)
      : rounding === 'nearest-minute'
        ? Math.round(totalSeconds / 60) * 2
        : Math.floor(totalSeconds / 60) * 2;
  const wholeMinutes = Math.floor(halfMinutes / 2);
  const hours = Math.floor(wholeMinutes / 60);
  // Past an hour, "1 hour and 20 and a half minutes" is more than anyone needs to hear.
  const andAHalf = hours === 0 && halfMinutes % 2 === 1;
  return { unit: 'minutes', hours, minutes: wholeMinutes - hours * 60, andAHalf };
}
