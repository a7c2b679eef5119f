import { m } from '../../src/paraglide/messages.js';
import { describe, expect, it } from 'vitest';
import { openApp, useBrowser } from './support/browser';
import { button, expectState } from './support/calm-run-page';
import { expectNumber, expectText, textOf } from './support/expect-page';

// Chromium on Linux without the Web Bluetooth feature flag: a browser with no navigator.bluetooth.
const browser = useBrowser({ webBluetooth: false });

describe('a browser without Web Bluetooth', () => {
  it('gets the explanation page, and the simulated strap still works', async () => {
    const app = await openApp(browser(), { path: '/?speed=10' });
    const { page } = app;
    expect(await page.evaluate(() => 'bluetooth' in navigator)).toBe(false);

    const unsupported = page.getByTestId('unsupported-browser');
    await unsupported.waitFor();
    await expectText(unsupported.getByRole('heading'), m.unsupportedTitle());
    expect(await textOf(unsupported)).toContain('Chrome and Edge');
    expect(await button(page, m.connectStrap()).count()).toBe(0);

    await button(page, m.trySimulatedStrap()).click();
    await expectState(page, 'live');
    const heartRate = await expectNumber(
      async () => Number(await textOf(page.getByTestId('heart-rate'))),
      (bpm) => Number.isInteger(bpm) && bpm >= 40 && bpm <= 220,
      'a heart rate number from the simulated strap',
    );
    expect(heartRate).toBeGreaterThanOrEqual(40);
    // No "Add another strap" without Bluetooth.
    expect(await button(page, m.connectAnotherStrap()).count()).toBe(0);
    app.expectNoUnhandledErrors();
  });
});
