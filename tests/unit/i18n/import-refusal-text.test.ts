import { describe, expect, it } from 'vitest';
import type { ImportRefusal, ImportRefusalCode } from '../../../src/adapters/files/import-refusal';
import { importRefusalMessages, importRefusalText } from '../../../src/i18n/choices/import-refusal-words';

/** One refusal of every code, with its numbers and words filled in. */
const examples = {
  'file-too-large': { code: 'file-too-large', maxMegabytes: 100 },
  'backup-unreadable': { code: 'backup-unreadable', detail: 'boom' },
  'backup-not-text': { code: 'backup-not-text' },
  'backup-too-large': { code: 'backup-too-large', maxMegabytes: 100 },
  'backup-empty': { code: 'backup-empty' },
  'backup-too-deep': { code: 'backup-too-deep' },
  'backup-too-many-entries': { code: 'backup-too-many-entries', maxEntries: 2_000_000 },
  'backup-not-json': { code: 'backup-not-json' },
  'backup-no-version': { code: 'backup-no-version' },
  'backup-not-calm-run': { code: 'backup-not-calm-run' },
  'backup-newer-version': { code: 'backup-newer-version', version: 2 },
  'backup-damaged': { code: 'backup-damaged', detail: 'sessions.0.meta.id: Invalid length' },
  'backup-duplicate-session': { code: 'backup-duplicate-session' },
  'backup-is-client-file': { code: 'backup-is-client-file' },
  'client-file-unreadable': { code: 'client-file-unreadable', detail: 'boom' },
  'client-file-not-text': { code: 'client-file-not-text' },
  'client-file-too-large': { code: 'client-file-too-large', maxMegabytes: 100 },
  'client-file-too-deep': { code: 'client-file-too-deep' },
  'client-file-too-many-entries': { code: 'client-file-too-many-entries', maxEntries: 2_000_000 },
  'client-file-not-json': { code: 'client-file-not-json' },
  'client-file-is-backup': { code: 'client-file-is-backup' },
  'client-file-not-client-file': { code: 'client-file-not-client-file' },
  'client-file-newer-version': { code: 'client-file-newer-version', version: 2 },
  'client-file-damaged': { code: 'client-file-damaged', detail: 'client.notes: Invalid length' },
  'client-file-ids-differ': { code: 'client-file-ids-differ' },
  'client-file-other-runner': { code: 'client-file-other-runner', detail: 'run-7' },
  'client-file-duplicate-session': { code: 'client-file-duplicate-session' },
  'client-file-unfinished-session': { code: 'client-file-unfinished-session' },
  'client-file-other-client': { code: 'client-file-other-client' },
  'fit-unreadable': { code: 'fit-unreadable', detail: 'boom' },
  'fit-too-large': { code: 'fit-too-large', megabytes: 51.5, maxMegabytes: 50 },
  'fit-not-fit': { code: 'fit-not-fit' },
  'fit-damaged': { code: 'fit-damaged' },
  'fit-too-many-records': { code: 'fit-too-many-records', maxRecords: 200_000 },
  'fit-too-many-heartbeats': { code: 'fit-too-many-heartbeats', maxHeartbeats: 400_000 },
  'fit-incomplete': { code: 'fit-incomplete', detail: 'boom' },
  'fit-not-activity': { code: 'fit-not-activity', fileType: 'monitoringB' },
  'fit-no-points': { code: 'fit-no-points' },
  'fit-no-heart-rate': { code: 'fit-no-heart-rate' },
  'fit-bad-times': { code: 'fit-bad-times' },
  'fit-values-out-of-range': { code: 'fit-values-out-of-range', detail: 'samples.elapsedMs: Invalid value' },
} as const satisfies { [Code in ImportRefusalCode]: Extract<ImportRefusal, { code: Code }> };

describe('import refusals in words', () => {
  it('cover every code the adapters can give', () => {
    expect(Object.keys(importRefusalMessages).sort()).toEqual(Object.keys(examples).sort());
  });

  it.each(Object.values(examples) as ImportRefusal[])(
    '$code has its own words in English and Dutch',
    (refusal) => {
      const en = importRefusalText(refusal, { locale: 'en' });
      const nl = importRefusalText(refusal, { locale: 'nl' });
      for (const text of [en, nl]) {
        expect(text.trim()).not.toBe('');
        expect(text).not.toMatch(/[{}]/);
      }
      expect(nl).not.toBe(en);
    },
  );

  it('gives every code a different sentence', () => {
    for (const locale of ['en', 'nl'] as const) {
      const texts = Object.values(examples).map((refusal) => importRefusalText(refusal, { locale }));
      expect(new Set(texts).size).toBe(texts.length);
    }
  });

  it('fills in the numbers as each language writes them', () => {
    const fit = examples['fit-too-large'];
    expect(importRefusalText(fit, { locale: 'en' })).toBe(
      'This file is 51.5 MB; Calm Run imports FIT files up to 50 MB.',
    );
    expect(importRefusalText(fit, { locale: 'nl' })).toBe(
      'Dit bestand is 51,5 MB; Calm Run importeert FIT-bestanden tot 50 MB.',
    );
    expect(importRefusalText(examples['backup-newer-version'], { locale: 'nl' })).toContain(
      'back-upversie 2',
    );
  });

  it('shows an untranslatable detail in parentheses after the sentence', () => {
    expect(importRefusalText(examples['backup-damaged'], { locale: 'nl' })).toBe(
      'Deze back-up is beschadigd of met de hand aangepast. (sessions.0.meta.id: Invalid length)',
    );
  });
});
