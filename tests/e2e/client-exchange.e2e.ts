import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parseClientFile } from '../../src/adapters/files/client-file';
import { importRefusalText } from '../../src/i18n/choices/import-refusal-words';
import type { ImportRefusal } from '../../src/adapters/files/import-refusal';
import { m } from '../../src/paraglide/messages.js';
import { openApp, useBrowser } from './support/browser';
import { clientId, clientName, clientProfile, clientRecord, clientRun } from './support/client-files';
import { hostileClientFiles } from './support/hostile-client-files';
import { textOf } from './support/expect-page';
import {
  databaseSnapshot,
  downloadFrom,
  historyTexts,
  importOnHistory,
  openHistory,
  recordSimulatedRun,
  storedSession,
  type DownloadedFile,
} from './support/sessions';
import { backupFileOf } from './support/synthetic-sessions';

/**
 * The client file in real Chromium, both ways. The therapist's clients screens (`#/clients`, with
 * ClientFileActions on each client's page) merge later; until then the therapist's device runs as the client (the
 * client's profile is its active runner), and the profile screen's "Send my runs to my therapist" writes the very
 * same file from the same code (collectClientFile), notes included. The client's device is a fresh browser context:
 * nothing of the therapist's device is in it.
 */

const browser = useBrowser();

/** The therapist's device: the client's profile (active), client record, and three runs via the backup import. */
async function seedTherapistDevice(page: Page): Promise<void> {
  await page.getByTestId('start-run').waitFor();
  await page.evaluate(
    ({ profile, record }) => {
      localStorage.setItem(
        'calm-run.preferences',
        JSON.stringify({ runners: [profile], activeRunnerId: profile.id }),
      );
      return new Promise<void>((resolve, reject) => {
        const request = indexedDB.open('calm-run');
        request.onerror = () => {
          reject(request.error ?? new Error('indexedDB.open failed'));
        };
        request.onsuccess = () => {
          const db = request.result;
          const transaction = db.transaction('clients', 'readwrite');
          transaction.objectStore('clients').put(record);
          transaction.oncomplete = () => {
            db.close();
            resolve();
          };
          transaction.onerror = () => {
            db.close();
            reject(transaction.error ?? new Error('the client record was not stored'));
          };
        };
      });
    },
    { profile: clientProfile(), record: clientRecord() },
  );
  await page.reload();
  await openHistory(page);
  const seeded = await importOnHistory(page, {
    name: 'calm-run-backup.json',
    mimeType: 'application/json',
    buffer: backupFileOf([clientRun(0), clientRun(1), clientRun(2)]),
  });
  expect(seeded.kind).toBe('imported');
}

async function openProfile(page: Page): Promise<void> {
  await page.getByRole('link', { name: m.navProfile(), exact: true }).click();
  await page.getByRole('heading', { level: 1, name: m.profileTitle(), exact: true }).waitFor();
}

/** Picks a client file in the profile screen's import and waits for its outcome. */
async function importOnProfile(
  page: Page,
  file: { name: string; mimeType: string; buffer: Buffer },
): Promise<{ kind: string; text: string }> {
  const input = page.getByTestId('therapist-file-import');
  await input.setInputFiles(file);
  await expect
    .poll(() => input.evaluate((element) => (element as HTMLInputElement).value), {
      timeout: 15_000,
      interval: 50,
      message: 'the import to finish',
    })
    .toBe('');
  const outcome = page.getByTestId('client-import-outcome');
  await outcome.waitFor();
  return { kind: (await outcome.getAttribute('data-kind')) ?? '', text: await textOf(outcome) };
}

const asUpload = (file: DownloadedFile) => ({
  name: file.name,
  mimeType: 'application/json',
  buffer: file.bytes,
});

/** The client record as the page's IndexedDB holds it. */
async function storedRecord(page: Page, runnerId: string): Promise<unknown> {
  return page.evaluate(
    (id) =>
      new Promise<unknown>((resolve, reject) => {
        const request = indexedDB.open('calm-run');
        request.onerror = () => {
          reject(request.error ?? new Error('indexedDB.open failed'));
        };
        request.onsuccess = () => {
          const db = request.result;
          const read = db.transaction('clients', 'readonly').objectStore('clients').get(id);
          read.onsuccess = () => {
            db.close();
            resolve(read.result);
          };
          read.onerror = () => {
            db.close();
            reject(read.error ?? new Error('the client record could not be read'));
          };
        };
      }),
    runnerId,
  );
}

