import { m } from '../../../src/paraglide/messages.js';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { chunkParts, type StoredChunk } from '../../../src/adapters/storage/stored-chunk';
import type { CoachingPreferences } from '../../../src/adapters/storage/preferences-store';
import type { RunnerProfile } from '../../../src/core/zones/runner-profile';
import { decodeSamples, type SessionMeta, type SessionSample } from '../../../src/core/session';
import { button, expectState, hrmFlags } from './calm-run-page';
import type { EmulatedBluetooth, EmulatedStrap } from './emulated-strap';
import { attributeOf } from './expect-page';

/** Helpers for the supervised group run: profiles seeded before load, the group's strap traffic, stored sessions. */

/** Coaching for a short test: quiet, and "above the zone" without the 20 s grace. */
export const quickCoaching: CoachingPreferences = {
  voice: false,
  tones: false,
  vibration: false,
  volume: 0.9,
  lowSideCues: false,
  graceSeconds: 0,
  statusEveryMinutes: 0,
  groupAlerts: true,
};

/** Stores the runner profiles and coaching settings before the app's code runs (again after every reload). */
export async function seedPreferences(
  context: BrowserContext,
  runners: readonly RunnerProfile[],
  coaching: CoachingPreferences = quickCoaching,
): Promise<void> {
  await context.addInitScript((text: string) => {
    localStorage.setItem('calm-run.preferences', text);
  }, JSON.stringify({ runners, coaching }));
}

/** A runner's row on the group setup screen (their strap, its state). */
export function strapRow(page: Page, name: string): Locator {
  return page.locator(`[data-testid="group-strap-row"][data-runner="${name}"]`);
}

/** A runner's tile on the group run screen. */
export function groupTile(page: Page, name: string): Locator {
  return page.locator(`[data-testid="group-tile"][data-runner="${name}"]`);
}

/** The runners' names in the order the tiles stand on screen now. */
export async function tileOrder(page: Page): Promise<string[]> {
  return (await attributeOf(page.getByTestId('group-tile'), 'data-runner')).split(' | ');
}

/** On the group setup screen: ticks the runner. */
export async function chooseRunner(page: Page, name: string): Promise<void> {
  await page
    .locator('li', { has: page.getByText(name, { exact: true }) })
    .getByTestId('group-runner-choice')
    .check();
}

/** On the group setup screen: pairs the runner's strap through the chooser, answered with that strap's address. */
export async function pairRunnersStrap(
  page: Page,
  bluetooth: EmulatedBluetooth,
  name: string,
  strap: EmulatedStrap,
): Promise<void> {
  bluetooth.chooseNext(strap.address);
  await button(page, m.groupPairStrap({ name })).click();
  await expectState(strapRow(page, name), 'live');
}

/** One Heart Rate Measurement as the strap sent it, and what the session should keep of it. */
export interface SentPacket {
  heartRateBpm: number | null;
  sensorContact: 'contact' | 'no-contact';
  rrIntervals1024: number[];
  /** Node's wall clock just before the packet went out. */
  sentAtWallMs: number;
}

/** One runner of the group as the test drives them: their strap and what it sends. */
export interface DrivenRunner {
  name: string;
  strap: EmulatedStrap;
  /** The heart rate the strap reports now. */
  bpm: number;
  /** Whether the strap feels skin now; without, it sends "contact supported, not detected" and no heart rate. */
  contact: boolean;
  /** Whether the test sends this strap's packets now (off while it is out of range, or after its run ended). */
  sending: boolean;
  /** Every packet the page received from this strap, in order. */
  sent: SentPacket[];
}

/**
 * The group's straps sending together, one packet per strap per round, as fast as the page takes them. A strap's
 * packet varies a little with its count (heart rate ±1, the beat's length), so every stored sample says which
 * packet it was.
 */
export class GroupTraffic {
  readonly runners: DrivenRunner[];

  constructor(runners: readonly { name: string; strap: EmulatedStrap; bpm: number }[]) {
    this.runners = runners.map((runner) => ({ ...runner, contact: true, sending: true, sent: [] }));
  }

  runner(name: string): DrivenRunner {
    const runner = this.runners.find((candidate) => candidate.name === name);
    if (!runner) throw new Error(`No runner ${name} in the group`);
    return runner;
  }

