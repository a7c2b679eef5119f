import { m } from '../../src/paraglide/messages.js';
import { describe, expect, it } from 'vitest';
import { useBrowser } from './support/browser';
import { expectState, hrmFlags, pairStrap, stateOf } from './support/calm-run-page';
import { openAppWithBluetooth } from './support/emulated-strap';
import { expectText, textOf } from './support/expect-page';

const browser = useBrowser();
const withContact = hrmFlags.contactSupported | hrmFlags.contactDetected | hrmFlags.rrIntervals;

describe('several straps at once over Web Bluetooth', () => {
  it('connects two straps, each tile showing its own values, and one dropping out leaves the other live', async () => {
    const { app, bluetooth } = await openAppWithBluetooth(browser());
    const { page } = app;
    const runner = await bluetooth.addStrap({
      address: 'A0:00:00:00:00:01',
      name: 'Runner strap',
      batteryPercent: 90,
    });
    const therapist = await bluetooth.addStrap({
      address: 'A0:00:00:00:00:02',
      name: 'Therapist strap',
      batteryPercent: 40,
    });

    const runnerTile = await pairStrap(page, bluetooth, runner);
    const therapistTile = await pairStrap(page, bluetooth, therapist, m.connectAnotherStrap());
    expect(bluetooth.prompts.map((prompt) => prompt.answer)).toEqual([runner.address, therapist.address]);
    expect(await page.locator('article').count()).toBe(2);

    await runner.sendMeasurement([withContact, 131, ...[0x00, 0x02]]);
    await therapist.sendMeasurement([withContact, 64, 0x00, 0x04, 0x00, 0x04]);
    await expectText(runnerTile.getByTestId('heart-rate'), '131');
    await expectText(therapistTile.getByTestId('heart-rate'), '64');
    await expectText(runnerTile.getByTestId('rr-count'), '1');
    await expectText(therapistTile.getByTestId('rr-count'), '2');
    await expectText(runnerTile.getByTestId('battery'), m.batteryPercent({ percent: 90 }));
    await expectText(therapistTile.getByTestId('battery'), m.batteryPercent({ percent: 40 }));

    await therapist.sendMeasurement([withContact, 66, 0x00, 0x04]);
    await expectText(therapistTile.getByTestId('heart-rate'), '66');
    expect(await textOf(runnerTile.getByTestId('heart-rate'))).toBe('131');

    // One strap drops out: only its tile says so; it comes back by itself.
    await therapist.goAway();
    await expectState(therapistTile, 'reconnecting');
    expect(await stateOf(runnerTile)).toBe('live');
    await runner.sendMeasurement([withContact, 133, 0x00, 0x02]);
    await expectText(runnerTile.getByTestId('heart-rate'), '133');
    await therapist.comeBack();
    await expectState(therapistTile, 'live', 15_000);
    await therapist.sendMeasurement([withContact, 68, 0x00, 0x04]);
    await expectText(therapistTile.getByTestId('heart-rate'), '68');
    expect(await textOf(runnerTile.getByTestId('heart-rate'))).toBe('133');

    runner.expectSubscribed();
    therapist.expectSubscribed();
    expect(bluetooth.problems).toEqual([]);
    app.expectNoUnhandledErrors();
  });
});