describe('the client file between therapist and client', () => {
  it(
    'hands the whole record to a fresh Calm Run, and merges the client’s later runs back',
    { timeout: 180_000 },
    async () => {
      const therapist = await openApp(browser());
      await seedTherapistDevice(therapist.page);
      await openProfile(therapist.page);
      const handOver = await downloadFrom(therapist.page, m.sendRunsToTherapist());
      expect(handOver.name).toMatch(/^calm-run-client-anna-de-vries-\d{4}-\d{2}-\d{2}\.json$/u);
      const handed = parseClientFile(handOver.bytes.toString('utf8'));
      expect(handed.ok && handed.file.sessions.map((session) => session.meta.id)).toEqual([
        'anna-run-1',
        'anna-run-2',
        'anna-run-3',
      ]);

      // The client's own Calm Run: a fresh browser profile. The profile, record and runs appear.
      const client = await openApp(browser(), { path: '/?sim=calmRun&speed=10' });
      await client.page.getByTestId('start-run').waitFor();
      await openProfile(client.page);
      const received = await importOnProfile(client.page, asUpload(handOver));
      expect(received.kind).toBe('merged');
      expect(received.text).toContain(m.clientImportRunsAdded({ count: 3 }));
      expect(received.text).toContain(m.clientImportProfileAdded({ name: clientName }));
      await expect
        .poll(() => client.page.getByRole('textbox', { name: m.runnerName() }).inputValue())
        .toBe(clientName);
      expect(await storedRecord(client.page, clientId)).toMatchObject({
        goals: clientRecord().goals,
        course: clientRecord().course,
        intake: clientRecord().intake,
        notes: clientRecord().notes,
      });
      await openHistory(client.page);
      expect(await historyTexts(client.page)).toHaveLength(3);

      // The client runs once more (the simulated strap; the run is theirs), then sends their runs back.
      await client.page.getByRole('link', { name: m.navHome(), exact: true }).click();
      const newRunId = await recordSimulatedRun(client.page);
      expect((await storedSession(client.page, newRunId))?.meta.runnerId).toBe(clientId);
      await openProfile(client.page);
      const runsBack = await downloadFrom(client.page, m.sendRunsToTherapist());

      // The therapist imports them: the new run is added, the three runs already there are left exactly as they were.
      const before = await Promise.all(
        ['anna-run-1', 'anna-run-2', 'anna-run-3'].map((id) => storedSession(therapist.page, id)),
      );
      const merged = await importOnProfile(therapist.page, asUpload(runsBack));
      expect(merged.kind).toBe('merged');
      expect(merged.text).toContain(
        `${m.clientImportRunsAdded({ count: 1 })} ${m.clientImportRunsAlreadyHere({ count: 3 })}`,
      );
      const after = await Promise.all(
        ['anna-run-1', 'anna-run-2', 'anna-run-3'].map((id) => storedSession(therapist.page, id)),
      );
      expect(after).toEqual(before);
      expect((await storedSession(therapist.page, newRunId))?.meta.runnerId).toBe(clientId);
      await openHistory(therapist.page);
      expect(await historyTexts(therapist.page)).toHaveLength(4);

      therapist.expectNoUnhandledErrors();
      client.expectNoUnhandledErrors();
    },
  );

  it(
    'refuses every hostile client file with its reason, changing nothing',
    { timeout: 180_000 },
    async () => {
      const app = await openApp(browser());
      await seedTherapistDevice(app.page);
      await openProfile(app.page);
      const databaseBefore = await databaseSnapshot(app.page);
      const preferencesBefore = await app.page.evaluate(() => localStorage.getItem('calm-run.preferences'));
      const corpus = hostileClientFiles();
      expect(corpus.length).toBeGreaterThanOrEqual(8);
      for (const hostile of corpus) {
        const outcome = await importOnProfile(app.page, {
          name: hostile.fileName,
          mimeType: hostile.mimeType,
          buffer: Buffer.from(hostile.bytes()),
        });
        expect(outcome.kind, hostile.name).toBe('refused');
        const sentence = importRefusalText(hostile.refusal as ImportRefusal, { locale: 'en' });
        expect(outcome.text, hostile.name).toContain(m.importReason({ reason: sentence }));
        expect(await databaseSnapshot(app.page), hostile.name).toBe(databaseBefore);
        expect(
          await app.page.evaluate(() => localStorage.getItem('calm-run.preferences')),
          hostile.name,
        ).toBe(preferencesBefore);
      }
      expect(
        await app.page.evaluate(() => [Reflect.get({}, 'polluted'), Reflect.get({}, 'isAdmin')] as unknown[]),
      ).toEqual([undefined, undefined]);
      app.expectNoUnhandledErrors();
    },
  );
});
