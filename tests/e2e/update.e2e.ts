import { m } from '../../src/paraglide/messages.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, useBrowser } from './support/browser';
import { button, expectState } from './support/calm-run-page';
import { attributeOf, expectAttribute, expectText, textOf } from './support/expect-page';
import {
  clockSeconds,
  expectRecordingStatus,
  expectRunClockAtLeast,
  finishRun,
  historyTexts,
  openHistory,
  saveAndShowRun,
  startRun,
} from './support/sessions';
import {
  buildApp,
  startSwitchableServer,
  waitForCompletePrecache,
  waitForServiceWorkerControl,
  type SwitchableServer,
} from './support/service-worker';

const browser = useBrowser();
const buildA = 'update-test-a';
const buildB = 'update-test-b';
let dirA = '';
let dirB = '';
let server: SwitchableServer | undefined;

// Two builds that differ only in their build id, served one after the other on the same origin: a deploy.
beforeAll(async () => {
  dirA = mkdtempSync(join(tmpdir(), 'calm-run-update-a-'));
  dirB = mkdtempSync(join(tmpdir(), 'calm-run-update-b-'));
  await buildApp(dirA, buildA);
  await buildApp(dirB, buildB);
  server = await startSwitchableServer(dirA);
}, 180_000);

afterAll(async () => {
  await server?.close();
  for (const dir of [dirA, dirB]) if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

function switchableServer(): SwitchableServer {
  if (!server) throw new Error('The server did not start');
  return server;
}

async function shownBuild(page: Page): Promise<string> {
  return attributeOf(page.locator('html'), 'data-build');
}

/** Asks the browser to look for a new service worker now, as it does on a navigation or once a day. */
async function checkForUpdate(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    await registration?.update();
  });
}

describe('a new version', () => {
  it('waits while a run records, never reloads it away, and applies on "Update now" once the run is saved', async () => {
    const serverAB = switchableServer();
    const app = await openApp(browser(), { baseUrl: serverAB.url, path: '/?sim=calmRun&speed=10' });
    const { page } = app;
    await waitForServiceWorkerControl(page);
    await waitForCompletePrecache(page, dirA);
    expect(await shownBuild(page)).toBe(buildA);
    const update = page.getByTestId('update-available');

    await button(page, m.trySimulatedStrap()).click();
    await expectState(page, 'live');
    await startRun(page);
    // A mark only this document carries: gone after any reload.
    await page.evaluate(() => Reflect.set(window, '__sameDocument', true));

    serverAB.serve(dirB);
    await checkForUpdate(page);
    await expectAttribute(update.locator('[data-state]'), 'data-state', 'waiting', 30_000);
    await expectText(update, `${m.updateAvailable()} ${m.updateWaitsForRun()}`);
    expect(await update.getByRole('button').count(), 'no button while the run records').toBe(0);

    // The run goes on in the same document, on the old version.
    const clockAtUpdateS = clockSeconds(await textOf(page.getByTestId('run-clock')));
    await expectRunClockAtLeast(page, clockAtUpdateS + 2);
    await expectRecordingStatus(page, 'recording');
    expect(await page.evaluate((): unknown => Reflect.get(window, '__sameDocument'))).toBe(true);
    expect(await shownBuild(page)).toBe(buildA);

    const sessionId = await finishRun(page);
    await saveAndShowRun(page, sessionId);
    await expectAttribute(update.locator('[data-state]'), 'data-state', 'ready');
    await expectText(update, `${m.updateAvailable()} ${m.updateNow()}`);

    // A reload alone keeps the old version; the new one still waits and is offered again at once.
    await page.reload();
    expect(await shownBuild(page)).toBe(buildA);
    await expectAttribute(update.locator('[data-state]'), 'data-state', 'ready');

    await Promise.all([page.waitForEvent('load'), button(page, m.updateNow()).click()]);
    await expectAttribute(page.locator('html'), 'data-build', buildB);
    expect(await page.evaluate((): unknown => Reflect.get(window, '__sameDocument'))).toBeUndefined();
    await waitForCompletePrecache(page, dirB);
    expect(await update.locator('[data-state]').count(), 'nothing left to update').toBe(0);

    // The run recorded on the old version is saved and shown by the new one.
    await page.getByTestId('session-summary').waitFor();
    await openHistory(page);
    expect(await historyTexts(page)).toHaveLength(1);

    app.expectNoUnhandledErrors();
  });

  it('reaches every open tab: once one applies it, "Update now" in another reloads that one too', async () => {
    const serverAB = switchableServer();
    serverAB.serve(dirA);
    const app = await openApp(browser(), { baseUrl: serverAB.url });
    const first = app.page;
    await waitForServiceWorkerControl(first);
    await waitForCompletePrecache(first, dirA);
    const second = await app.context.newPage();
    await second.goto(first.url());
    await waitForServiceWorkerControl(second);
    expect(await shownBuild(second)).toBe(buildA);

    serverAB.serve(dirB);
    await checkForUpdate(first);
    for (const page of [first, second]) {
      await expectAttribute(
        page.getByTestId('update-available').locator('[data-state]'),
        'data-state',
        'ready',
        30_000,
      );
    }

    await Promise.all([first.waitForEvent('load'), button(first, m.updateNow()).click()]);
    await expectAttribute(first.locator('html'), 'data-build', buildB);
    // The second tab is still on the old version's page, now under the new worker: its button reloads it.
    expect(await shownBuild(second)).toBe(buildA);
    await expectAttribute(
      second.getByTestId('update-available').locator('[data-state]'),
      'data-state',
      'ready',
    );
    await Promise.all([second.waitForEvent('load'), button(second, m.updateNow()).click()]);
    await expectAttribute(second.locator('html'), 'data-build', buildB);
    app.expectNoUnhandledErrors();
  });
});
