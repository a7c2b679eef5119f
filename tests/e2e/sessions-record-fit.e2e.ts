import { m } from '../../src/paraglide/messages.js';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openApp, useBrowser } from './support/browser';
import { button, pairStrap } from './support/calm-run-page';
import { openAppWithBluetooth, type EmulatedStrap } from './support/emulated-strap';
import { expectText, textOf } from './support/expect-page';
import {
  downloadFrom,
  expectRecordingStatus,
  finishRun,
  historyTexts,
  openHistory,
  importOnHistory,
  measurementPacket,
  saveAndShowRun,
  shownSummary,
  startRun,
  type DownloadedFile,
  type ShownSummary,
} from './support/sessions';

const browser = useBrowser();

/** RR intervals (ms) for one packet: two or three beats near 60 000 / bpm, a few ms apart. */
function beatsFor(index: number, bpm: number): number[] {
  const count = index % 3 === 2 ? 3 : 2;
  return Array.from({ length: count }, (_, beat) => Math.round(60_000 / bpm) + ((index + beat) % 3) - 1);
}

/** Sends one packet a second with these heart rates; returns every RR interval sent, in order. */
async function sendEverySecond(strap: EmulatedStrap, heartRates: readonly number[]): Promise<number[]> {
  const sentRr: number[] = [];
  const startedAt = Date.now();
  for (const [index, bpm] of heartRates.entries()) {
    if (index > 0) await sleep(Math.max(0, startedAt + index * 1000 - Date.now()));
    const rrMs = beatsFor(index, bpm);
    await strap.sendMeasurement(measurementPacket(bpm, rrMs));
    sentRr.push(...rrMs);
  }
  return sentRr;
}

/**
 * Opens the app in a new browser context (a clean profile: no stored sessions), imports the file on the history
 * screen and returns the summary its detail screen shows.
 */
async function importIntoCleanProfile(file: DownloadedFile): Promise<ShownSummary> {
  const clean = await openApp(browser(), { path: '/#/history' });
  const { page } = clean;
  await page.getByTestId('history-empty').waitFor();
  const outcome = await importOnHistory(page, {
    name: file.name,
    mimeType: 'application/vnd.ant.fit',
    buffer: file.bytes,
  });
  expect(outcome).toEqual({ kind: 'imported', text: m.importDone({ imported: 1, skipped: 0 }) });
  expect(await historyTexts(page)).toHaveLength(1);
  await page.getByTestId('history-list').getByRole('link').click();
  const summary = await shownSummary(page);
  clean.expectNoUnhandledErrors();
  return summary;
}

async function exportFit(page: Page): Promise<DownloadedFile> {
  const fit = await downloadFrom(page, m.exportFit());
  expect(fit.name).toMatch(/\.fit$/u);
  expect(fit.bytes.subarray(8, 12).toString('latin1')).toBe('.FIT');
  return fit;
}

