import { m } from '../../src/paraglide/messages.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { openApp, useBrowser } from './support/browser';
import { button, expectState, pairStrap } from './support/calm-run-page';
import { EmulatedBluetooth, type EmulatedStrap } from './support/emulated-strap';
import {
  chunkWrites,
  downloadFrom,
  expectRecordingStatus,
  finishRun,
  measurementPacket,
  parseSamplesCsv,
  rr1024,
  saveAndShowRun,
  shownSummary,
  startRun,
  watchChunkWrites,
} from './support/sessions';

const browser = useBrowser();

/** What the strap sent: packet i carries 100 + i bpm, so every stored sample says which packet it was. */
interface SentPacket {
  bpm: number;
  rrMs: number[];
  /** Node's wall clock just before the packet went out. */
  sentAtWallMs: number;
}

function packetFor(index: number): { bpm: number; rrMs: number[] } {
  const bpm = 100 + index;
  const beatMs = Math.round(60_000 / bpm);
  // One or two beats a second, as a strap at 100-130 bpm reports them.
  return { bpm, rrMs: index % 2 === 0 ? [beatMs, beatMs + 3] : [beatMs - 2] };
}

async function send(strap: EmulatedStrap, sent: SentPacket[]): Promise<void> {
  const { bpm, rrMs } = packetFor(sent.length);
  const sentAtWallMs = Date.now();
  await strap.sendMeasurement(measurementPacket(bpm, rrMs));
  sent.push({ bpm, rrMs, sentAtWallMs });
}

/** Sends one packet a second, as a strap does, until `until()` says stop (checked after each packet). */
async function sendEverySecond(
  strap: EmulatedStrap,
  sent: SentPacket[],
  until: () => boolean,
): Promise<void> {
  const startedAt = Date.now();
  for (let tick = 1; ; tick++) {
    await send(strap, sent);
    if (until()) return;
    await sleep(Math.max(0, startedAt + tick * 1000 - Date.now()));
  }
}

describe('a run interrupted by a reload', () => {
  it('is offered to carry on, and keeps everything but at most the last 5 s before the reload', async () => {
    let started: EmulatedBluetooth | undefined;
    const app = await openApp(browser(), {
      beforeLoad: async (context, page) => {
        await watchChunkWrites(context);
        started = await EmulatedBluetooth.start(browser(), context, page);
      },
    });
    const bluetooth = started;
    if (!bluetooth) throw new Error('The Bluetooth emulation did not start');
    const { page } = app;
    const strap = await bluetooth.addStrap({ address: '11:22:33:44:55:66', name: 'Polar H10 resume' });
    await pairStrap(page, bluetooth, strap);
    await startRun(page);

    // About 15 s of one packet a second.
    const sent: SentPacket[] = [];
    const recordingFrom = Date.now();
    await sendEverySecond(strap, sent, () => Date.now() - recordingFrom >= 15_000);
    const writes = await chunkWrites(page);
    expect(writes.length, 'chunks stored during 15 s of recording').toBeGreaterThanOrEqual(2);
    // "A chunk is appended at least every 5 seconds": no gap between two chunk writes above 5 s (plus 100 ms
    // for the browser's timer and the write itself). Soft, so the reload below is still tried.
    const gaps = writes.slice(1).map((write, index) => write.atWallMs - (writes[index]?.atWallMs ?? NaN));
    expect
      .soft(Math.max(...gaps), `gaps between chunk writes: ${gaps.join(', ')} ms`)
      .toBeLessThanOrEqual(5_100);

    // Reload at a bad moment: 5.5 s after the last chunk was stored, packets still coming. A recording that stores
    // every 5 s has stored another chunk by then.
    const lastWrite = writes.at(-1)?.atWallMs ?? NaN;
    await sendEverySecond(strap, sent, () => Date.now() >= lastWrite + 5_500);
    const sentBeforeReload = sent.length;
    const reloadAtWallMs = Date.now();
    await page.reload();
    await bluetooth.afterReload();

    // The page reloads where the runner was, on the run screen: the offer to carry on belongs there.
    expect(page.url()).toMatch(/#\/run$/u);
    const interrupted = page.getByTestId('interrupted-run');
    const offeredOnRunScreen = await interrupted.waitFor({ timeout: 5_000 }).then(
      () => true,
      () => false,
    );
    expect.soft(offeredOnRunScreen, 'the run screen offers to carry on the interrupted run').toBe(true);
    if (!offeredOnRunScreen) {
      await page.getByRole('link', { name: m.navHome(), exact: true }).click();
      await interrupted.waitFor();
    }
    // The strap stayed on the runner's chest: reconnect it, then carry on recording.
    await page.getByRole('button', { name: /^Reconnect\b/u }).click();
    await expectState(page, 'live');
    await button(page, m.interruptedResume()).click();
    await expectRecordingStatus(page, 'recording');
    expect(await page.getByTestId('interrupted-run').count()).toBe(0);

    // Recording goes on after the reload.
    for (let more = 0; more < 3; more++) {
      await send(strap, sent);
      await sleep(1000);
    }
    const sessionId = await finishRun(page);
    await saveAndShowRun(page, sessionId);
    const summary = await shownSummary(page);
    const csv = await downloadFrom(page, m.exportCsv());
    const samples = parseSamplesCsv(csv.bytes.toString('utf8'));

    // Which packets were stored: packet i is the sample at 100 + i bpm.
    const stored = samples.map((sample) => (sample.heartRateBpm ?? NaN) - 100);
    const afterReload = sent.map((_, index) => index).slice(sentBeforeReload);
    const beforeReload = stored.slice(0, stored.length - afterReload.length);
    // Everything from the start up to some packet k, in order, none missing; then every packet sent after resuming.
    expect(beforeReload).toEqual(beforeReload.map((_, index) => index));
    expect(stored.slice(beforeReload.length)).toEqual(afterReload);
    const firstLost = beforeReload.length;
    const lostMs = firstLost < sentBeforeReload ? reloadAtWallMs - (sent[firstLost]?.sentAtWallMs ?? NaN) : 0;
    expect(
      lostMs,
      `packets ${firstLost}..${sentBeforeReload - 1} of ${sentBeforeReload} were lost, the first one ` +
        `${lostMs} ms before the reload`,
    ).toBeLessThanOrEqual(5_000);
    expect(beforeReload.length).toBeGreaterThanOrEqual(10);

    // The stored samples are what the strap sent: heart rate, contact and every RR interval, in time order.
    samples.forEach((sample, index) => {
      const packet = sent[stored[index] ?? -1];
      expect(sample.contact).toBe('contact');
      expect(sample.rrMs.map((ms) => Math.round((ms * 1024) / 1000))).toEqual(packet?.rrMs.map(rr1024));
      if (index > 0) expect(sample.elapsedS).toBeGreaterThan(samples[index - 1]?.elapsedS ?? NaN);
    });
    const storedBeats = samples.reduce((sum, sample) => sum + sample.rrMs.length, 0);
    expect(summary.beats).toBe(storedBeats);
    expect(summary.maxBpm).toBe(Math.max(...samples.map((sample) => sample.heartRateBpm ?? 0)));

    strap.expectSubscribed();
    expect(bluetooth.problems).toEqual([]);
    app.expectNoUnhandledErrors();
  });
});
