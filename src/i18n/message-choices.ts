import type { ImportRefusal, ImportRefusalCode } from '../adapters/files/import-refusal';
import type { BodySensorLocation } from '../core/ble/body-sensor-location';
import type { CoherenceLevel } from '../core/breathing/coherence-level';
import type { CourseTextProblemCode } from '../core/coaching/course-text';
import type { PhaseKind } from '../core/coaching/run-plan';
import type { LostReason } from '../core/strap/connection-state';
import type { DfaCalibrationRefusal } from '../core/zones/dfa-calibration';
import type { ZoneState } from '../core/zones/zone-tracker';
import type { ZoneChoice } from '../app/profile-form.svelte';
import { m } from '../paraglide/messages.js';
import { getLocale, type Locale } from '../paraglide/runtime.js';

// Message functions by the value they name, for words chosen at run time (a state, a reason, a scale point).

export const lostReasonMessages = {
  'chooser-cancelled': m.lostReason_chooserCancelled,
  'bluetooth-unavailable': m.lostReason_bluetoothUnavailable,
  'bluetooth-off': m.lostReason_bluetoothOff,
  'permission-denied': m.lostReason_permissionDenied,
  'no-heart-rate-service': m.lostReason_noHeartRateService,
  'connect-failed': m.lostReason_connectFailed,
  'packet-log-invalid': m.lostReason_packetLogInvalid,
  'replay-ended': m.lostReason_replayEnded,
} as const satisfies Record<LostReason, unknown>;

export const bodyLocationMessages = {
  other: m.bodyLocation_other,
  chest: m.bodyLocation_chest,
  wrist: m.bodyLocation_wrist,
  finger: m.bodyLocation_finger,
  hand: m.bodyLocation_hand,
  'ear-lobe': m.bodyLocation_earLobe,
  foot: m.bodyLocation_foot,
} as const satisfies Record<BodySensorLocation, unknown>;

export const zoneStatesMessages = {
  'no-reading': m.zoneStates_noReading,
  below: m.zoneStates_below,
  in: m.zoneStates_in,
  'above-pending': m.zoneStates_abovePending,
  above: m.zoneStates_above,
} as const satisfies Record<ZoneState, unknown>;

export const zoneStateHintsMessages = {
  'no-reading': m.zoneStateHints_noReading,
  below: m.zoneStateHints_below,
  in: m.zoneStateHints_in,
  'above-pending': m.zoneStateHints_abovePending,
  above: m.zoneStateHints_above,
} as const satisfies Record<ZoneState, unknown>;

export const phaseNamesMessages = {
  'warm-up-walk': m.phaseNames_warmUpWalk,
  run: m.phaseNames_run,
  walk: m.phaseNames_walk,
  'calm-run': m.phaseNames_calmRun,
  'cool-down-walk': m.phaseNames_coolDownWalk,
  breathing: m.phaseNames_breathing,
} as const satisfies Record<PhaseKind, unknown>;

export const zoneMethodsMessages = {
  default: m.zoneMethods_default,
  'percent-max': m.zoneMethods_percentMax,
  'percent-reserve': m.zoneMethods_percentReserve,
  fixed: m.zoneMethods_fixed,
  'by-feel': m.zoneMethods_byFeel,
} as const satisfies Record<ZoneChoice, unknown>;

export const calibrationRefusalsMessages = {
  'too-few-points': m.calibrationRefusals_tooFewPoints,
  'too-many-artifacts': m.calibrationRefusals_tooManyArtifacts,
  'hr-range-too-narrow': m.calibrationRefusals_hrRangeTooNarrow,
  'never-crosses': m.calibrationRefusals_neverCrosses,
  'too-few-fit-points': m.calibrationRefusals_tooFewFitPoints,
  'unclear-crossing': m.calibrationRefusals_unclearCrossing,
} as const satisfies Record<DfaCalibrationRefusal, unknown>;

export const courseTextProblemsMessages = {
  'no-weeks': m.courseTextProblems_noWeeks,
  'too-many-weeks': m.courseTextProblems_tooManyWeeks,
  empty: m.courseTextProblems_empty,
  'unknown-word': m.courseTextProblems_unknownWord,
  'missing-kind': m.courseTextProblems_missingKind,
  'bad-number': m.courseTextProblems_badNumber,
  syntax: m.courseTextProblems_syntax,
  'bad-repeat': m.courseTextProblems_badRepeat,
  'too-many-parts': m.courseTextProblems_tooManyParts,
  'no-running': m.courseTextProblems_noRunning,
  'week-too-long': m.courseTextProblems_weekTooLong,
  'supervised-run': m.courseTextProblems_supervisedRun,
} as const satisfies Record<CourseTextProblemCode, unknown>;

export const feelingAnchorsMessages: Readonly<Partial<Record<number, () => string>>> = {
  '0': m.feelingAnchors_0,
  '1': m.feelingAnchors_1,
  '3': m.feelingAnchors_3,
  '5': m.feelingAnchors_5,
  '-5': m.feelingAnchors_minus5,
  '-3': m.feelingAnchors_minus3,
  '-1': m.feelingAnchors_minus1,
};

export const arousalAnchorsMessages: Readonly<Partial<Record<number, () => string>>> = {
  '1': m.arousalAnchors_1,
  '6': m.arousalAnchors_6,
};