  /** One packet from every strap that sends now. */
  async round(): Promise<void> {
    for (const runner of this.runners) if (runner.sending) await send(runner);
  }

  /**
   * Rounds of packets until the page shows what `check` looks for (read without waiting, after each round): the
   * straps keep sending meanwhile, as straps on running chests do.
   */
  async until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.round();
      if (await check()) return;
      if (Date.now() > deadline) throw new Error(`Gave up after ${timeoutMs} ms waiting for ${what}`);
    }
  }

  /** A few rounds, for straps that just keep sending. */
  async rounds(count: number): Promise<void> {
    for (let round = 0; round < count; round++) await this.round();
  }
}

async function send(runner: DrivenRunner): Promise<void> {
  const count = runner.sent.length;
  const bpm = runner.bpm + (count % 3) - 1;
  const rr1024 = Math.round(61_440 / bpm) + (count % 5);
  const sentAtWallMs = Date.now();
  if (runner.contact) {
    const flags = hrmFlags.contactSupported | hrmFlags.contactDetected | hrmFlags.rrIntervals;
    await runner.strap.sendMeasurement([flags, bpm, rr1024 & 0xff, rr1024 >> 8]);
    runner.sent.push({
      heartRateBpm: bpm,
      sensorContact: 'contact',
      rrIntervals1024: [rr1024],
      sentAtWallMs,
    });
  } else {
    // A strap off the skin: contact supported, not detected, no heart rate and no beats.
    await runner.strap.sendMeasurement([hrmFlags.contactSupported, 0]);
    runner.sent.push({ heartRateBpm: null, sensorContact: 'no-contact', rrIntervals1024: [], sentAtWallMs });
  }
}

/** What a stored sample says about the packet it came from. */
export function packetOf(sample: SessionSample | SentPacket): Omit<SentPacket, 'sentAtWallMs'> {
  return {
    heartRateBpm: sample.heartRateBpm,
    sensorContact: sample.sensorContact === 'contact' ? 'contact' : 'no-contact',
    rrIntervals1024: [...sample.rrIntervals1024],
  };
}

export interface StoredSession {
  meta: SessionMeta;
  samples: SessionSample[];
}

/**
 * Every session in the page's IndexedDB, read through the page's own indexedDB and decoded in Node with the app's
 * own functions (chunkParts, decodeSamples), as the app loads them.
 */
export async function storedSessions(page: Page): Promise<StoredSession[]> {
  const raw = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('calm-run');
      request.onsuccess = () => {
        resolve(request.result);
      };
      request.onerror = () => {
        reject(request.error ?? new Error('indexedDB.open failed'));
      };
    });
    try {
      const transaction = db.transaction(['sessions', 'chunks'], 'readonly');
      const all = (store: string) =>
        new Promise<Record<string, unknown>[]>((resolve, reject) => {
          const request = transaction.objectStore(store).getAll();
          request.onsuccess = () => {
            resolve(request.result as Record<string, unknown>[]);
          };
          request.onerror = () => {
            reject(request.error ?? new Error(`getAll of ${store} failed`));
          };
        });
      const metas = await all('sessions');
      // Bytes travel as plain number arrays.
      const chunks = (await all('chunks')).map((chunk) =>
        Object.fromEntries(
          Object.entries(chunk).map(([key, value]) => [
            key,
            value instanceof Uint8Array ? { bytes: Array.from(value) } : value,
          ]),
        ),
      );
      return { metas, chunks };
    } finally {
      db.close();
    }
  });
  const chunks = raw.chunks.map(
    (chunk) =>
      Object.fromEntries(
        Object.entries(chunk).map(([key, value]) => [
          key,
          typeof value === 'object' && value !== null && 'bytes' in value
            ? Uint8Array.from((value as { bytes: number[] }).bytes)
            : value,
        ]),
      ) as unknown as StoredChunk,
  );
  return raw.metas.map((record) => {
    const meta = record as unknown as SessionMeta;
    const own = chunks.filter((chunk) => chunk.sessionId === meta.id).sort((a, b) => a.seq - b.seq);
    return {
      meta,
      samples: own.flatMap((chunk) => chunkParts(chunk).flatMap((bytes) => decodeSamples(bytes))),
    };
  });
}
