import { m } from '../../paraglide/messages.js';
import type { IntakeAdvice } from '../../core/clients/client-record';
import type { ReportSectionId, ReportSentence } from '../../core/clients/evaluation-report';
import { calendarDateWords } from './date-words';
import { exertionWordsMessages } from './mood-words';

// The evaluation's headings and sentences in the chosen language: the report gives keys and values, this gives words.

export const reportSectionTitles: Readonly<Record<ReportSectionId, () => string>> = {
  runs: m.reportSections_runs,
  minutes: m.reportSections_minutes,
  zone: m.reportSections_zone,
  resting: m.reportSections_resting,
  mood: m.reportSections_mood,
  exertion: m.reportSections_exertion,
  notes: m.reportSections_notes,
  intake: m.reportSections_intake,
};

const adviceWords: Readonly<Record<IntakeAdvice, () => string>> = {
  'can-start': m.reportAdvice_canStart,
  'see-doctor-first': m.reportAdvice_seeDoctorFirst,
  'sports-medical-check': m.reportAdvice_sportsMedicalCheck,
};

function decimal(value: number, locale: string, digits: number): string {
  return new Intl.NumberFormat(locale, {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  }).format(value);
}

function whole(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

/** A Feeling Scale value with its sign: "+2.5", "-0.3", "0" with one decimal for a mean, "+2" for an answer. */
function signed(value: number, locale: string, digits: number): string {
  return new Intl.NumberFormat(locale, {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
    signDisplay: 'exceptZero',
  }).format(value);
}

/** One sentence of the evaluation in words; `name` is the client's name or pseudonym. */
export function reportSentenceText(sentence: ReportSentence, name: string, locale: string): string {
  switch (sentence.key) {
    case 'no-course':
      return m.reportSentences_noCourse({ name });
    case 'course-not-started':
      return m.reportSentences_courseNotStarted({
        date: calendarDateWords(sentence.values.startDate, locale),
      });
    case 'runs-done': {
      const { done, planned, weeksReached, weeks, minimum } = sentence.values;
      return m.reportSentences_runsDone({ name, done, planned, reached: weeksReached, weeks, minimum });
    }
    case 'runs-none':
      return m.reportSentences_runsNone({ weeks: sentence.values.weeks });
    case 'runs-supervised':
      return m.reportSentences_runsSupervised(sentence.values);
    case 'runs-extra':
      return m.reportSentences_runsExtra(sentence.values);
    case 'runs-outside':
      return m.reportSentences_runsOutside({
        before: sentence.values.beforeStart,
        after: sentence.values.afterEnd,
      });
    case 'runs-to-come':
      return m.reportSentences_runsToCome(sentence.values);
    case 'minutes-run':
      return m.reportSentences_minutesRun({
        name,
        minutes: whole(sentence.values.minutes, locale),
        average: whole(sentence.values.averageMinutes, locale),
      });
    case 'minutes-none':
      return m.reportSentences_minutesNone();
    case 'zone-share':
      return m.reportSentences_zoneShare({ percent: sentence.values.percent });
    case 'zone-none':
      return m.reportSentences_zoneNone();
    case 'resting-heart-rate':
      return m.reportSentences_restingHeartRate({
        checks: sentence.values.checks,
        first: whole(sentence.values.firstBpm, locale),
        last: whole(sentence.values.lastBpm, locale),
      });
    case 'resting-heart-rate-one':
      return m.reportSentences_restingHeartRateOne({ bpm: whole(sentence.values.bpm, locale) });
    case 'resting-ln-rmssd':
      return m.reportSentences_restingLnRmssd({
        first: decimal(sentence.values.first, locale, 2),
        last: decimal(sentence.values.last, locale, 2),
      });
    case 'resting-ln-rmssd-one':
      return m.reportSentences_restingLnRmssdOne({ value: decimal(sentence.values.value, locale, 2) });
    case 'resting-refused':
      return m.reportSentences_restingRefused(sentence.values);
    case 'resting-none':
      return m.reportSentences_restingNone();
    case 'mood-feeling':
      return m.reportSentences_moodFeeling({
        name,
        runs: sentence.values.runs,
        before: signed(sentence.values.before, locale, 1),
        after: signed(sentence.values.after, locale, 1),
        better: sentence.values.betterOrSame,
      });
    case 'mood-arousal':
      return m.reportSentences_moodArousal({
        before: decimal(sentence.values.before, locale, 1),
        after: decimal(sentence.values.after, locale, 1),
      });
    case 'mood-none':
      return m.reportSentences_moodNone({ name });
    case 'exertion-average':
      return m.reportSentences_exertionAverage({
        average: decimal(sentence.values.average, locale, 1),
        word: (exertionWordsMessages[sentence.values.word] ?? (() => ''))(),
      });
    case 'exertion-none':
      return m.reportSentences_exertionNone();
    case 'notes-count':
      return m.reportSentences_notesCount(sentence.values);
    case 'notes-none':
      return m.reportSentences_notesNone();
    case 'intake-done':
      return m.reportSentences_intakeDone({
        date: calendarDateWords(sentence.values.date, locale),
        advice: adviceWords[sentence.values.advice](),
      });
    case 'intake-at-rest':
      return m.reportSentences_intakeAtRest({
        feeling: signed(sentence.values.feeling, locale, 0),
        arousal: sentence.values.arousal,
      });
    case 'intake-heart-rate-medication':
      return m.reportSentences_intakeHeartRateMedication({ name });
    case 'intake-none':
      return m.reportSentences_intakeNone();
  }
}
