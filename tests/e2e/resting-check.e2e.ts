import { m } from '../../src/paraglide/messages.js';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { restingCheck } from '../../src/core/hrv/index';
import { msPerRrUnit } from '../../src/core/ble/index';
import { readSharedVector } from '../unit/support/shared-vectors';
import { openApp, useBrowser } from './support/browser';
import { button, pairStrap } from './support/calm-run-page';
import { EmulatedBluetooth, type EmulatedStrap } from './support/emulated-strap';
import { installPageClock } from './support/page-clock';
import { historyTexts, openHistory, storedSession } from './support/sessions';
import { expectStoredAsSent, StrapTraffic } from './support/strap-traffic';
import { textOf } from './support/expect-page';

const browser = useBrowser();

/**
 * Two minutes of a seated check in twelve real seconds: the page's time runs ten times as fast (see
 * support/page-clock.ts), and the strap sends a packet every second of page time, so the countdown, the recorder
 * and the packets all keep the app's own two minutes.
 */
const speed = 10;

/** The 300 beats of a real seated Polar H10 recording (shared vector 01), over again if the check outlasts them. */
function restingBeats(): () => number {
  const rrMs = (readSharedVector('hrv/01_resting_clean.json') as { rr_ms: number[] }).rr_ms;
  let index = 0;
  return () => rrMs[index++ % rrMs.length] ?? 800;
}

/** Packets one page-second apart until the page shows the check's result. */
async function sendUntilDone(page: Page, strap: EmulatedStrap, traffic: StrapTraffic) {
  const done = page.getByTestId('resting-done');
  const startedAt = Date.now();
  for (let packet = 0; packet < 200; packet++) {
    if (await done.isVisible()) return;
    await sleep(Math.max(0, startedAt + (packet * 1000) / speed - Date.now()));
    await traffic.sendTo(strap);
  }
  await done.waitFor();
}

