import { m } from '../../src/paraglide/messages.js';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parseBackup } from '../../src/adapters/files/backup';
import { useBrowser } from './support/browser';
import { expectState, pairStrap } from './support/calm-run-page';
import { openAppWithBluetooth, type EmulatedStrap } from './support/emulated-strap';
import { expectText } from './support/expect-page';
import {
  downloadFrom,
  expectRecordingStatus,
  expectRunClockAtLeast,
  clockSeconds,
  finishRun,
  startRun,
  storedSession,
} from './support/sessions';
import { textOf } from './support/expect-page';
import { calmRunBeats, expectStoredAsSent, StrapTraffic } from './support/strap-traffic';

const browser = useBrowser();

/**
 * A full disk, injected on the real IndexedDB of the page: while it lasts, every put and add (any store) throws the
 * QuotaExceededError that a full disk gives, so the app's transaction aborts as it would. No test hook in the app.
 * (Chromium's own Storage.overrideQuotaForOrigin applies only to database connections opened after it, and the app
 * keeps one connection open for the whole run.)
 */
async function setDiskFull(page: Page, full: boolean): Promise<void> {
  await page.evaluate((full) => {
    const flag = '__calmRunDiskFull';
    if (!Reflect.has(window, flag)) {
      for (const method of ['put', 'add'] as const) {
        const original: unknown = Reflect.get(IDBObjectStore.prototype, method);
        if (typeof original !== 'function') continue;
        Reflect.set(IDBObjectStore.prototype, method, function (this: IDBObjectStore, ...args: unknown[]) {
          if (Reflect.get(window, flag) === true) {
            throw new DOMException('The disk is full (injected by the test)', 'QuotaExceededError');
          }
          return Reflect.apply(original, this, args) as unknown;
        });
      }
    }
    Reflect.set(window, flag, full);
  }, full);
}

/** Packets about three a second, for `seconds`. */
async function beatFor(strap: EmulatedStrap, traffic: StrapTraffic, seconds: number): Promise<void> {
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    await traffic.sendTo(strap);
    await sleep(300);
  }
}

describe('storage full in the middle of a recorded run', () => {
  it('records on in memory, says so, exports the run, and stores it all once there is room', async () => {
    const { app, bluetooth } = await openAppWithBluetooth(browser());
    const { page } = app;
    const strap = await bluetooth.addStrap({ address: 'F0:11:00:00:00:01', name: 'Polar H10 full disk' });
    await pairStrap(page, bluetooth, strap);
    await startRun(page);
    const traffic = new StrapTraffic(calmRunBeats(11));
    await beatFor(strap, traffic, 5);

    await setDiskFull(page, true);
    await beatFor(strap, traffic, 6);
    // The runner is told, in words, with a way out.
    const notice = page.getByTestId('recording-problem');
    await expectText(notice.locator('p'), m.storageFull());
    expect(await notice.getAttribute('role')).toBe('alert');
    // The run goes on in memory: still recording, the clock running, the heart rate shown.
    await expectRecordingStatus(page, 'recording');
    const clock = clockSeconds(await textOf(page.getByTestId('run-clock')));
    await beatFor(strap, traffic, 2.5);
    await expectRunClockAtLeast(page, clock + 2);
    const last = traffic.sent.at(-1);
    await expectText(page.getByTestId('heart-rate'), String(last?.heartRateBpm));
    await expectState(page, 'live');

    // The run leaves the device as a backup file with every packet so far, the unstored ones included.
    const backup = await downloadFrom(page, m.exportRunNow());
    expect(backup.name).toMatch(/\.json$/u);
    const parsed = parseBackup(backup.bytes.toString('utf8'));
    if (!parsed.ok) throw new Error(`The exported backup is refused: ${JSON.stringify(parsed.refusal)}`);
    expect(parsed.sessions).toHaveLength(1);
    expectStoredAsSent(parsed.sessions[0]?.samples ?? [], traffic.sent);
    expect(parsed.sessions[0]?.meta.status).toBe('recording');

    // Room again: the chunks kept in memory are stored in order, the notice goes, and the run finishes whole.
    await setDiskFull(page, false);
    await beatFor(strap, traffic, 6);
    await expect.poll(() => notice.count(), { timeout: 10_000 }).toBe(0);
    const sessionId = await finishRun(page);
    const stored = await storedSession(page, sessionId);
    if (!stored) throw new Error(`Session ${sessionId} is not stored`);
    expectStoredAsSent(stored.samples, traffic.sent);
    expect(stored.meta.status).toBe('finished');

    strap.expectSubscribed();
    expect(bluetooth.problems).toEqual([]);
    app.expectNoUnhandledErrors();
  });
});
