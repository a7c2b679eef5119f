/**
 * Why a backup, client or FIT file was refused, as a value: the words come from the message catalogues (see
 * importRefusalText in src/i18n/choices/import-refusal-words.ts), so the runner reads them in the app's language. Numbers stay
 * numbers; `detail` is only for technical words that cannot be translated (a decoder's error, a schema path) and is
 * shown in parentheses after the sentence.
 */
export type ImportRefusal =
  // Any file, before it is read.
  | { code: 'file-too-large'; maxMegabytes: number }
  // Backups.
  | { code: 'backup-unreadable'; detail: string }
  | { code: 'backup-not-text' }
  | { code: 'backup-too-large'; maxMegabytes: number }
  | { code: 'backup-empty' }
  | { code: 'backup-too-deep' }
  | { code: 'backup-too-many-entries'; maxEntries: number }
  | { code: 'backup-not-json' }
  | { code: 'backup-no-version' }
  | { code: 'backup-not-calm-run' }
  | { code: 'backup-newer-version'; version: number }
  | { code: 'backup-damaged'; detail: string }
  | { code: 'backup-duplicate-session' }
  | { code: 'backup-is-client-file' }
  // Client files (one client's profile, record and sessions; see client-file.ts).
  | { code: 'client-file-unreadable'; detail: string }
  | { code: 'client-file-not-text' }
  | { code: 'client-file-too-large'; maxMegabytes: number }
  | { code: 'client-file-too-deep' }
  | { code: 'client-file-too-many-entries'; maxEntries: number }
  | { code: 'client-file-not-json' }
  | { code: 'client-file-is-backup' }
  | { code: 'client-file-not-client-file' }
  | { code: 'client-file-newer-version'; version: number }
  | { code: 'client-file-damaged'; detail: string }
  | { code: 'client-file-ids-differ' }
  | { code: 'client-file-other-runner'; detail: string }
  | { code: 'client-file-duplicate-session' }
  | { code: 'client-file-unfinished-session' }
  | { code: 'client-file-other-client' }
  // FIT files.
  | { code: 'fit-unreadable'; detail: string }
  | { code: 'fit-too-large'; megabytes: number; maxMegabytes: number }
  | { code: 'fit-not-fit' }
  | { code: 'fit-damaged' }
  | { code: 'fit-too-many-records'; maxRecords: number }
  | { code: 'fit-too-many-heartbeats'; maxHeartbeats: number }
  | { code: 'fit-incomplete'; detail: string }
  | { code: 'fit-not-activity'; fileType: string }
  | { code: 'fit-no-points' }
  | { code: 'fit-no-heart-rate' }
  | { code: 'fit-bad-times' }
  | { code: 'fit-values-out-of-range'; detail: string };

export type ImportRefusalCode = ImportRefusal['code'];