describe('the resting HRV check', () => {
  it('measures two minutes from the emulated strap, shows the figures, and keeps the check in history', async () => {
    let started: EmulatedBluetooth | undefined;
    const app = await openApp(browser(), {
      beforeLoad: async (context, page) => {
        await installPageClock(context, { speed });
        started = await EmulatedBluetooth.start(browser(), context, page);
      },
    });
    const bluetooth = started;
    if (!bluetooth) throw new Error('The Bluetooth emulation did not start');
    const { page } = app;
    const strap = await bluetooth.addStrap({ address: 'C0:FF:EE:00:00:12', name: 'Polar H10 resting' });
    await pairStrap(page, bluetooth, strap);
    strap.expectSubscribed();

    await page.getByTestId('start-resting-check').click();
    await page.getByRole('heading', { name: m.restingTitle(), exact: true }).waitFor();
    await page.getByTestId('resting-strap').waitFor();
    // Two minutes and breathing freely are what a check starts from.
    expect(await page.getByLabel(m.restingTwoMinutes()).isChecked()).toBe(true);
    expect(await page.getByTestId('resting-paced').isChecked()).toBe(false);
    await page.getByTestId('start-resting').click();
    await page.getByText(m.restingSettle(), { exact: true }).waitFor();
    expect(await textOf(page.getByTestId('resting-left'))).toMatch(/^\D*[12]:\d{2}\D*$/u);

    const traffic = new StrapTraffic(restingBeats());
    await sendUntilDone(page, strap, traffic);

    // The figures, in words and numbers, and the share of corrected beats.
    const result = page.getByTestId('resting-result');
    expect(await result.getAttribute('data-ok')).toBe('true');
    const heartRate = await textOf(page.getByTestId('resting-heart-rate'));
    expect(Number(/\d+/u.exec(heartRate)?.[0])).toBeGreaterThan(65);
    expect(Number(/\d+/u.exec(heartRate)?.[0])).toBeLessThan(82);
    const lnRmssd = Number((await textOf(page.getByTestId('resting-ln-rmssd'))).replace(',', '.'));
    await page.getByTestId('resting-sdnn').waitFor();
    await page.getByTestId('resting-lf-hf').waitFor();
    await page.getByText(m.restingArtifactShare({ percent: '0' }), { exact: true }).waitFor();

    // Stored as a resting session with every beat sent, and the shown figures are the core's of those beats.
    const link = page.getByRole('link', { name: m.restingShowSession(), exact: true });
    const sessionId = decodeURIComponent((await link.getAttribute('href'))?.split('#/session/')[1] ?? '');
    const stored = await storedSession(page, sessionId);
    if (!stored) throw new Error(`Session ${sessionId} is not stored`);
    expect(stored.meta.kind).toBe('resting');
    expect(stored.meta.status).toBe('finished');
    expect(stored.meta.summary?.restingCheck).toEqual({ plannedMinutes: 2, pacedBreathing: false });
    // Packets sent after the two minutes ended arrive after the recording stopped: compare the recorded ones.
    expectStoredAsSent(stored.samples, traffic.sent.slice(0, stored.samples.length));
    const rrMs = stored.samples.flatMap((sample) => sample.rrIntervals1024.map((rr) => rr * msPerRrUnit));
    const expected = restingCheck(rrMs);
    if (!expected.ok) throw new Error(`the check was refused: ${expected.reason}`);
    expect(stored.meta.summary?.rmssdMs).toBeCloseTo(expected.rmssdMs, 9);
    expect(lnRmssd).toBeCloseTo(expected.lnRmssd, 2);
    expect(stored.meta.summary?.timeDomain?.sdnnMs).toBeCloseTo(expected.timeDomain.sdnnMs, 9);
    expect(stored.meta.summary?.frequencyDomain?.hfMs2).toBeGreaterThan(0);

    // In history, labelled as a resting check, and its detail shows the full time domain.
    await openHistory(page);
    const [newest] = await historyTexts(page);
    expect(newest).toContain(m.restingCheckOn({ date: '' }).trim());
    await page.getByRole('link', { name: new RegExp(m.restingCheckOn({ date: '' }).trim(), 'u') }).click();
    await page.getByTestId('resting-figures').waitFor();
    await page.getByText(m.hrvDetails(), { exact: true }).click();
    await page.getByTestId('detail-sd1').waitFor();
    await page.getByTestId('detail-pnn50').waitFor();
  });

  it('stopping early asks first, then keeps nothing', async () => {
    let started: EmulatedBluetooth | undefined;
    const app = await openApp(browser(), {
      path: '/#/resting',
      beforeLoad: async (context, page) => {
        await installPageClock(context, { speed });
        started = await EmulatedBluetooth.start(browser(), context, page);
      },
    });
    const bluetooth = started;
    if (!bluetooth) throw new Error('The Bluetooth emulation did not start');
    const { page } = app;
    const strap = await bluetooth.addStrap({ address: 'C0:FF:EE:00:00:13', name: 'Polar H10 early' });
    await page.getByRole('heading', { name: m.restingTitle(), exact: true }).waitFor();
    expect(await page.getByTestId('start-resting').isDisabled()).toBe(true);
    // The connect flow the check offers itself: the browser's chooser, the strap picked there.
    bluetooth.chooseNext(strap.address);
    await button(page, m.connectStrap()).click();
    await page.getByTestId('resting-strap').waitFor();
    await expect.poll(() => strap.measurementSubscriptions, { message: 'the page to subscribe' }).toBe(1);
    await page.getByTestId('start-resting').click();
    const traffic = new StrapTraffic(restingBeats());
    for (let packet = 0; packet < 5; packet++) await traffic.sendTo(strap);

    await button(page, m.restingStop()).click();
    // A second thought keeps the check going.
    await button(page, m.restingKeepGoing()).click();
    await page.getByTestId('resting-running').waitFor();
    await button(page, m.restingStop()).click();
    await button(page, m.restingStopYes()).click();
    await page.getByTestId('resting-discarded').waitFor();

    await openHistory(page);
    expect(await historyTexts(page)).toEqual([]);
  });
});
