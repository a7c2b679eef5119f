import type { ImportRefusal, ImportRefusalCode } from '../../adapters/files/import-refusal';
import { m } from '../../paraglide/messages.js';
import { getLocale, type Locale } from '../../paraglide/runtime.js';

// Why a backup, client or FIT file was refused, in the runner's language.
// Message functions keyed by the value they name, for words chosen at run time: one small module a subject,
// so a screen loads only the words it shows.

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
  'backup-too-many-entries': (refusal, locale) =>
    m.importRefusal_backupTooManyEntries({ maxEntries: localNumber(refusal.maxEntries, locale) }, { locale }),
  'backup-not-json': (_, locale) => m.importRefusal_backupNotJson({}, { locale }),
  'backup-no-version': (_, locale) => m.importRefusal_backupNoVersion({}, { locale }),
  'backup-not-calm-run': (_, locale) => m.importRefusal_backupNotCalmRun({}, { locale }),
  'backup-newer-version': (refusal, locale) =>
    m.importRefusal_backupNewerVersion({ version: refusal.version }, { locale }),
  'backup-damaged': (_, locale) => m.importRefusal_backupDamaged({}, { locale }),
  'backup-duplicate-session': (_, locale) => m.importRefusal_backupDuplicateSession({}, { locale }),
  'backup-is-client-file': (_, locale) => m.importRefusal_backupIsClientFile({}, { locale }),
  'client-file-unreadable': (_, locale) => m.importRefusal_clientFileUnreadable({}, { locale }),
  'client-file-not-text': (_, locale) => m.importRefusal_clientFileNotText({}, { locale }),
  'client-file-too-large': (refusal, locale) =>
    m.importRefusal_clientFileTooLarge(
      { maxMegabytes: localNumber(refusal.maxMegabytes, locale) },
      { locale },
    ),
  'client-file-too-deep': (_, locale) => m.importRefusal_clientFileTooDeep({}, { locale }),
  'client-file-too-many-entries': (refusal, locale) =>
    m.importRefusal_clientFileTooManyEntries(
      { maxEntries: localNumber(refusal.maxEntries, locale) },
      { locale },
    ),
  'client-file-not-json': (_, locale) => m.importRefusal_clientFileNotJson({}, { locale }),
  'client-file-is-backup': (_, locale) => m.importRefusal_clientFileIsBackup({}, { locale }),
  'client-file-not-client-file': (_, locale) => m.importRefusal_clientFileNotClientFile({}, { locale }),
  'client-file-newer-version': (refusal, locale) =>
    m.importRefusal_clientFileNewerVersion({ version: refusal.version }, { locale }),
  'client-file-damaged': (_, locale) => m.importRefusal_clientFileDamaged({}, { locale }),
  'client-file-ids-differ': (_, locale) => m.importRefusal_clientFileIdsDiffer({}, { locale }),
  'client-file-other-runner': (_, locale) => m.importRefusal_clientFileOtherRunner({}, { locale }),
  'client-file-duplicate-session': (_, locale) => m.importRefusal_clientFileDuplicateSession({}, { locale }),
  'client-file-unfinished-session': (_, locale) =>
    m.importRefusal_clientFileUnfinishedSession({}, { locale }),
  'client-file-other-client': (_, locale) => m.importRefusal_clientFileOtherClient({}, { locale }),
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
