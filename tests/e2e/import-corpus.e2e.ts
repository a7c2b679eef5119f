import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ImportRefusal } from '../../src/adapters/files/import-refusal';
import { importRefusalText } from '../../src/i18n/choices/import-refusal-words';
import { m } from '../../src/paraglide/messages.js';
import { openApp, useBrowser } from './support/browser';
import { longTasks, watchLongTasks } from './support/long-tasks';
import { hostileImports, storedBeforeCorpus, type HostileImport } from './support/hostile-imports';
import { databaseSnapshot, historyTexts, importOnHistory, openHistory } from './support/sessions';
import { backupFileOf } from './support/synthetic-sessions';

/**
 * Every file of the hostile corpus (support/hostile-imports.ts) through the real History screen's import, one after
 * the other in one page: each is refused with its own words, every IndexedDB store is the same before and after,
 * and the page still answers (an evaluate and a click) after each file. A long-task observer in the page records
 * how long the main thread was ever blocked: printed as a figure, never asserted (the machine's load decides it).
 */

const browser = useBrowser();
const folder = mkdtempSync(join(tmpdir(), 'calm-run-hostile-'));
afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

/** The file on disk (every case goes by path: Playwright refuses buffers over 50 MB), named with its extension. */
function writeCase(hostile: HostileImport, index: number): string {
  const path = join(
    folder,
    `case-${String(index).padStart(3, '0')}${hostile.fileName.slice(hostile.fileName.lastIndexOf('.'))}`,
  );
  writeFileSync(path, hostile.bytes());
  return path;
}

/** The sentence the refusal shows, and its technical detail (in parentheses after it), if any. */
function sentenceOf(hostile: HostileImport): string {
  return importRefusalText(hostile.refusal as ImportRefusal, { locale: 'en' });
}

describe('the hostile import corpus on the History screen', () => {
  it(
    'refuses every file with its reason, changes nothing in the database, and the page keeps answering',
    { timeout: 240_000 },
    async () => {
      const corpus = hostileImports();
      expect(corpus.length).toBeGreaterThanOrEqual(50);
      const app = await openApp(browser(), {
        beforeLoad: watchLongTasks,
      });
      const { page } = app;
      const dialogs: string[] = [];
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      await openHistory(page);
      const seeded = await importOnHistory(page, {
        name: 'calm-run-backup.json',
        mimeType: 'application/json',
        buffer: backupFileOf(storedBeforeCorpus()),
      });
      expect(seeded).toEqual({ kind: 'imported', text: m.importDone({ imported: 2, skipped: 0 }) });
      const databaseBefore = await databaseSnapshot(page);
      const historyBefore = await historyTexts(page);
      expect(historyBefore).toHaveLength(2);
      const fromDate = page.getByLabel(m.filterFrom());

      let worst = { durationMs: 0, name: '(none)' };
      for (const [index, hostile] of corpus.entries()) {
        const path = writeCase(hostile, index);
        const tasksBefore = (await longTasks(page)).length;
        const outcome = await importOnHistory(page, path, { timeoutMs: 60_000 });
        rmSync(path);

        expect(outcome.kind, hostile.name).toBe('refused');
        const sentence = sentenceOf(hostile);
        expect(outcome.text, hostile.name).toContain(m.importRefused());
        expect(outcome.text, hostile.name).toContain(m.importReason({ reason: sentence }));
        if (hostile.detail) {
          const shownDetail = outcome.text.slice(
            outcome.text.indexOf(`${sentence} (`) + sentence.length + 2,
            -1,
          );
          expect(shownDetail, hostile.name).toMatch(hostile.detail);
        }
        // The outcome holds the app's own paragraphs only: a file's words are shown as text, never as markup.
        expect(await page.locator('[data-testid="import-outcome"] :not(p)').count(), hostile.name).toBe(0);
        expect(await databaseSnapshot(page), `${hostile.name}: the database is unchanged`).toBe(
          databaseBefore,
        );
        expect(await historyTexts(page), `${hostile.name}: history is unchanged`).toEqual(historyBefore);

        // Still answering: a script, and a click that moves the focus.
        expect(await page.evaluate(() => document.readyState), hostile.name).toBe('complete');
        await fromDate.click();
        expect(await fromDate.evaluate((input) => input === document.activeElement), hostile.name).toBe(true);
        await page.keyboard.press('Tab');

        for (const task of (await longTasks(page)).slice(tasksBefore)) {
          if (task.durationMs > worst.durationMs) worst = { durationMs: task.durationMs, name: hostile.name };
        }
      }

      console.log(`importCorpus.files: ${corpus.length} files`);
      console.log(`importCorpus.worstLongTaskMs: ${Math.round(worst.durationMs)} ms (${worst.name})`);
      expect(dialogs).toEqual([]);
      expect(
        await page.evaluate(() => [Reflect.get({}, 'polluted'), Reflect.get({}, 'isAdmin')] as unknown[]),
      ).toEqual([undefined, undefined]);
      app.expectNoUnhandledErrors();
    },
  );
});
