import { m } from '../../src/paraglide/messages.js';
import { describe, expect, it } from 'vitest';
import { openApp, useBrowser } from './support/browser';

import {
  databaseSnapshot,
  historyTexts,
  importOnHistory,
  openHistory,
  storedCounts,
} from './support/sessions';
import { backupFileOf, fitFileOf, syntheticRun } from './support/synthetic-sessions';

const browser = useBrowser();

const day = 24 * 3600_000;
const firstStart = Date.UTC(2026, 0, 5, 7, 30);
const stored = [
  syntheticRun({ id: 'seed-run-1', startedAtWallMs: firstStart, durationS: 600, notes: 'First run' }),
  syntheticRun({ id: 'seed-run-2', startedAtWallMs: firstStart + day, durationS: 900, bpm: 132 }),
];

describe('importing a bad file', () => {
  it('is refused with a message, and leaves the stored sessions exactly as they were', async () => {
    const app = await openApp(browser());
    const { page } = app;
    await openHistory(page);
    const seeded = await importOnHistory(page, {
      name: 'calm-run-backup.json',
      mimeType: 'application/json',
      buffer: backupFileOf(stored),
    });
    expect(seeded).toEqual({ kind: 'imported', text: m.importDone({ imported: 2, skipped: 0 }) });
    expect(await historyTexts(page)).toHaveLength(2);
    const countsBefore = await storedCounts(page);
    expect(countsBefore).toEqual({ sessions: 2, history: 2, chunks: 2 });
    const databaseBefore = await databaseSnapshot(page);
    const historyBefore = await historyTexts(page);

    const newRun = syntheticRun({ id: 'new-run', startedAtWallMs: firstStart + 2 * day, durationS: 300 });
    const wholeFit = fitFileOf(newRun);
    const validBackup = JSON.parse(backupFileOf([newRun]).toString('utf8')) as { sessions: unknown[] };
    const badFiles: {
      what: string;
      name: string;
      mimeType: string;
      buffer: Buffer;
      /** The translated sentence the refusal shows, and the schema's untranslated words after it, if any. */
      reason: string;
      detail?: RegExp;
    }[] = [
      {
        what: 'a FIT file cut off while copying',
        name: 'cut-off.fit',
        mimeType: 'application/vnd.ant.fit',
        buffer: wholeFit.subarray(0, Math.floor(wholeFit.length * 0.6)),
        reason: m.importRefusal_fitDamaged(),
      },
      {
        what: 'a backup whose session is a "__proto__" object',
        name: 'hostile.json',
        mimeType: 'application/json',
        buffer: Buffer.from('{"format":"calm-run-backup","version":1,"sessions":[{"__proto__":{}}]}'),
        reason: m.importRefusal_backupDamaged(),
      },
      {
        what: 'a complete backup envelope whose session is a "__proto__" object',
        name: 'hostile-envelope.json',
        mimeType: 'application/json',
        buffer: Buffer.from(
          '{"format":"calm-run-backup","version":1,"exportedAt":"2026-01-15T12:00:00.000Z",' +
            '"app":{"name":"Calm Run","version":"1"},"sessions":[{"__proto__":{"polluted":true}}]}',
        ),
        reason: m.importRefusal_backupDamaged(),
        detail: /\(sessions\.0\b/u,
      },
      {
        // A good new session first, then one carrying "__proto__": all or nothing, so the good one is not stored.
        what: 'a backup with one good session and one polluted one',
        name: 'half-good.json',
        mimeType: 'application/json',
        buffer: Buffer.from(
          JSON.stringify({
            ...validBackup,
            sessions: [
              ...validBackup.sessions,
              JSON.parse(
                JSON.stringify(validBackup.sessions[0]).replace(
                  '"id":"new-run"',
                  '"id":"new-run-2","__proto__":{"polluted":true}',
                ),
              ) as unknown,
            ],
          }),
        ),
        reason: m.importRefusal_backupDamaged(),
        detail: /\(sessions\.1\.meta\.__proto__/u,
      },
      {
        what: 'a backup cut off while copying',
        name: 'cut-off.json',
        mimeType: 'application/json',
        buffer: backupFileOf([newRun]).subarray(0, 2_000),
        reason: m.importRefusal_backupNotJson(),
      },
    ];

    for (const file of badFiles) {
      const outcome = await importOnHistory(page, file);
      expect(outcome.kind, file.what).toBe('refused');
      expect(outcome.text, file.what).toContain(m.importRefused());
      expect(outcome.text, file.what).toContain(m.importReason({ reason: file.reason }));
      if (file.detail) expect(outcome.text, file.what).toMatch(file.detail);
      expect(await databaseSnapshot(page), `${file.what}: the database is unchanged`).toBe(databaseBefore);
      expect(await historyTexts(page), `${file.what}: history is unchanged`).toEqual(historyBefore);
    }
    expect(await page.evaluate(() => Reflect.get({}, 'polluted') as unknown)).toBeUndefined();

    // The whole FIT file of the same run is fine: the refusals were about the damage, not the run.
    const good = await importOnHistory(page, {
      name: 'whole.fit',
      mimeType: 'application/vnd.ant.fit',
      buffer: wholeFit,
    });
    expect(good).toEqual({ kind: 'imported', text: m.importDone({ imported: 1, skipped: 0 }) });
    expect(await storedCounts(page)).toEqual({ sessions: 3, history: 3, chunks: 3 });
    expect(await databaseSnapshot(page)).not.toBe(databaseBefore);
    app.expectNoUnhandledErrors();
  });
});
