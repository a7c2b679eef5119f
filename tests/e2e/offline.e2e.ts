import { m } from '../../src/paraglide/messages.js';
import { describe, expect, inject, it } from 'vitest';
import { openApp, useBrowser } from './support/browser';
import {} from './support/calm-run-page';
import { historyTexts, openHistory, recordSimulatedRun } from './support/sessions';
import {
  buildFiles,
  precachedPaths,
  waitForCompletePrecache,
  waitForServiceWorkerControl,
} from './support/service-worker';

const browser = useBrowser();

/** Every screen reachable by address alone, with the heading it shows. */
const screens: { hash: string; heading: string }[] = [
  { hash: '#/', heading: m.appName() },
  { hash: '#/start', heading: m.beforeRunTitle() },
  { hash: '#/history', heading: m.historyTitle() },
  { hash: '#/profile', heading: m.profileTitle() },
  { hash: '#/course', heading: m.courseTitle() },
  { hash: '#/settings', heading: m.settingsTitle() },
  { hash: '#/breathing', heading: m.breathingTitle() },
  { hash: '#/privacy', heading: m.privacyTitle() },
];

describe('offline', () => {
  it('keeps every file of the build after one visit, and then works without a network', async () => {
    const app = await openApp(browser(), { path: '/?sim=calmRun&speed=10' });
    const { context, page } = app;
    await waitForServiceWorkerControl(page);
    await waitForCompletePrecache(page, inject('buildDir'));
    // Every lazily loaded chunk too (Chart.js, the FIT SDK), though this visit loaded none of them.
    expect(await precachedPaths(page)).toEqual(expect.arrayContaining(buildFiles(inject('buildDir'))));

    await context.setOffline(true);
    await page.reload();
    await page.getByTestId('start-run').waitFor();

    for (const screen of screens) {
      await page.evaluate((hash) => {
        location.hash = hash;
      }, screen.hash);
      await page.getByRole('heading', { level: 1, name: screen.heading, exact: true }).waitFor();
    }

    // A whole run, with nothing but the phone: recorded, saved, and in the history.
    await page.evaluate(() => {
      location.hash = '#/';
    });
    const sessionId = await recordSimulatedRun(page);
    const detailUrl = page.url();
    await openHistory(page);
    expect(await historyTexts(page)).toHaveLength(1);

    // Its detail (with the charts' chunk) loads from the worker alone, also as a fresh page load.
    await page.goto(detailUrl);
    await page.reload();
    expect(decodeURIComponent(new URL(page.url()).hash)).toBe(`#/session/${sessionId}`);
    await page.getByTestId('session-summary').waitFor();
    await page.locator('canvas').first().waitFor();

    app.expectNoUnhandledErrors();
  });
});
