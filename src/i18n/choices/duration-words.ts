import { m } from '../../paraglide/messages.js';
import type { Locale } from '../../paraglide/runtime.js';

// A session's length in words for the sentence after it ("46 seconds of calm running", "1 minute of ..."): seconds
// under a minute, whole minutes from then on, each with its own singular.

/** "46 seconds", "1 minute", "22 minutes": seconds below a minute (rounded), whole minutes (rounded) from 59.5 s. */
export function durationWords(durationMs: number, locale?: Locale): string {
  const options = locale === undefined ? {} : { locale };
  const seconds = Math.max(0, Math.round(durationMs / 1000));
  if (seconds < 60) return m.durationSeconds({ count: seconds }, options);
  return m.durationMinutes({ count: Math.round(durationMs / 60_000) }, options);
}
