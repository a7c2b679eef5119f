import { m } from '../../../src/paraglide/messages.js';
import type { Locator, Page } from 'playwright-core';
import type { EmulatedBluetooth, EmulatedStrap } from './emulated-strap';
import { attributeOf, expectAttribute } from './expect-page';

export function button(page: Page, name: string): Locator {
  return page.getByRole('button', { name, exact: true });
}

/** One strap's tile on the live screen, found by the name in its heading. */
export function strapTile(page: Page, name: string): Locator {
  return page
    .locator('article')
    .filter({ has: page.getByTestId('strap-name').getByText(name, { exact: true }) });
}

/** The connection state shown now (in the page, or in one tile): idle, choosing, connecting, live, ... */
export async function stateOf(scope: Page | Locator): Promise<string> {
  return attributeOf(scope.getByTestId('connection-state'), 'data-state');
}

/** Waits until the connection state shown (in the page, or in one tile) is this one. */
export async function expectState(scope: Page | Locator, state: string, timeoutMs?: number): Promise<void> {
  await expectAttribute(scope.getByTestId('connection-state'), 'data-state', state, timeoutMs);
}

/**
 * Pairs a strap the way a user does: a real click on the button, the strap picked in Chrome's chooser, then waits
 * until its tile says it is live.
 */
export async function pairStrap(
  page: Page,
  bluetooth: EmulatedBluetooth,
  strap: EmulatedStrap,
  buttonName: string = m.connectStrap(),
): Promise<Locator> {
  bluetooth.chooseNext(strap.address);
  await button(page, buttonName).click();
  const tile = strapTile(page, strap.name);
  await expectState(tile, 'live');
  return tile;
}

/** Heart Rate Measurement flags (Bluetooth SIG Heart Rate Service 1.0, 3.1.1.1). */
export const hrmFlags = {
  heartRateUint16: 0x01,
  contactDetected: 0x02,
  contactSupported: 0x04,
  energyExpended: 0x08,
  rrIntervals: 0x10,
} as const;

/** An RR interval in ms as the strap sends it: UINT16 little-endian in 1/1024 s. */
export function rrBytes(ms: number): [number, number] {
  const units = Math.round((ms * 1024) / 1000);
  return [units & 0xff, units >> 8];
}
