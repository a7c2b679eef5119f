import { m } from '../../src/paraglide/messages.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it, onTestFinished } from 'vitest';
import { openAppIn, type AppPage } from './support/browser';
import { button, expectState, pairStrap } from './support/calm-run-page';
import { EmulatedBluetooth, type EmulatedStrap } from './support/emulated-strap';
import { KillableChromium } from './support/killable-chromium';
import {
  chunkWrites,
  expectRecordingStatus,
  finishRun,
  startRun,
  storedSession,
  unfinishedSessionIds,
  watchChunkWrites,
} from './support/sessions';
import { calmRunBeats, expectStoredAsSent, StrapTraffic, type SentPacket } from './support/strap-traffic';

const strapOptions = { address: 'C4:A5:40:00:00:01', name: 'Polar H10 crash' };

/** What the strap sent, with Node's wall clock when it went out (the page runs on the same machine's clock). */
interface Sent {
  packet: SentPacket;
  sentAtWallMs: number;
}

/** The app in this browser's profile, with the Bluetooth emulation and the chunk-write log set up before it loads. */
async function openAppWithStrap(
  browser: KillableChromium,
): Promise<{ app: AppPage; bluetooth: EmulatedBluetooth; strap: EmulatedStrap }> {
  let bluetooth: EmulatedBluetooth | undefined;
  const app = await openAppIn(browser.context, {
    beforeLoad: async (context, page) => {
      await watchChunkWrites(context);
      bluetooth = await EmulatedBluetooth.start(browser.browser, context, page);
    },
  });
  if (!bluetooth) throw new Error('The Bluetooth emulation did not start');
  return { app, bluetooth, strap: await bluetooth.addStrap(strapOptions) };
}

/** One packet a second until `until()` says stop (checked after each packet). */
async function beatUntil(
  strap: EmulatedStrap,
  traffic: StrapTraffic,
  sent: Sent[],
  until: () => boolean,
): Promise<void> {
  const startedAt = Date.now();
  for (let tick = 1; ; tick++) {
    const sentAtWallMs = Date.now();
    sent.push({ packet: await traffic.sendTo(strap), sentAtWallMs });
    if (until()) return;
    await sleep(Math.max(0, startedAt + tick * 1000 - Date.now()));
  }
}

/** Beats on until 3.8 s after the last chunk the page stored: the moment with the most not yet stored. */
async function beatToABadMoment(
  page: Page,
  strap: EmulatedStrap,
  traffic: StrapTraffic,
  sent: Sent[],
): Promise<void> {
  const lastWrite = (await chunkWrites(page)).at(-1)?.atWallMs;
  if (lastWrite === undefined) throw new Error('No chunk was stored yet');
  await beatUntil(strap, traffic, sent, () => Date.now() >= lastWrite + 3_800);
}

/**
 * What survived an interruption at `atWallMs`: the stored samples must be the packets sent before it, in order,
 * none skipped, all but a tail of at most the last 5 s. Returns the packets kept.
 */
function expectAtMostTheLast5sLost(
  storedCount: number,
  keptBefore: number,
  sent: readonly Sent[],
  atWallMs: number,
): number {
  const lost = sent.slice(storedCount - keptBefore);
  const firstLostAtWallMs = lost[0]?.sentAtWallMs ?? atWallMs;
  expect(storedCount - keptBefore, 'packets of this stretch stored').toBeGreaterThanOrEqual(0);
  expect(
    atWallMs - firstLostAtWallMs,
    `${lost.length} of ${sent.length} packets lost, the first sent ${atWallMs - firstLostAtWallMs} ms before`,
  ).toBeLessThanOrEqual(5_000);
  return storedCount - keptBefore;
}

