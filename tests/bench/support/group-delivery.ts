import type { Page } from 'playwright-core';

/**
 * The group bench's code inside the page: it delivers Heart Rate Measurements to the app's own characteristic
 * objects and times how soon each one reaches its tile.
 *
 * Delivery: Chromium has no DevTools command for a notification, so the page reads its own characteristic (the
 * very object the app listens on, from `navigator.bluetooth.getDevices()`) and the emulation answers the read with
 * the strap's next queued packet; Chromium then fires `characteristicvaluechanged` on the app's object. The reads
 * come from a timer here in the page, one strap after the other, so no DevTools command runs per packet.
 *
 * Latency: a capturing listener on each characteristic (at the target, capturing listeners run before the app's
 * own) notes the event's `timeStamp`; a MutationObserver on the tiles notes when that runner's tile shows the new
 * heart rate. The functions are named (see `benchFunctionNames`) so a trace can tell the bench's own work apart.
 */

export interface DeliveryCounts {
  /** Packets the app received (characteristicvaluechanged) while counting. */
  packets: number;
  /** From each packet's event to its tile showing the new heart rate, ms. */
  latenciesMs: number[];
  /** Packets whose heart rate no tile showed before the strap's next packet. */
  neverShown: number;
  failedReads: number;
}

export interface DeliveryStrap {
  /** The strap's advertised name, as `BluetoothDevice.name` has it. */
  strapName: string;
  /** The runner's name, as the tile's `data-runner` has it. */
  runnerName: string;
}

/** The names of the bench's functions in the page, as a trace's FunctionCall events show them. */
export const benchFunctionNames = {
  /** The timer callback that reads the next strap's characteristic: its whole task is the bench's. */
  read: 'groupBenchRead',
  listener: 'groupBenchListener',
  observer: 'groupBenchObserver',
} as const;

interface DeliveryControls {
  start: () => void;
  stop: () => void;
  startCounting: () => void;
  takeCounts: () => DeliveryCounts;
}

interface BenchWindow {
  groupBenchDelivery?: DeliveryControls;
}

/** Installs the delivery in the page; it starts with `startDelivery`. */
export async function installDelivery(
  page: Page,
  straps: readonly DeliveryStrap[],
  packetIntervalMs: number,
): Promise<void> {
  await page.evaluate(
    async ({ straps, packetIntervalMs, names }) => {
      const devices = await navigator.bluetooth.getDevices();
      const entries: { runnerName: string; characteristic: BluetoothRemoteGATTCharacteristic }[] = [];
      for (const { strapName, runnerName } of straps) {
        const device = devices.find((candidate) => candidate.name === strapName);
        if (!device?.gatt) throw new Error(`No permitted device ${strapName}`);
        const service = await device.gatt.getPrimaryService('heart_rate');
        entries.push({
          runnerName,
          characteristic: await service.getCharacteristic('heart_rate_measurement'),
        });
      }

      const counts: DeliveryCounts = { packets: 0, latenciesMs: [], neverShown: 0, failedReads: 0 };
      let counting = false;
      /** Per runner: the last packet not yet seen on the tile. */
      const pending = new Map<string, { bpm: string; atMs: number }>();
      /** Per runner: what the tile showed last, and when (in case the tile changed before the listener ran). */
      const shown = new Map<string, { bpm: string; atMs: number }>();

      // Declared functions, so each carries its name into a trace (kept equal to benchFunctionNames).
      function groupBenchListener(this: BluetoothRemoteGATTCharacteristic, event: Event): void {
        const value = this.value;
        const runnerName = entries.find((entry) => entry.characteristic === this)?.runnerName;
        if (!counting || !value || runnerName === undefined) return;
        counts.packets++;
        const bpm = String(value.getUint8(1));
        if (pending.has(runnerName)) counts.neverShown++;
        const already = shown.get(runnerName);
        if (already?.bpm === bpm && already.atMs >= event.timeStamp) {
          counts.latenciesMs.push(already.atMs - event.timeStamp);
          pending.delete(runnerName);
        } else pending.set(runnerName, { bpm, atMs: event.timeStamp });
      }
      function groupBenchObserver(records: MutationRecord[]): void {
        const atMs = performance.now();
        for (const record of records) {
          const element =
            record.target instanceof Element ? record.target : (record.target.parentElement ?? undefined);
          if (element?.getAttribute('data-testid') !== 'heart-rate') continue;
          const runnerName = element.closest('[data-testid="group-tile"]')?.getAttribute('data-runner');
          if (!runnerName) continue;
          const bpm = element.textContent.trim();
          shown.set(runnerName, { bpm, atMs });
          const waiting = pending.get(runnerName);
          if (counting && waiting?.bpm === bpm) {
            counts.latenciesMs.push(atMs - waiting.atMs);
            pending.delete(runnerName);
          }
        }
      }
      function groupBenchRead(): void {
        const entry = entries[next % entries.length];
        next++;
        entry?.characteristic.readValue().catch(() => {
          counts.failedReads++;
        });
      }
      if (
        [groupBenchListener, groupBenchObserver, groupBenchRead].map((fn) => fn.name).join() !==
        [names.listener, names.observer, names.read].join()
      ) {
        throw new Error('The bench functions lost the names a trace tells them apart by');
      }
      const listener = groupBenchListener;
      const observe = groupBenchObserver;
      const read = groupBenchRead;
      let next = 0;

      for (const { characteristic } of entries) {
        characteristic.addEventListener('characteristicvaluechanged', listener, { capture: true });
      }
      const observer = new MutationObserver(observe);
      let timer: ReturnType<typeof setInterval> | undefined;

      const controls: DeliveryControls = {
        start: () => {
          timer = setInterval(read, packetIntervalMs / entries.length);
        },
        stop: () => {
          clearInterval(timer);
        },
        startCounting: () => {
          const tiles = document.querySelector('[data-testid="group-tiles"]');
          if (!tiles) throw new Error('No group tiles to observe');
          observer.observe(tiles, { subtree: true, childList: true, characterData: true });
          Object.assign(counts, { packets: 0, latenciesMs: [], neverShown: 0, failedReads: 0 });
          pending.clear();
          counting = true;
        },
        takeCounts: () => {
          counting = false;
          return counts;
        },
      };
      (window as BenchWindow).groupBenchDelivery = controls;
    },
    { straps, packetIntervalMs, names: benchFunctionNames },
  );
}

async function control(page: Page, action: Exclude<keyof DeliveryControls, 'takeCounts'>): Promise<void> {
  await page.evaluate((action) => {
    const controls = (window as BenchWindow).groupBenchDelivery;
    if (!controls) throw new Error('The delivery is not installed');
    controls[action]();
  }, action);
}

export const startDelivery = (page: Page) => control(page, 'start');
export const stopDelivery = (page: Page) => control(page, 'stop');
/** Counting (and the tiles' observer) starts now, once the tiles are up. */
export const startCounting = (page: Page) => control(page, 'startCounting');

export function takeCounts(page: Page): Promise<DeliveryCounts> {
  return page.evaluate(() => {
    const controls = (window as BenchWindow).groupBenchDelivery;
    if (!controls) throw new Error('The delivery is not installed');
    return controls.takeCounts();
  });
}