describe('a run recorded with the strap', () => {
  it('is stored with what the strap sent, and its FIT file imports into a clean profile with the same summary', async () => {
    const { app, bluetooth } = await openAppWithBluetooth(browser());
    const { page } = app;
    const strap = await bluetooth.addStrap({ address: '22:33:44:55:66:77', name: 'Garmin HRM-Pro FIT' });
    await pairStrap(page, bluetooth, strap);

    await startRun(page, { feeling: 1, arousal: 2 });
    const startedAt = Date.now();
    const heartRates = [140, 140, 140, 141, 140, 143, 140, 140, 141, 140, 140, 140];
    const firstHalf = await sendEverySecond(strap, heartRates.slice(0, 6));
    await button(page, m.markMoment()).click();
    await expectText(page.getByRole('button', { name: /^Mark this moment/u }), /\(1 marked\)$/u);
    const secondHalf = await sendEverySecond(strap, heartRates.slice(6));
    const sentRr = [...firstHalf, ...secondHalf];
    await expectText(page.getByTestId('heart-rate'), '140');
    const sessionId = await finishRun(page);
    const runS = (Date.now() - startedAt) / 1000;
    await saveAndShowRun(page, sessionId, {
      feeling: 3,
      arousal: 3,
      exertion: 4,
      notes: 'Easy by the river.',
    });

    const original = await shownSummary(page);
    expect(Math.abs(original.durationS - runS), `${original.durationText} for a ${runS} s run`).toBeLessThan(
      2,
    );
    // A run under a minute is told in seconds ("13 seconds of running"), never "0 minutes" or "1 minutes".
    const wentWell = await textOf(page.getByTestId('went-well'));
    const seconds = Number(/\d+/u.exec(wentWell)?.[0]);
    expect(wentWell).toBe(m.wentWellNoZone({ duration: m.durationSeconds({ count: seconds }) }));
    expect(Math.abs(seconds - runS), wentWell).toBeLessThan(2);
    // Mostly 140 bpm, one 143: the time-weighted average rounds to 140.
    expect(original.averageBpm).toBe(140);
    expect(original.maxBpm).toBe(143);
    expect(original.beats).toBe(sentRr.length);
    const mood = await textOf(page.getByTestId('mood-summary'));
    expect(mood).toContain('+1');
    expect(mood).toContain('+3');
    expect(await page.getByRole('textbox', { name: m.notes() }).inputValue()).toBe('Easy by the river.');
    // Every beat, in order, as Kubios reads it: one interval in ms per line.
    const rrText = await downloadFrom(page, m.exportRr());
    const rrLines = rrText.bytes.toString('utf8').trimEnd().split('\n').map(Number);
    expect(rrLines.map(Math.round)).toEqual(sentRr);

    // The history lists it.
    await openHistory(page);
    await page.getByTestId('history-list').locator(`a[href="#/session/${sessionId}"]`).waitFor();
    expect(await page.getByTestId('history-list').getByRole('listitem').count()).toBe(1);
    await page.goBack();

    const fit = await exportFit(page);
    const imported = await importIntoCleanProfile(fit);
    expect(imported.averageBpm).toBe(original.averageBpm);
    expect(imported.maxBpm).toBe(original.maxBpm);
    expect(imported.beats).toBe(original.beats);
    expect(
      Math.abs(imported.durationS - original.durationS),
      `imported ${imported.durationText}, recorded ${original.durationText}`,
    ).toBeLessThanOrEqual(1);

    strap.expectSubscribed();
    expect(bluetooth.problems).toEqual([]);
    app.expectNoUnhandledErrors();
  });

  it('keeps its duration through FIT when it was paused', async () => {
    const { app, bluetooth } = await openAppWithBluetooth(browser());
    const { page } = app;
    const strap = await bluetooth.addStrap({ address: '33:44:55:66:77:88', name: 'Wahoo TICKR FIT' });
    await pairStrap(page, bluetooth, strap);

    await startRun(page);
    const startedAt = Date.now();
    await sendEverySecond(strap, [138, 139, 140, 141]);
    // A red light: paused for about 3 s while the strap goes on sending.
    await button(page, m.pause()).click();
    await expectRecordingStatus(page, 'paused');
    await sendEverySecond(strap, [120, 118, 117, 116]);
    await button(page, m.resume()).click();
    await expectRecordingStatus(page, 'recording');
    await sendEverySecond(strap, [135, 138, 140]);
    const sessionId = await finishRun(page);
    const elapsedS = (Date.now() - startedAt) / 1000;
    await saveAndShowRun(page, sessionId);

    const original = await shownSummary(page);
    // The pause is not run time.
    expect(original.durationS, `${original.durationText} of ${elapsedS} s`).toBeLessThanOrEqual(elapsedS - 2);

    const imported = await importIntoCleanProfile(await exportFit(page));
    expect(imported.maxBpm).toBe(original.maxBpm);
    expect(imported.beats).toBe(original.beats);
    expect(
      Math.abs(imported.durationS - original.durationS),
      `imported ${imported.durationText}, recorded ${original.durationText} (paused time is not run time)`,
    ).toBeLessThanOrEqual(1);

    strap.expectSubscribed();
    expect(bluetooth.problems).toEqual([]);
    app.expectNoUnhandledErrors();
  });
});