describe('a recorded run cut off by a reload, then by a killed browser', () => {
  it('is offered to carry on each time, missing at most the last 5 s, and keeps everything else', async () => {
    const profile = mkdtempSync(join(tmpdir(), 'calm-run-crash-'));
    onTestFinished(() => {
      rmSync(profile, { recursive: true, force: true });
    });
    let browser = await KillableChromium.launch(profile);
    onTestFinished(async () => {
      await browser.kill();
    });
    const first = await openAppWithStrap(browser);
    const { page } = first.app;
    await pairStrap(page, first.bluetooth, first.strap);
    await startRun(page);
    const [sessionId] = await unfinishedSessionIds(page);
    if (sessionId === undefined) throw new Error('The run was not stored as it started');
    const traffic = new StrapTraffic(calmRunBeats(4));
    /** The packets the record keeps, in order, and each stretch's packets as sent. */
    const kept: SentPacket[] = [];
    let stretch: Sent[] = [];

    // 1. About ten seconds, then a reload at a bad moment.
    const startedAt = Date.now();
    await beatUntil(first.strap, traffic, stretch, () => Date.now() - startedAt >= 9_000);
    await beatToABadMoment(page, first.strap, traffic, stretch);
    const reloadAtWallMs = Date.now();
    await page.reload();
    await first.bluetooth.afterReload();
    await page.getByTestId('interrupted-run').waitFor();
    const afterReload = await storedSession(page, sessionId);
    const keptByReload = expectAtMostTheLast5sLost(
      afterReload?.samples.length ?? 0,
      0,
      stretch,
      reloadAtWallMs,
    );
    kept.push(...stretch.slice(0, keptByReload).map((entry) => entry.packet));
    expectStoredAsSent(afterReload?.samples ?? [], kept);
    await page.getByRole('button', { name: /^Reconnect\b/u }).click();
    await expectState(page, 'live');
    await button(page, m.interruptedResume()).click();
    await expectRecordingStatus(page, 'recording');

    // 2. On after the reload, then the browser is killed at a bad moment.
    stretch = [];
    const resumedAt = Date.now();
    await beatUntil(first.strap, traffic, stretch, () => Date.now() - resumedAt >= 6_000);
    await beatToABadMoment(page, first.strap, traffic, stretch);
    first.strap.expectSubscribed();
    expect(first.bluetooth.problems).toEqual([]);
    first.app.expectNoUnhandledErrors();
    const killedAtWallMs = Date.now();
    await browser.kill();

    // 3. A new browser on the same profile: the run is offered at once.
    browser = await KillableChromium.launch(profile);
    const second = await openAppWithStrap(browser);
    const again = second.app.page;
    await again.getByTestId('interrupted-run').waitFor();
    expect(await unfinishedSessionIds(again)).toEqual([sessionId]);
    const afterKill = await storedSession(again, sessionId);
    const keptByKill = expectAtMostTheLast5sLost(
      afterKill?.samples.length ?? 0,
      kept.length,
      stretch,
      killedAtWallMs,
    );
    kept.push(...stretch.slice(0, keptByKill).map((entry) => entry.packet));
    expectStoredAsSent(afterKill?.samples ?? [], kept);

    // Carried on with the strap paired before, and finished: one record, nothing else missing.
    await again.getByRole('button', { name: /^Reconnect\b/u }).click();
    await expectState(again, 'live');
    await button(again, m.interruptedResume()).click();
    await expectRecordingStatus(again, 'recording');
    stretch = [];
    await beatUntil(second.strap, traffic, stretch, () => stretch.length >= 3);
    kept.push(...stretch.map((entry) => entry.packet));
    expect(await finishRun(again)).toBe(sessionId);
    const finished = await storedSession(again, sessionId);
    expectStoredAsSent(finished?.samples ?? [], kept);
    expect(finished?.meta.events.filter((event) => event.type === 'resumed-after-reload')).toHaveLength(2);

    second.strap.expectSubscribed();
    expect(second.bluetooth.problems).toEqual([]);
    second.app.expectNoUnhandledErrors();
  }, 110_000);
});
