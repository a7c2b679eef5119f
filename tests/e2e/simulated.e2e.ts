import { m } from '../../src/paraglide/messages.js';
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openApp, useBrowser } from './support/browser';
import { button, expectState } from './support/calm-run-page';
import { expectAttribute, expectNumber, expectText, textOf } from './support/expect-page';

const browser = useBrowser();

async function numberIn(locator: Locator): Promise<number> {
  const text = await textOf(locator);
  return text === '' ? Number.NaN : Number(text);
}

describe('the simulated strap, with no Bluetooth at all', () => {
  it('shows a live, realistic heart rate, beat intervals arriving, battery and position', async () => {
    const app = await openApp(browser(), { path: '/?speed=10', withoutWebBluetooth: true });
    const { page } = app;
    expect(await page.evaluate(() => 'bluetooth' in navigator)).toBe(false);

    await button(page, m.trySimulatedStrap()).click();
    await expectState(page, 'live');
    await expectText(page.getByTestId('strap-name'), `Calm Run simulated strap ${m.simulatedBadge()}`);
    await expectNumber(
      () => numberIn(page.getByTestId('heart-rate')),
      (bpm) => Number.isInteger(bpm) && bpm >= 50 && bpm <= 200,
      'a heart rate in a realistic range',
    );
    const rrCount = page.getByTestId('rr-count');
    const firstCount = await expectNumber(
      () => numberIn(rrCount),
      (count) => count > 0,
      'beat intervals arriving',
    );
    await expectNumber(
      () => numberIn(rrCount),
      (count) => count > firstCount,
      'more beat intervals arriving',
    );
    const lastRr = (await textOf(page.getByTestId('last-rr')))
      .replace(` ${m.ms()}`, '')
      .split(' · ')
      .map(Number);
    expect(lastRr.length).toBeGreaterThan(0);
    for (const rrMs of lastRr) {
      expect(rrMs).toBeGreaterThanOrEqual(300);
      expect(rrMs).toBeLessThanOrEqual(1500);
    }
    await expectText(page.getByTestId('battery'), /^\d{1,3} %$/u);
    await expectText(page.getByTestId('body-location'), 'chest');
    await expectAttribute(page.getByTestId('contact'), 'data-contact', 'contact');
    app.expectNoUnhandledErrors();
  });

  it('runs two simulated straps at once, each in its own tile', async () => {
    const app = await openApp(browser(), { path: '/?speed=10&seed=3', withoutWebBluetooth: true });
    const { page } = app;
    await button(page, m.trySimulatedStrap()).click();
    await expectState(page, 'live');
    // The live screen offers another simulated strap.
    await button(page, m.trySimulatedStrap()).click();

    const tiles = page.locator('article');
    await expectNumber(
      () => tiles.count(),
      (count) => count === 2,
      'two strap tiles',
    );
    await expectText(
      tiles.getByTestId('strap-name'),
      /^Calm Run simulated strap simulated \| Calm Run simulated strap 2 simulated$/u,
    );
    for (const tile of [tiles.nth(0), tiles.nth(1)]) {
      await expectState(tile, 'live');
      await expectNumber(
        () => numberIn(tile.getByTestId('heart-rate')),
        (bpm) => Number.isInteger(bpm) && bpm >= 50 && bpm <= 200,
        'a heart rate in each tile',
      );
      await expectNumber(
        () => numberIn(tile.getByTestId('rr-count')),
        (count) => count > 0,
        'beat intervals in each tile',
      );
    }
    app.expectNoUnhandledErrors();
  });
});
