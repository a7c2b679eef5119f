import type { HeartRateSource } from '../adapters/heart-rate-source';
import { AdapterAvailability } from '../adapters/bluetooth/adapter-availability';
import { WebBluetoothStrap } from '../adapters/bluetooth/web-bluetooth-strap';
import type { SimulatedStrapOptions } from '../adapters/simulated/simulated-strap';

/**
 * The one place that picks real or simulated straps. The simulated strap and replay are imported only when used,
 * so a runner with a real strap never downloads them.
 */
export function webBluetooth(): Bluetooth | undefined {
  return 'bluetooth' in navigator ? navigator.bluetooth : undefined;
}

export function createBluetoothStrap(
  bluetooth: Bluetooth,
  availability: AdapterAvailability,
  device?: BluetoothDevice,
): HeartRateSource {
  return new WebBluetoothStrap(bluetooth, device ? { device, availability } : { availability });
}

/** Follows whether Bluetooth is on from now on, so that a later tap on "Connect strap" need not ask first. */
export function followAdapterAvailability(bluetooth: Bluetooth): AdapterAvailability {
  return new AdapterAvailability(bluetooth);
}

/** Straps this site was allowed to use before, reconnectable after a reload without the chooser. */
export async function findPairedStraps(bluetooth: Bluetooth): Promise<BluetoothDevice[]> {
  if (typeof bluetooth.getDevices !== 'function') return [];
  try {
    return await bluetooth.getDevices();
  } catch {
    return [];
  }
}

/**
 * The simulated strap's settings come from the address bar (`?sim=surge&speed=20&seed=7&breaths=6&noise=white`),
 * so a demo or a browser test can pick a scenario without a settings screen.
 */
export async function createSimulatedStrap(
  search: string,
  index: number,
  options?: SimulatedStrapOptions,
): Promise<HeartRateSource> {
  const { SimulatedStrap } = await import('../adapters/simulated/simulated-strap');
  const { simulatedStrapOptionsFromQuery } = await import('../adapters/simulated/simulated-strap-query');
  return new SimulatedStrap({
    ...simulatedStrapOptionsFromQuery(new URLSearchParams(search), index),
    ...options,
  });
}

export async function createReplay(logText: string, name: string): Promise<HeartRateSource> {
  const { ReplaySource } = await import('../adapters/simulated/replay-source');
  return new ReplaySource(logText, { name });
}
