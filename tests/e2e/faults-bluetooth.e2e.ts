import { m } from '../../src/paraglide/messages.js';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowser } from './support/browser';
import { expectState, pairStrap } from './support/calm-run-page';
import { openAppWithBluetooth, type EmulatedStrap } from './support/emulated-strap';
import { expectNumber, expectText, textOf } from './support/expect-page';
import {
  clockSeconds,
  expectRecordingStatus,
  expectRunClockAtLeast,
  finishRun,
  startRun,
  storedSession,
} from './support/sessions';
import { calmRunBeats, expectStoredAsSent, StrapTraffic } from './support/strap-traffic';

const browser = useBrowser();

async function runClockSeconds(page: Page): Promise<number> {
  return clockSeconds(await textOf(page.getByTestId('run-clock')));
}

/** A few packets a second apart, as a strap sends them. */
async function beat(strap: EmulatedStrap, traffic: StrapTraffic, packets: number): Promise<void> {
  for (let packet = 0; packet < packets; packet++) {
    await traffic.sendTo(strap);
    await sleep(300);
  }
}

/**
 * While the strap cannot be heard, the screen says so in words (the strap is out of reach, the app reconnects, how
 * long since the last beat), and the run goes on: the clock runs and the run is still being recorded.
 */
async function expectRunGoesOnWithoutStrap(page: Page): Promise<void> {
  await expectState(page, 'reconnecting');
  await expectText(page.getByTestId('connection-state').getByRole('status'), m.stateReconnecting());
  const clockBefore = await runClockSeconds(page);
  await expectText(page.getByTestId('last-beat-ago'), /^Last beat [2-9]\d* s ago$/u);
  await expectRunClockAtLeast(page, clockBefore + 2);
  await expectRecordingStatus(page, 'recording');
}

describe('Bluetooth trouble in the middle of a recorded run', () => {
  it('Bluetooth switched off and on again: says the strap is out of reach, runs on, and records again', async () => {
    const { app, bluetooth } = await openAppWithBluetooth(browser());
    const { page } = app;
    const strap = await bluetooth.addStrap({ address: 'B7:0F:F0:00:00:01', name: 'Wahoo TICKR off' });
    await pairStrap(page, bluetooth, strap);
    await startRun(page);
    const traffic = new StrapTraffic(calmRunBeats(7));
    await beat(strap, traffic, 4);

    await bluetooth.switchOff();
    const attemptsWhileOff = strap.connectionAttempts;
    await expectRunGoesOnWithoutStrap(page);
    // The app keeps trying by itself while Bluetooth is off.
    await expectNumber(
      () => Promise.resolve(strap.connectionAttempts),
      (attempts) => attempts > attemptsWhileOff,
      'a reconnect attempt while Bluetooth is off',
    );
    await sleep(3_000);

    await bluetooth.switchOn();
    await expectState(page, 'live', 20_000);
    await beat(strap, traffic, 4);
    const sessionId = await finishRun(page);

    const stored = await storedSession(page, sessionId);
    if (!stored) throw new Error(`Session ${sessionId} is not stored`);
    expectStoredAsSent(stored.samples, traffic.sent);
    const types = stored.meta.events.map((event) => event.type);
    expect(types.filter((type) => type.startsWith('strap-'))).toEqual([
      'strap-connected',
      'strap-disconnected',
      'strap-reconnected',
    ]);
    // Off for longer than the 5-s threshold: a gap, with its length.
    const gap = stored.meta.events.find((event) => event.type === 'gap');
    const afterGap = stored.samples.findIndex((sample) => sample.elapsedMs === gap?.elapsedMs);
    expect(afterGap).toBe(4);
    expect(Number(gap?.detail)).toBe(
      (stored.samples[4]?.elapsedMs ?? NaN) - (stored.samples[3]?.elapsedMs ?? NaN),
    );
    expect(strap.measurementSubscriptions).toBe(2);
    strap.expectSubscribed();
    expect(bluetooth.problems).toEqual([]);
    app.expectNoUnhandledErrors();
  });

  it('a strap that never answers the connection: says so, runs on, and reconnects once it answers', async () => {
    const { app, bluetooth } = await openAppWithBluetooth(browser());
    const { page } = app;
    const strap = await bluetooth.addStrap({ address: 'B7:0F:F0:00:00:02', name: 'Coospo H808S hung' });
    await pairStrap(page, bluetooth, strap);
    await startRun(page);
    const traffic = new StrapTraffic(calmRunBeats(8));
    await beat(strap, traffic, 4);

    // The strap drops out and, back in reach, hangs: the app's connection attempt is never answered.
    await strap.goAway();
    strap.answerConnections(false);
    const attemptsBefore = strap.connectionAttempts;
    await strap.comeBack();
    await expectNumber(
      () => Promise.resolve(strap.connectionAttempts),
      (attempts) => attempts > attemptsBefore,
      'a connection attempt the strap leaves unanswered',
    );
    await expectRunGoesOnWithoutStrap(page);
    const hungAttempt = strap.connectionAttempts;

    // It answers again, but the app's attempt is the one it never answered: only giving that up (after 20 s) and
    // trying again brings the strap back, with no tap.
    strap.answerConnections(true);
    await expectState(page, 'live', 40_000);
    expect(strap.connectionAttempts).toBeGreaterThan(hungAttempt);
    await expectRecordingStatus(page, 'recording');
    await beat(strap, traffic, 3);
    const sessionId = await finishRun(page);

    const stored = await storedSession(page, sessionId);
    if (!stored) throw new Error(`Session ${sessionId} is not stored`);
    expectStoredAsSent(stored.samples, traffic.sent);
    expect(stored.meta.events.filter((event) => event.type === 'strap-reconnected')).toHaveLength(1);
    expect(strap.measurementSubscriptions).toBe(2);
    strap.expectSubscribed();
    expect(bluetooth.problems).toEqual([]);
    app.expectNoUnhandledErrors();
  }, 90_000);
});
