import { m } from '../../src/paraglide/messages.js';
import { describe, expect, it } from 'vitest';
import { useBrowser } from './support/browser';
import { hrmFlags, pairStrap } from './support/calm-run-page';
import { openAppWithBluetooth } from './support/emulated-strap';
import { expectText, textOf } from './support/expect-page';

const browser = useBrowser();
const withContact = hrmFlags.contactSupported | hrmFlags.contactDetected;

describe('malformed Heart Rate Measurement packets', () => {
  it('are counted with their reason, and the screen keeps working', async () => {
    const { app, bluetooth } = await openAppWithBluetooth(browser());
    const { page } = app;
    const strap = await bluetooth.addStrap({ address: '40:50:60:70:80:90', name: 'Cheap strap' });
    await pairStrap(page, bluetooth, strap);
    const heartRate = page.getByTestId('heart-rate');
    const malformedCount = page.getByTestId('malformed-count');
    const malformedReason = page.getByTestId('malformed-reason');
    expect(await textOf(malformedCount)).toBe('0');
    expect(await textOf(malformedReason)).toBe(m.none());

    await strap.sendMeasurement([withContact, 90]);
    await expectText(heartRate, '90');

    // RR intervals announced, then one odd byte: the whole packet is refused, never a partial value.
    await strap.sendMeasurement([0x10, 72, 0x20]);
    await expectText(malformedCount, '1');
    await expectText(malformedReason, 'odd trailing byte after 0 RR intervals');
    expect(await textOf(heartRate)).toBe('90');
    expect(await textOf(page.getByTestId('rr-count'))).toBe('0');

    // A 16-bit heart rate announced, but only the flags byte sent.
    await strap.sendMeasurement([0x01]);
    await expectText(malformedCount, '2');
    await expectText(malformedReason, /^flags 0x01 announce 3 bytes/u);
    expect(await textOf(heartRate)).toBe('90');

    // An empty packet.
    await strap.sendMeasurement([]);
    await expectText(malformedCount, '3');
    await expectText(malformedReason, /no flags byte/u);

    // The next valid packet is shown as usual, and the strap stays live.
    await strap.sendMeasurement([withContact | hrmFlags.rrIntervals, 64, 0x00, 0x04]);
    await expectText(heartRate, '64');
    await expectText(page.getByTestId('rr-count'), '1');
    expect(await textOf(malformedCount)).toBe('3');
    expect(await page.getByTestId('connection-state').getAttribute('data-state')).toBe('live');

    // The diagnostics panel shows the count when opened.
    await page.getByText(m.diagnostics(), { exact: true }).click();
    expect(await malformedCount.isVisible()).toBe(true);

    strap.expectSubscribed();
    expect(bluetooth.problems).toEqual([]);
    app.expectNoUnhandledErrors();
  });
});
