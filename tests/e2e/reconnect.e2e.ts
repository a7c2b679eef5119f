import { m } from '../../src/paraglide/messages.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { useBrowser } from './support/browser';
import { button, expectState, hrmFlags, pairStrap, stateOf } from './support/calm-run-page';
import { openAppWithBluetooth } from './support/emulated-strap';
import { expectNumber, expectText, textOf } from './support/expect-page';

const browser = useBrowser();
const withContact = hrmFlags.contactSupported | hrmFlags.contactDetected | hrmFlags.rrIntervals;

describe('a strap that drops out', () => {
  it('says it is reconnecting, then is live again by itself when the strap is back', async () => {
    const { app, bluetooth } = await openAppWithBluetooth(browser());
    const { page } = app;
    const strap = await bluetooth.addStrap({
      address: '20:30:40:50:60:70',
      name: 'Garmin HRM-Pro',
      bodySensorLocation: 1,
    });
    await pairStrap(page, bluetooth, strap);
    await expectText(page.getByTestId('body-location'), 'chest');
    await strap.sendMeasurement([withContact, 72, 0x00, 0x04]);
    await expectText(page.getByTestId('heart-rate'), '72');
    const attemptsBefore = strap.connectionAttempts;

    await strap.goAway();
    // The screen says so at once.
    await expectState(page, 'reconnecting', 2_000);
    await expectText(page.getByTestId('last-beat-ago'), /^Last beat \d+ s ago$/u);
    expect(await textOf(page.getByRole('status').first())).toBe(m.stateReconnecting());
    // The app keeps trying on its own while the strap is away; a failed attempt leaves it reconnecting.
    await expectNumber(
      () => Promise.resolve(strap.connectionAttempts),
      (attempts) => attempts > attemptsBefore,
      'a reconnect attempt while the strap is away',
      5_000,
    );
    await expectState(page, 'reconnecting');
    // The time since the last beat grows while the strap is away.
    await expectText(page.getByTestId('last-beat-ago'), /^Last beat [1-9]\d* s ago$/u, 5_000);

    await strap.comeBack();
    // Backoff 1 s, 2 s, 4 s: the attempt after the one that failed comes within a few seconds, with no user action.
    await expectState(page, 'live', 15_000);
    expect(await textOf(page.getByTestId('last-beat-ago'))).toBe('');
    await strap.sendMeasurement([withContact, 88, 0x00, 0x04]);
    await expectText(page.getByTestId('heart-rate'), '88');
    await expectText(page.getByTestId('rr-count'), '2');

    strap.expectSubscribed();
    expect(bluetooth.problems).toEqual([]);
    app.expectNoUnhandledErrors();
  });

  it('never reconnects after the user disconnects', async () => {
    const { app, bluetooth } = await openAppWithBluetooth(browser());
    const { page } = app;
    const strap = await bluetooth.addStrap({ address: '30:40:50:60:70:80', name: 'Wahoo TICKR' });
    await pairStrap(page, bluetooth, strap);
    await strap.sendMeasurement([withContact, 66, 0x00, 0x04]);
    await expectText(page.getByTestId('heart-rate'), '66');

    await button(page, m.disconnect()).click();
    await expectState(page, 'idle');
    let attemptsBefore = strap.connectionAttempts;
    // Wait past the first backoff step (1 s): a reconnect would have tried, and succeeded, by now.
    await sleep(2_500);
    expect(await stateOf(page)).toBe('idle');
    expect(strap.connectionAttempts).toBe(attemptsBefore);
    const connected = await page.evaluate(async (name) => {
      const device = (await navigator.bluetooth.getDevices()).find((candidate) => candidate.name === name);
      return device?.gatt?.connected;
    }, strap.name);
    expect(connected).toBe(false);

    // The user can connect again on purpose, without the chooser.
    await strap.restoreServices();
    await button(page, m.connectAgain()).click();
    await expectState(page, 'live');
    await strap.sendMeasurement([withContact, 67, 0x00, 0x04]);
    await expectText(page.getByTestId('heart-rate'), '67');
    expect(bluetooth.prompts).toHaveLength(1);

    // Disconnecting while the app is reconnecting stops the attempts too, even once the strap is back in range.
    await strap.goAway();
    await expectState(page, 'reconnecting');
    await button(page, m.disconnect()).click();
    await expectState(page, 'idle');
    attemptsBefore = strap.connectionAttempts;
    await strap.comeBack();
    await sleep(2_500);
    expect(await stateOf(page)).toBe('idle');
    expect(strap.connectionAttempts).toBe(attemptsBefore);

    strap.expectSubscribed();
    expect(bluetooth.problems).toEqual([]);
    app.expectNoUnhandledErrors();
  });

  it('retries a strap that vanishes in the middle of service discovery, without a tap', async () => {
    const { app, bluetooth } = await openAppWithBluetooth(browser());
    const { page } = app;
    const strap = await bluetooth.addStrap({ address: '60:70:80:90:A0:B0', name: 'Flaky strap' });
    strap.vanishDuringNextDiscovery();
    bluetooth.chooseNext(strap.address);
    await button(page, m.connectStrap()).click();
    await expectState(page, 'reconnecting');
    // Not given up: the tile stays, with no "connection ended" message.
    expect(await textOf(page.locator('.problem'))).toBe('');

    await strap.comeBack();
    await expectState(page, 'live', 15_000);
    await strap.sendMeasurement([withContact, 73, 0x00, 0x04]);
    await expectText(page.getByTestId('heart-rate'), '73');

    strap.expectSubscribed();
    expect(bluetooth.problems).toEqual([]);
    app.expectNoUnhandledErrors();
  });

  it('after a page reload, reconnects a strap paired before without the chooser', async () => {
    const { app, bluetooth } = await openAppWithBluetooth(browser());
    const { page } = app;
    const strap = await bluetooth.addStrap({ address: '70:80:90:A0:B0:C0', name: 'Polar H9' });
    await pairStrap(page, bluetooth, strap);
    await strap.sendMeasurement([withContact, 70, 0x00, 0x04]);
    await expectText(page.getByTestId('heart-rate'), '70');

    await page.reload();
    await bluetooth.afterReload();
    const reconnect = page.getByRole('button', { name: /^Reconnect\b/u });
    await reconnect.waitFor();
    // Chromium's emulated chooser stores the strap with an empty name, so after the reload the app gets
    // BluetoothDevice.name === ''. The button must still name something.
    expect
      .soft(await textOf(reconnect), 'a strap without a name is offered as "Unnamed strap"')
      .toMatch(/^Reconnect (Polar H9|Unnamed strap)$/u);

    await reconnect.click();
    await expectState(page, 'live');
    expect(bluetooth.prompts).toHaveLength(1);
    await strap.sendMeasurement([withContact, 71, 0x00, 0x04]);
    await expectText(page.getByTestId('heart-rate'), '71');

    strap.expectSubscribed();
    expect(bluetooth.problems).toEqual([]);
    app.expectNoUnhandledErrors();
  });
});
