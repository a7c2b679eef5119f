import { m } from '../../src/paraglide/messages.js';
import { describe, expect, it } from 'vitest';
import { openApp, useBrowser } from './support/browser';
import { button } from './support/calm-run-page';

const browser = useBrowser();

describe('screens loaded when opened', () => {
  it('says so when a screen cannot be downloaded, and opens it on "Try again"', async () => {
    const app = await openApp(browser());
    const { page } = app;
    await page.getByTestId('start-run').waitFor();
    // The history screen's own chunk (named after the component by the build) fails, as when the network drops.
    let blocked = true;
    await page.route(/\/assets\/HistoryScreen-[^/]*\.js$/u, async (route) => {
      if (blocked) await route.abort('internetdisconnected');
      else await route.continue();
    });
    await page.evaluate(() => {
      location.hash = '#/history';
    });
    const loading = page.getByTestId('screen-loading');
    await loading.getByText(m.screenLoadFailed(), { exact: true }).waitFor();
    expect(await loading.getAttribute('role')).toBe('status');

    blocked = false;
    await button(page, m.screenLoadRetry()).click();
    await page.getByRole('heading', { name: m.historyTitle(), exact: true }).waitFor();
    expect(await loading.count()).toBe(0);
    // The failed request is written to the console by Chromium itself; nothing else may be.
    expect(app.problems.filter((problem) => !problem.includes('net::ERR_INTERNET_DISCONNECTED'))).toEqual([]);
  });
});
