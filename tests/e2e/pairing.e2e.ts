import { m } from '../../src/paraglide/messages.js';
import { describe, expect, it } from 'vitest';
import { useBrowser } from './support/browser';
import { button, expectState, hrmFlags, pairStrap, rrBytes } from './support/calm-run-page';
import { openAppWithBluetooth } from './support/emulated-strap';
import { expectAttribute, expectText, textOf } from './support/expect-page';

const browser = useBrowser();

describe('pairing a strap over Web Bluetooth', () => {
  it('shows the values of the bytes the strap sends, its battery, position and device information', async () => {
    const { app, bluetooth } = await openAppWithBluetooth(browser());
    const { page } = app;
    const strap = await bluetooth.addStrap({
      address: '0C:8C:DC:10:20:30',
      name: 'Polar H10 1A2B3C4D',
      batteryPercent: 87,
      batteryNotifies: true,
      bodySensorLocation: 1,
      manufacturer: 'Polar Electro Oy',
      model: 'H10',
      firmware: '5.0.0',
    });
    const heartRate = page.getByTestId('heart-rate');
    const contact = page.getByTestId('contact');
    const rrCount = page.getByTestId('rr-count');
    const lastRr = page.getByTestId('last-rr');

    await button(page, m.connectStrap()).waitFor();
    expect(await textOf(heartRate)).toBe('');
    await pairStrap(page, bluetooth, strap);
    expect(bluetooth.prompts.map((prompt) => prompt.answer)).toEqual([strap.address]);
    await expectText(page.getByTestId('strap-name'), strap.name);

    // Optional information is read after the heart rate flows: battery, position, device information.
    await expectText(page.getByTestId('battery'), m.batteryPercent({ percent: 87 }));
    await expectText(page.getByTestId('body-location'), 'chest');
    await page.getByText(m.diagnostics(), { exact: true }).click();
    await expectText(page.getByTestId('device-info'), 'Polar Electro Oy · H10 · 5.0.0');
    expect(await textOf(heartRate)).toBe('--');

    // 8-bit heart rate, contact detected, one RR interval of 1024/1024 s.
    await strap.sendMeasurement([
      hrmFlags.rrIntervals | hrmFlags.contactSupported | hrmFlags.contactDetected,
      72,
      0x00,
      0x04,
    ]);
    await expectText(heartRate, '72');
    await expectAttribute(contact, 'data-contact', 'contact');
    await expectText(contact, m.contactGood());
    await expectText(rrCount, '1');
    await expectText(lastRr, `1000 ${m.ms()}`);

    // Several RR intervals in one packet (no contact support reported): every one counted and shown, oldest first.
    await strap.sendMeasurement([
      hrmFlags.rrIntervals,
      75,
      ...rrBytes(1000),
      ...rrBytes(750),
      ...rrBytes(875),
      ...rrBytes(1125),
    ]);
    await expectText(heartRate, '75');
    await expectText(rrCount, '5');
    await expectText(lastRr, `1000 · 1000 · 750 · 875 · 1125 ${m.ms()}`);
    await expectAttribute(contact, 'data-contact', 'unsupported');
    await expectText(contact, m.contactUnsupported());

    // Energy Expended comes before the RR intervals and must not shift them.
    await strap.sendMeasurement([
      hrmFlags.rrIntervals | hrmFlags.energyExpended | hrmFlags.contactSupported | hrmFlags.contactDetected,
      80,
      0x10,
      0x00,
      ...rrBytes(750),
    ]);
    await expectText(heartRate, '80');
    await expectText(rrCount, '6');
    await expectText(lastRr, `1000 · 1000 · 750 · 875 · 1125 · 750 ${m.ms()}`);

    // 16-bit heart rates.
    await strap.sendMeasurement([hrmFlags.heartRateUint16, 0x2c, 0x01]);
    await expectText(heartRate, '300');
    await strap.sendMeasurement([hrmFlags.heartRateUint16, 72, 0]);
    await expectText(heartRate, '72');
    expect(await textOf(rrCount)).toBe('6');

    // Contact supported but not detected: no reading, never a number.
    await strap.sendMeasurement([hrmFlags.contactSupported, 70]);
    await expectText(heartRate, '--');
    await expectAttribute(contact, 'data-contact', 'no-contact');
    await expectText(contact, m.contactNone());
    await expectText(page.locator('.unit'), m.noReading());

    // A heart rate of 0 with contact is no reading either.
    await strap.sendMeasurement([hrmFlags.contactSupported | hrmFlags.contactDetected, 0]);
    await expectAttribute(contact, 'data-contact', 'contact');
    expect(await textOf(heartRate)).toBe('--');

    // A battery notification updates the battery shown.
    await strap.setBattery(64);
    await expectText(page.getByTestId('battery'), m.batteryPercent({ percent: 64 }));

    await expectState(page, 'live');
    expect(await textOf(page.getByTestId('malformed-count'))).toBe('0');
    strap.expectSubscribed();
    expect(bluetooth.problems).toEqual([]);
    app.expectNoUnhandledErrors();
  });

  it('works with a strap that has only the Heart Rate Service', async () => {
    const { app, bluetooth } = await openAppWithBluetooth(browser());
    const { page } = app;
    const strap = await bluetooth.addStrap({
      address: '11:22:33:44:55:66',
      name: 'Bare HR strap',
      withBattery: false,
    });
    await button(page, m.connectStrap()).click();
    await expectState(page, 'live');
    await strap.sendMeasurement([hrmFlags.contactSupported | hrmFlags.contactDetected, 61]);
    await expectText(page.getByTestId('heart-rate'), '61');
    expect(await textOf(page.getByTestId('battery'))).toBe('');
    expect(await textOf(page.getByTestId('body-location'))).toBe('');
    expect(await textOf(page.getByTestId('device-info'))).toBe('');
    strap.expectSubscribed();
    expect(bluetooth.problems).toEqual([]);
    app.expectNoUnhandledErrors();
  });
});
