import { m } from '../../src/paraglide/messages.js';
import { describe, expect, it } from 'vitest';
import { useBrowser } from './support/browser';
import { button, expectState, hrmFlags, pairStrap } from './support/calm-run-page';
import { openAppWithBluetooth } from './support/emulated-strap';
import { expectText, textOf } from './support/expect-page';

const browser = useBrowser();
const withContact = hrmFlags.contactSupported | hrmFlags.contactDetected;

describe('when connecting does not get as far as a strap', () => {
  it('a cancelled chooser says no strap was chosen, and the app keeps working', async () => {
    const { app, bluetooth } = await openAppWithBluetooth(browser());
    const { page } = app;
    const strap = await bluetooth.addStrap({ address: '50:60:70:80:90:A0', name: 'Coospo H6' });

    bluetooth.cancelNext();
    await button(page, m.connectStrap()).click();
    const problem = page.locator('.problem');
    await expectText(problem, m.lostReason_chooserCancelled());
    expect(bluetooth.prompts.map((prompt) => prompt.answer)).toEqual(['cancel']);
    // Still the connect screen, with no strap tile.
    expect(await page.locator('article').count()).toBe(0);
    expect(await button(page, m.connectStrap()).isEnabled()).toBe(true);

    await pairStrap(page, bluetooth, strap);
    await strap.sendMeasurement([withContact, 71]);
    await expectText(page.getByTestId('heart-rate'), '71');
    expect(await textOf(problem)).toBe('');

    strap.expectSubscribed();
    expect(bluetooth.problems).toEqual([]);
    app.expectNoUnhandledErrors();
  });

  it('no Bluetooth adapter gets a clear message, and the simulated strap still works', async () => {
    // With the emulated adapter 'powered-off', Chromium 156 headless never answers requestDevice (no chooser to
    // show the "Bluetooth is off" hint in): only the 'absent' adapter, which rejects at once, can be tested here.
    const { app, bluetooth } = await openAppWithBluetooth(browser(), {
      path: '/?speed=10',
      adapterState: 'absent',
    });
    const { page } = app;
    await button(page, m.connectStrap()).click();
    await expectText(page.locator('.problem'), m.lostReason_bluetoothOff());
    expect(bluetooth.prompts).toEqual([]);

    await button(page, m.trySimulatedStrap()).click();
    await expectState(page, 'live');
    await expectText(page.getByTestId('heart-rate'), /^\d+$/u);

    expect(bluetooth.problems).toEqual([]);
    app.expectNoUnhandledErrors();
  });
});
