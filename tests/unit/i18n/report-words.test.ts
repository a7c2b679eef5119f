import { afterEach, describe, expect, it } from 'vitest';
import { overwriteGetLocale, type Locale } from '../../../src/paraglide/runtime.js';
import type { ReportSentence } from '../../../src/core/clients/evaluation-report';
import { calendarDateWords } from '../../../src/i18n/choices/date-words';
import { reportSentenceText } from '../../../src/i18n/choices/report-words';

let locale: Locale = 'en';
overwriteGetLocale(() => locale);
afterEach(() => {
  locale = 'en';
});

/** One sentence of every key the report gives. */
const everySentence: ReportSentence[] = [
  { key: 'no-course' },
  { key: 'course-not-started', values: { startDate: '2026-03-16' } },
  { key: 'runs-done', values: { done: 31, planned: 36, weeksReached: 10, weeks: 12, minimum: 2 } },
  { key: 'runs-none', values: { weeks: 1 } },
  { key: 'runs-supervised', values: { done: 11, weeks: 12 } },
  { key: 'runs-extra', values: { extra: 1 } },
  { key: 'runs-outside', values: { beforeStart: 2, afterEnd: 0 } },
  { key: 'runs-to-come', values: { weeks: 3 } },
  { key: 'minutes-run', values: { minutes: 918, averageMinutes: 76.5, weeks: 12 } },
  { key: 'minutes-none' },
  { key: 'zone-share', values: { percent: 75, weeksWithZone: 12 } },
  { key: 'zone-none' },
  { key: 'resting-heart-rate', values: { checks: 3, firstBpm: 68, lastBpm: 61 } },
  { key: 'resting-heart-rate-one', values: { bpm: 66 } },
  { key: 'resting-ln-rmssd', values: { checks: 3, first: Math.log(40), last: Math.log(55) } },
  { key: 'resting-ln-rmssd-one', values: { value: 3.9 } },
  { key: 'resting-refused', values: { refused: 2 } },
  { key: 'resting-none' },
  { key: 'mood-feeling', values: { runs: 36, before: -0.25, after: 2.5, betterOrSame: 34 } },
  { key: 'mood-arousal', values: { runs: 36, before: 4, after: 3.25 } },
  { key: 'mood-none' },
  { key: 'exertion-average', values: { runs: 36, average: 3.4, word: 3 } },
  { key: 'exertion-none' },
  { key: 'notes-count', values: { count: 2 } },
  { key: 'notes-none' },
  { key: 'intake-done', values: { date: '2026-03-13', advice: 'see-doctor-first' } },
  { key: 'intake-at-rest', values: { feeling: 1, arousal: 3 } },
  { key: 'intake-heart-rate-medication' },
  { key: 'intake-none' },
];

describe('the evaluation in words', () => {
  it.each(['en', 'nl'] as const)('says every sentence in full in %s', (language) => {
    locale = language;
    for (const sentence of everySentence) {
      const text = reportSentenceText(sentence, 'Anna', language);
      expect({ key: sentence.key, whole: /^[^{}]{10,}$/u.test(text) }).toEqual({
        key: sentence.key,
        whole: true,
      });
    }
  });

  it('fills in the example sentence of the brief', () => {
    expect(reportSentenceText(everySentence[2] as ReportSentence, 'Anna', 'en')).toBe(
      'Anna ran 31 of 36 planned runs; in 10 of 12 weeks Anna ran at least twice.',
    );
  });

  it('writes numbers and dates the language’s way, whatever the machine’s time zone', () => {
    locale = 'nl';
    expect(reportSentenceText(everySentence[18] as ReportSentence, 'Anna', 'nl')).toContain('-0,3');
    expect(reportSentenceText(everySentence[18] as ReportSentence, 'Anna', 'nl')).toContain('+2,5');
    expect(calendarDateWords('2026-03-16', 'nl')).toBe('16 maart 2026');
    expect(calendarDateWords('2026-03-16', 'en')).toBe('March 16, 2026');
  });
});
