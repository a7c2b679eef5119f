import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parseClientFile } from '../../src/adapters/files/client-file';
import { importRefusalText } from '../../src/i18n/choices/import-refusal-words';
import type { ImportRefusal } from '../../src/adapters/files/import-refusal';
import { m } from '../../src/paraglide/messages.js';
import { openApp, useBrowser } from './support/browser';
import type { SessionWithSamples } from '../../src/adapters/files/session-with-samples';
import type { ClientRecord } from '../../src/core/clients/client-record';
import { clientName, clientRecord, clientRun } from './support/client-files';
import { keepClientRecord, openClientPage, takeInClient } from './support/clients-ui';
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
 * The client file in real Chromium, both ways: the therapist takes the client in on #/clients and exports the file
 * from the client's page; the client's device is a fresh browser context (nothing of the therapist's device is in
 * it) that imports it on its profile screen, and later sends its runs back for the client's page to import.
 */

const browser = useBrowser();

/** The client's run `index` (clientRun), as a run of the client the therapist's device took in under `runnerId`. */
function runOf(runnerId: string, index: number): SessionWithSamples {
  const run = clientRun(index);
  return { ...run, meta: { ...run.meta, runnerId } };
}

/**
 * The therapist's device: the client taken in on #/clients with their course, goals, note and intake (clientRecord),
 * and three runs through the backup import; back on the client's page. Returns the client's id.
 */
async function seedTherapistDevice(page: Page): Promise<string> {
  await page.getByTestId('start-run').waitFor();
  const runnerId = await takeInClient(page, clientName);
  await keepClientRecord(page, clientName, clientRecord());
  await openHistory(page);
  const seeded = await importOnHistory(page, {
    name: 'calm-run-backup.json',
    mimeType: 'application/json',
    buffer: backupFileOf([runOf(runnerId, 0), runOf(runnerId, 1), runOf(runnerId, 2)]),
  });
  expect(seeded.kind).toBe('imported');
  await openClientPage(page, clientName);
  return runnerId;
}

/** The report's sections as the screen shows them, opened from the client's page. */
async function reportSectionTexts(page: Page): Promise<string[]> {
  await openClientPage(page, clientName);
  await page.getByRole('link', { name: m.clientReport(), exact: true }).click();
  await page.locator('[data-testid="evaluation-report"][data-drawn="true"]').waitFor();
  const texts = await page.getByTestId('report-section').allTextContents();
  return texts.map((text) => text.replace(/\s+/gu, ' ').trim());
}

async function openProfile(page: Page): Promise<void> {
  await page.getByRole('link', { name: m.navProfile(), exact: true }).click();
  await page.getByRole('heading', { level: 1, name: m.profileTitle(), exact: true }).waitFor();
}

/** Picks a client file in an import (the profile's or the client page's) and waits for its outcome. */
async function importClientFile(
  page: Page,
  file: { name: string; mimeType: string; buffer: Buffer },
  inputTestId = 'therapist-file-import',
): Promise<{ kind: string; text: string }> {
  const input = page.getByTestId(inputTestId);
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
    'hands the whole record from the client page to a fresh Calm Run, with the same report, and merges the client’s later runs back',
    { timeout: 240_000 },
    async () => {
      const therapist = await openApp(browser());
      const runnerId = await seedTherapistDevice(therapist.page);
      const runIds = ['anna-run-1', 'anna-run-2', 'anna-run-3'];
      const handOver = await downloadFrom(therapist.page, m.clientFileExport({ name: clientName }));
      expect(handOver.name).toMatch(/^calm-run-client-anna-de-vries-\d{4}-\d{2}-\d{2}\.json$/u);
      const handed = parseClientFile(handOver.bytes.toString('utf8'));
      expect(handed.ok && handed.file.sessions.map((session) => session.meta.id)).toEqual(runIds);
      const kept = (await storedRecord(therapist.page, runnerId)) as ClientRecord;
      const { date: _date, ...intakeAsAnswered } = clientRecord().intake ?? {};
      expect(kept).toMatchObject({
        goals: clientRecord().goals,
        course: clientRecord().course,
        intake: intakeAsAnswered,
        notes: [{ text: clientRecord().notes[0]?.text }],
      });
      const therapistReport = await reportSectionTexts(therapist.page);
      expect(therapistReport.join(' ')).toContain(clientRecord().notes[0]?.text);

      // The client's own Calm Run: a fresh browser profile. The profile, record and runs appear.
      const client = await openApp(browser(), { path: '/?sim=calmRun&speed=10' });
      await client.page.getByTestId('start-run').waitFor();
      await openProfile(client.page);
      const received = await importClientFile(client.page, asUpload(handOver));
      expect(received.kind).toBe('merged');
      expect(received.text).toContain(m.clientImportRunsAdded({ count: 3 }));
      expect(received.text).toContain(m.clientImportProfileAdded({ name: clientName }));
      await expect
        .poll(() => client.page.getByRole('textbox', { name: m.runnerName() }).inputValue())
        .toBe(clientName);
      expect(await storedRecord(client.page, runnerId)).toMatchObject({
        goals: kept.goals,
        course: kept.course,
        intake: kept.intake,
        notes: kept.notes,
      });
      await openHistory(client.page);
      expect(await historyTexts(client.page)).toHaveLength(3);
      // The same evaluation on the client's device, section by section.
      expect(await reportSectionTexts(client.page)).toEqual(therapistReport);

      // The client runs once more (the simulated strap; the run is theirs), then sends their runs back.
      await client.page.getByRole('link', { name: m.navHome(), exact: true }).click();
      const newRunId = await recordSimulatedRun(client.page);
      expect((await storedSession(client.page, newRunId))?.meta.runnerId).toBe(runnerId);
      await openProfile(client.page);
      const runsBack = await downloadFrom(client.page, m.sendRunsToTherapist());

      // The therapist imports them on the client's page: the new run is added, the three runs already there are left
      // exactly as they were.
      const before = await Promise.all(runIds.map((id) => storedSession(therapist.page, id)));
      await openClientPage(therapist.page, clientName);
      const merged = await importClientFile(therapist.page, asUpload(runsBack), 'client-file-import');
      expect(merged.kind).toBe('merged');
      expect(merged.text).toContain(
        `${m.clientImportRunsAdded({ count: 1 })} ${m.clientImportRunsAlreadyHere({ count: 3 })}`,
      );
      const after = await Promise.all(runIds.map((id) => storedSession(therapist.page, id)));
      expect(after).toEqual(before);
      expect((await storedSession(therapist.page, newRunId))?.meta.runnerId).toBe(runnerId);
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
        const outcome = await importClientFile(app.page, {
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