export const exertionWordsMessages: Readonly<Partial<Record<number, () => string>>> = {
  '0': m.exertionWords_0,
  '1': m.exertionWords_1,
  '2': m.exertionWords_2,
  '3': m.exertionWords_3,
  '4': m.exertionWords_4,
  '5': m.exertionWords_5,
  '6': m.exertionWords_6,
  '7': m.exertionWords_7,
  '8': m.exertionWords_8,
  '9': m.exertionWords_9,
  '10': m.exertionWords_10,
};

export const breathingRatiosMessages: Readonly<Partial<Record<number, () => string>>> = {
  '0': m.breathingRatios_0,
  '1': m.breathingRatios_1,
  '2': m.breathingRatios_2,
};

export const coherenceLevelsMessages = {
  low: m.coherenceLevels_low,
  medium: m.coherenceLevels_medium,
  high: m.coherenceLevels_high,
} as const satisfies Record<CoherenceLevel, unknown>;

export const coherenceHintsMessages = {
  low: m.coherenceHints_low,
  medium: m.coherenceHints_medium,
  high: m.coherenceHints_high,
} as const satisfies Record<CoherenceLevel, unknown>;

export const coherenceProblemsMessages = {
  'no-signal': m.coherenceProblems_noSignal,
  'no-contact': m.coherenceProblems_noContact,
  'too-few-beats': m.coherenceProblems_tooFewBeats,
} as const;

/** A number as the runner's language writes it ("1,5" in Dutch, "200,000" in English). */
function localNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value);
}

type RefusalWords = {
  [Code in ImportRefusalCode]: (refusal: Extract<ImportRefusal, { code: Code }>, locale: Locale) => string;
};

export const importRefusalMessages = {
  'file-too-large': (refusal, locale) =>
    m.importRefusal_fileTooLarge({ maxMegabytes: localNumber(refusal.maxMegabytes, locale) }, { locale }),
  'backup-unreadable': (_, locale) => m.importRefusal_backupUnreadable({}, { locale }),
  'backup-not-text': (_, locale) => m.importRefusal_backupNotText({}, { locale }),
  'backup-too-large': (refusal, locale) =>
    m.importRefusal_backupTooLarge({ maxMegabytes: localNumber(refusal.maxMegabytes, locale) }, { locale }),
  'backup-empty': (_, locale) => m.importRefusal_backupEmpty({}, { locale }),
  'backup-too-deep': (_, locale) => m.importRefusal_backupTooDeep({}, { locale }),
  'backup-not-json': (_, locale) => m.importRefusal_backupNotJson({}, { locale }),
  'backup-no-version': (_, locale) => m.importRefusal_backupNoVersion({}, { locale }),
  'backup-not-calm-run': (_, locale) => m.importRefusal_backupNotCalmRun({}, { locale }),
  'backup-newer-version': (refusal, locale) =>
    m.importRefusal_backupNewerVersion({ version: refusal.version }, { locale }),
  'backup-damaged': (_, locale) => m.importRefusal_backupDamaged({}, { locale }),
  'backup-duplicate-session': (_, locale) => m.importRefusal_backupDuplicateSession({}, { locale }),
  'fit-unreadable': (_, locale) => m.importRefusal_fitUnreadable({}, { locale }),
  'fit-too-large': (refusal, locale) =>
    m.importRefusal_fitTooLarge(
      {
        megabytes: localNumber(refusal.megabytes, locale),
        maxMegabytes: localNumber(refusal.maxMegabytes, locale),
      },
      { locale },
    ),
  'fit-not-fit': (_, locale) => m.importRefusal_fitNotFit({}, { locale }),
  'fit-damaged': (_, locale) => m.importRefusal_fitDamaged({}, { locale }),
  'fit-too-many-records': (refusal, locale) =>
    m.importRefusal_fitTooManyRecords({ maxRecords: localNumber(refusal.maxRecords, locale) }, { locale }),
  'fit-too-many-heartbeats': (refusal, locale) =>
    m.importRefusal_fitTooManyHeartbeats(
      { maxHeartbeats: localNumber(refusal.maxHeartbeats, locale) },
      { locale },
    ),
  'fit-incomplete': (_, locale) => m.importRefusal_fitIncomplete({}, { locale }),
  'fit-not-activity': (refusal, locale) =>
    m.importRefusal_fitNotActivity({ fileType: refusal.fileType }, { locale }),
  'fit-no-points': (_, locale) => m.importRefusal_fitNoPoints({}, { locale }),
  'fit-no-heart-rate': (_, locale) => m.importRefusal_fitNoHeartRate({}, { locale }),
  'fit-bad-times': (_, locale) => m.importRefusal_fitBadTimes({}, { locale }),
  'fit-values-out-of-range': (_, locale) => m.importRefusal_fitValuesOutOfRange({}, { locale }),
} as const satisfies RefusalWords;

/**
 * Why a file was refused, in the runner's language: the catalogue's sentence with its numbers filled in, then any
 * technical detail (a decoder's error, a schema path) in parentheses, as it cannot be translated.
 */
export function importRefusalText(refusal: ImportRefusal, options: { locale?: Locale } = {}): string {
  const locale = options.locale ?? getLocale();
  // The map is exhaustive and keyed by code, so the entry for this code takes this refusal.
  const words = importRefusalMessages[refusal.code] as (refusal: ImportRefusal, locale: Locale) => string;
  const sentence = words(refusal, locale);
  return 'detail' in refusal && refusal.detail !== '' ? `${sentence} (${refusal.detail})` : sentence;
}
