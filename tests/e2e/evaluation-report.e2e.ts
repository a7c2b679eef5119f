import { m } from '../../src/paraglide/messages.js';
import { overwriteGetLocale, type Locale } from '../../src/paraglide/runtime.js';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { reportSectionIds, type ReportSectionId } from '../../src/core/clients/evaluation-report';
import { reportSectionTitles } from '../../src/i18n/choices/report-words';
import { openApp, useBrowser, type AppPage } from './support/browser';
import { keepClientRecord, openClientPage, takeInClient } from './support/clients-ui';
import { clientCourse, printedPages } from './support/evaluation-course';
import { importOnHistory, openHistory } from './support/sessions';
import { backupFileOf } from './support/synthetic-sessions';

const browser = useBrowser();

// The test's message functions speak the language under test.
let testLocale: Locale = 'en';
overwriteGetLocale(() => testLocale);
afterEach(() => {
  testLocale = 'en';
});

/** A4 in PDF points (1/72 in): 210 × 297 mm. */
const a4 = { widthPt: 595.28, heightPt: 841.89 };

/**
 * The client taken in as a therapist does (#/clients: the client, then course, goals, notes and intake on their
 * page), their sessions imported through the history screen's backup import (the app's own importer), then the
 * report opened from the client's page and waited for until every chart is drawn.
 */
async function openReport(
  client: { name: string; runs: number; restingChecks: number },
  locale: Locale,
): Promise<AppPage> {
  const app = await openApp(browser(), {
    beforeLoad: async (context) => {
      await context.addInitScript((chosen: string) => {
        localStorage.setItem('calm-run.locale', chosen);
      }, locale);
    },
  });
  const { page } = app;
  const runnerId = await takeInClient(page, client.name);
  const fixture = clientCourse({ runnerId, ...client });
  await openHistory(page);
  const outcome = await importOnHistory(page, {
    name: 'client-course.json',
    mimeType: 'application/json',
    buffer: backupFileOf(fixture.sessions),
  });
  expect(outcome).toEqual({
    kind: 'imported',
    text: m.importDone({ imported: fixture.sessions.length, skipped: 0 }),
  });
  await openClientPage(page, client.name);
  await keepClientRecord(page, client.name, fixture.record);
  await page.getByRole('link', { name: m.clientReport(), exact: true }).click();
  await page.locator('[data-testid="evaluation-report"][data-drawn="true"]').waitFor();
  return app;
}

/** Which section headings a printed page holds. */
function headingsOn(pageText: string): ReportSectionId[] {
  return reportSectionIds.filter((id) => pageText.includes(reportSectionTitles[id]()));
}

async function expectPrintedLight(page: Page): Promise<void> {
  await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
  const text = await page.evaluate(() =>
    getComputedStyle(document.documentElement).getPropertyValue('--text').trim(),
  );
  expect(text, 'print is light even in the dark scheme').toBe('#111616');
  expect(await page.getByRole('button', { name: m.reportPrint() }).isVisible()).toBe(false);
  // Back to no emulated media: printing then uses print media, as the browser's own print does.
  await page.emulateMedia({ media: null, colorScheme: 'light' });
}

describe('the course evaluation, printed', () => {
  it('prints a 12-week course of 36 runs on A4: the name, every section on a page of its own, no buttons', async () => {
    const app = await openReport({ name: 'Anna', runs: 36, restingChecks: 3 }, 'en');
    const { page } = app;
    await page.getByRole('heading', { level: 1, name: m.reportTitle({ name: 'Anna' }) }).waitFor();
    await expect
      .poll(() =>
        page
          .getByTestId('course-grid-week')
          .evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-done'))),
      )
      .toEqual(new Array<string>(12).fill('3'));
    expect(await page.locator('[data-testid="course-grid-week"][data-supervised="true"]').count()).toBe(12);
    // Each chart's values are a table for screen readers: the minutes of all 12 weeks.
    const minutesTable = page.locator('[data-section="minutes"] table');
    expect(await minutesTable.locator('tbody tr').count()).toBe(12);
    expect(await minutesTable.locator('tbody tr').first().textContent()).toMatch(/^W1\s*\d+$/u);
    await expectPrintedLight(page);
    await page.getByTestId('report-back').waitFor();
    expect(await page.getByTestId('report-back').textContent()).toBe(m.clientBackToPage({ name: 'Anna' }));

    const printed = await printedPages(page);
    expect(printed.widthPt).toBeCloseTo(a4.widthPt, 0);
    expect(printed.heightPt).toBeCloseTo(a4.heightPt, 0);
    const whole = printed.pages.join('\n');
    expect(printed.pages[0]).toContain(m.reportTitle({ name: 'Anna' }));
    // Every section, each on a page of its own: as many pages as sections, one heading on each, in order.
    expect(printed.pages.map(headingsOn)).toEqual(reportSectionIds.map((id) => [id]));
    expect(whole).toContain('Anna ran 36 of 36 planned runs; in 12 of 12 weeks Anna ran at least twice.');
    expect(whole).toContain(m.reportSentences_restingHeartRate({ checks: 3, first: '68', last: '61' }));
    expect(whole).toContain('Ran the last ten minutes without a walk break.');
    // No button or navigation text in print.
    expect(whole).not.toContain(m.reportPrint());
    expect(whole).not.toMatch(/\bPrint\b/u);
    expect(whole).not.toContain(m.navHistory());
    expect(whole).not.toContain(m.clientBackToPage({ name: 'Anna' }));
    app.expectNoUnhandledErrors();
  }, 120_000);

  it('prints a course with 2 runs in Dutch, saying what is missing rather than drawing empty charts', async () => {
    testLocale = 'nl';
    const app = await openReport({ name: 'Bo', runs: 2, restingChecks: 0 }, 'nl');
    const { page } = app;
    await page.getByRole('heading', { level: 1, name: m.reportTitle({ name: 'Bo' }) }).waitFor();
    // Runs, minutes, zone, mood and exertion have charts; resting checks, notes and intake have none to draw.
    expect(await page.locator('[data-testid="report-section"] figure').count()).toBe(6);

    const printed = await printedPages(page);
    expect(printed.pages.length).toBeLessThanOrEqual(reportSectionIds.length);
    for (const text of printed.pages) expect(headingsOn(text)).toHaveLength(1);
    const whole = printed.pages.join('\n');
    expect(whole).toContain(m.reportTitle({ name: 'Bo' }));
    for (const id of reportSectionIds) expect(whole).toContain(reportSectionTitles[id]());
    expect(whole).toContain(m.reportSentences_restingNone());
    expect(whole).toContain(m.reportSentences_notesNone());
    expect(whole).toContain(m.reportSentences_intakeNone());
    expect(whole).toContain('Bo liep 2 van de 36 geplande lopen');
    expect(whole).not.toContain(m.reportPrint());
    app.expectNoUnhandledErrors();
  }, 120_000);

  it('says so when the device has no client record for that person', async () => {
    const app = await openApp(browser(), { path: '/#/clients/nobody/report' });
    await app.page.getByTestId('report-not-found').waitFor();
    app.expectNoUnhandledErrors();
  });
});
