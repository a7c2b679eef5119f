import { m } from '../../src/paraglide/messages.js';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp, useBrowser } from './support/browser';
import { button, expectState } from './support/calm-run-page';
import { expectText } from './support/expect-page';
import { finishRun, saveAndShowRun, startRun, storedCounts } from './support/sessions';

const browser = useBrowser();

async function openPrivacy(page: Page): Promise<void> {
  await page.evaluate(() => {
    location.hash = '#/privacy';
  });
  await page.getByRole('heading', { name: m.privacyTitle(), exact: true, level: 1 }).waitFor();
}

function localStorageKeys(page: Page): Promise<string[]> {
  return page.evaluate(() => Object.keys(localStorage));
}

describe('the privacy page', () => {
  it('erases everything in one confirmed action, never during a run, and keeps all on "keep my data"', async () => {
    const app = await openApp(browser());
    const { page } = app;
    await button(page, m.trySimulatedStrap()).click();
    await expectState(page, 'live');
    await startRun(page);

    await openPrivacy(page);
    await button(page, m.eraseEverything()).click();
    await expectText(
      page.getByRole('status').filter({ hasText: m.eraseRefusedRecording() }),
      m.eraseRefusedRecording(),
    );
    expect(await button(page, m.eraseConfirm()).count()).toBe(0);

    await page.evaluate(() => {
      location.hash = '#/run';
    });
    const sessionId = await finishRun(page);
    await saveAndShowRun(page, sessionId);
    await page.evaluate(() => {
      localStorage.setItem('calm-run.locale', 'en');
    });
    const before = await storedCounts(page);
    expect(before.sessions).toBe(1);

    await openPrivacy(page);
    await button(page, m.eraseEverything()).click();
    // The question takes the focus, so a screen reader reads it out; "keep my data" gives the focus back.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('erase-question');
    await button(page, m.eraseCancel()).click();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent.trim()))
      .toBe(m.eraseEverything());
    expect(await storedCounts(page)).toEqual(before);
    expect(await localStorageKeys(page)).toContain('calm-run.locale');

    await button(page, m.eraseEverything()).click();
    await button(page, m.eraseConfirm()).click();
    await expectText(page.getByRole('status').filter({ hasText: m.justErased() }), m.justErased());
    expect(new URL(page.url()).hash).toBe('#/');
    expect(await storedCounts(page)).toEqual({ sessions: 0, history: 0, chunks: 0 });
    expect(await localStorageKeys(page)).toEqual([]);

    await page.evaluate(() => {
      location.hash = '#/history';
    });
    await page.getByRole('heading', { name: m.historyTitle(), exact: true }).waitFor();
    await page.getByTestId('history-empty').waitFor();
    app.expectNoUnhandledErrors();
  });
});
