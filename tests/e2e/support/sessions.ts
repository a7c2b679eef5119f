import { m } from '../../../src/paraglide/messages.js';
import { readFile } from 'node:fs/promises';
import type { BrowserContext, Download, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { chunkParts, type StoredChunk } from '../../../src/adapters/storage/stored-chunk';
import { decodeSamples, type SessionMeta, type SessionSample } from '../../../src/core/session';
import { button, expectState, hrmFlags, rrBytes } from './calm-run-page';
import { expectAttribute, expectNumber, expectText, textOf } from './expect-page';

/** Helpers for the sessions feature: the run flow, the detail screen, files in and out, and the database. */

/** A Heart Rate Measurement with skin contact, an 8-bit heart rate and these RR intervals (ms). */
export function measurementPacket(heartRateBpm: number, rrMs: readonly number[]): number[] {
  const flags = hrmFlags.contactSupported | hrmFlags.contactDetected | hrmFlags.rrIntervals;
  return [flags, heartRateBpm, ...rrMs.flatMap((ms) => rrBytes(ms))];
}

/** What the strap sends, as 1/1024 s units, the way the app keeps RR intervals. */
export function rr1024(ms: number): number {
  return Math.round((ms * 1024) / 1000);
}

/**
 * From the home screen: "Start a run", then either both questions answered and "Start run", or "Skip and start".
 * Waits until the run screen says it is recording.
 */
export async function startRun(page: Page, answers?: { feeling: number; arousal: number }): Promise<void> {
  await page.getByTestId('start-run').click();
  if (answers) {
    await page.locator(`input[name="feeling-before"][value="${answers.feeling}"]`).check();
    await page.locator(`input[name="arousal-before"][value="${answers.arousal}"]`).check();
    await button(page, m.startRunNow()).click();
  } else {
    await button(page, m.startWithoutAnswers()).click();
  }
  await expectAttribute(page.getByTestId('recording-state'), 'data-status', 'recording');
}

/** "Finish run", "Yes, finish": waits for the after-run screen and returns the session id from its address. */
export async function finishRun(page: Page): Promise<string> {
  await button(page, m.finishRun()).click();
  await button(page, m.finishYes()).click();
  return afterRunSessionId(page);
}

/** Waits for the "How was it?" screen (`#/after/<id>`) and returns the id. */
export async function afterRunSessionId(page: Page): Promise<string> {
  await page.getByRole('heading', { name: m.afterRunTitle(), exact: true }).waitFor();
  const match = /#\/after\/([^/?]+)$/u.exec(page.url());
  if (!match?.[1]) throw new Error(`Not on the after-run screen: ${page.url()}`);
  return decodeURIComponent(match[1]);
}

export interface AfterRunAnswers {
  feeling: number;
  arousal: number;
  exertion: number;
  notes: string;
}

/** "Save and show my run" (with these answers, or none), then waits for the detail's summary. */
export async function saveAndShowRun(
  page: Page,
  sessionId: string,
  answers?: AfterRunAnswers,
): Promise<void> {
  if (answers) {
    await page.locator(`input[name="feeling-after"][value="${answers.feeling}"]`).check();
    await page.locator(`input[name="arousal-after"][value="${answers.arousal}"]`).check();
    await page.locator(`input[name="exertion"][value="${answers.exertion}"]`).check();
    await page.getByRole('textbox', { name: new RegExp(`^${m.notes()}`, 'u') }).fill(answers.notes);
  }
  await button(page, m.saveAndShowSummary()).click();
  await page.waitForURL((url) => url.hash === `#/session/${encodeURIComponent(sessionId)}`);
  await page.getByTestId('session-summary').waitFor();
}

export interface ShownSummary {
  /** The duration as shown ("0:14"), and in whole seconds. */
  durationText: string;
  durationS: number;
  /** Average and maximum heart rate in bpm as shown (undefined when the screen shows none). */
  averageBpm: number | undefined;
  maxBpm: number | undefined;
  beats: number;
}

/** Seconds of a clock shown as "m:ss" or "h:mm:ss" at the end of a text (the run clock has a hidden label first). */
export function clockSeconds(text: string): number {
  const clock = /(?:\d+:)?\d+:\d{2}$/u.exec(text.trim())?.[0];
  if (clock === undefined) return Number.NaN;
  return clock.split(':').reduce((total, part) => total * 60 + Number(part), 0);
}

async function bpmIn(locator: Locator): Promise<number | undefined> {
  const text = await textOf(locator);
  if (text === '') return undefined;
  return Number(text.replace(` ${m.bpm()}`, '').replace(/,/gu, ''));
}

/** The summary figures on the session detail screen (waits for them to be drawn). */
export async function shownSummary(page: Page): Promise<ShownSummary> {
  const summary = page.getByTestId('session-summary');
  await summary.waitFor();
  const durationText = await textOf(summary.getByTestId('summary-duration'));
  return {
    durationText,
    durationS: clockSeconds(durationText),
    averageBpm: await bpmIn(summary.getByTestId('summary-average')),
    maxBpm: await bpmIn(summary.getByTestId('summary-max')),
    beats: Number((await textOf(summary.getByTestId('summary-beats'))).replace(/,/gu, '')),
  };
}

export interface DownloadedFile {
  name: string;
  bytes: Buffer;
}

/** Clicks an export button and returns the file the browser downloaded. */
export async function downloadFrom(page: Page, buttonName: string): Promise<DownloadedFile> {
  const [download] = await Promise.all([page.waitForEvent('download'), button(page, buttonName).click()]);
  return readDownload(download);
}

async function readDownload(download: Download): Promise<DownloadedFile> {
  const failure = await download.failure();
  if (failure !== null) throw new Error(`The download of ${download.suggestedFilename()} failed: ${failure}`);
  return { name: download.suggestedFilename(), bytes: await readFile(await download.path()) };
}

export interface CsvSample {
  elapsedS: number;
  heartRateBpm: number | undefined;
  contact: string;
  rrMs: number[];
}

/**
 * Reads the samples of the app's CSV export (header elapsed_s,time_iso,heart_rate_bpm,contact,rr_ms, then the
 * session_* summary columns, filled in the first row only; CRLF).
 */
export function parseSamplesCsv(text: string): CsvSample[] {
  const [header, ...rows] = text.split('\r\n').filter((line) => line !== '');
  expect(header?.split(',').slice(0, 6).join(',')).toBe(
    'elapsed_s,time_iso,heart_rate_bpm,contact,rr_ms,session_kind',
  );
  return rows.map((row) => {
    const [elapsed = '', , heartRate = '', contact = '', rr = ''] = row.split(',');
    return {
      elapsedS: Number(elapsed),
      heartRateBpm: heartRate === '' ? undefined : Number(heartRate),
      contact,
      rrMs: rr === '' ? [] : rr.split(' ').map(Number),
    };
  });
}

/**
 * Picks a file in the history screen's import input and waits until the import has finished. A file over about
 * 50 MB must be given by its path: Playwright sends buffers through the protocol and refuses larger ones.
 */
export async function importOnHistory(
  page: Page,
  file: { name: string; mimeType: string; buffer: Buffer } | string,
  options: { timeoutMs?: number } = {},
): Promise<{ kind: string; text: string }> {
  const input = page.getByTestId('import-file');
  await input.setInputFiles(file);
  // The screen empties the input once the import has finished, whatever its outcome.
  await expect
    .poll(() => input.evaluate((element) => (element as HTMLInputElement).value), {
      timeout: options.timeoutMs ?? 15_000,
      interval: 50,
      message: 'the import to finish',
    })
    .toBe('');
  const outcome = page.getByTestId('import-outcome');
  await outcome.waitFor();
  return { kind: (await outcome.getAttribute('data-kind')) ?? '', text: await textOf(outcome) };
}

/** Opens the history screen and waits until it shows its list or says it is empty. */
export async function openHistory(page: Page): Promise<void> {
  await page.getByRole('link', { name: m.navHistory(), exact: true }).click();
  await page.getByRole('heading', { name: m.historyTitle(), exact: true }).waitFor();
  await page.locator('[data-testid="history-list"], [data-testid="history-empty"]').first().waitFor();
}

/** The history list as the runner sees it: one text per item ('' items when the list is empty). */
export async function historyTexts(page: Page): Promise<string[]> {
  const items = page.getByTestId('history-list').locator('li');
  const texts = await items.allTextContents();
  return texts.map((text) => text.replace(/\s+/gu, ' ').trim());
}

export interface StoredCounts {
  sessions: number;
  history: number;
  chunks: number;
}

/** Record counts of the app's IndexedDB stores, read through the page's own indexedDB. */
export async function storedCounts(page: Page): Promise<StoredCounts> {
  return page.evaluate(async () => {
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
      const count = (store: string) =>
        new Promise<number>((resolve, reject) => {
          const request = db.transaction(store, 'readonly').objectStore(store).count();
          request.onsuccess = () => {
            resolve(request.result);
          };
          request.onerror = () => {
            reject(request.error ?? new Error(`count of ${store} failed`));
          };
        });
      return {
        sessions: await count('sessions'),
        history: await count('history'),
        chunks: await count('chunks'),
      };
    } finally {
      db.close();
    }
  });
}

export interface StoredSession {
  meta: SessionMeta;
  samples: SessionSample[];
  /** How many records the `chunks` store holds for it (live chunks while recording, merged ones once finished). */
  chunkRecords: number;
}

/**
 * One session as the page's IndexedDB holds it now, read through the page's own indexedDB and decoded in Node with
 * the app's own functions (chunkParts, decodeSamples), as the app loads it. Undefined when there is no such session.
 */
export async function storedSession(page: Page, id: string): Promise<StoredSession | undefined> {
  const raw = await page.evaluate(async (sessionId) => {
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
      const read = <T>(request: IDBRequest<T>) =>
        new Promise<T>((resolve, reject) => {
          request.onsuccess = () => {
            resolve(request.result);
          };
          request.onerror = () => {
            reject(request.error ?? new Error('read failed'));
          };
        });
      const meta: unknown = await read(transaction.objectStore('sessions').get(sessionId));
      const range = IDBKeyRange.bound([sessionId, -Infinity], [sessionId, Infinity]);
      const chunks = (await read(transaction.objectStore('chunks').getAll(range))) as Record<
        string,
        unknown
      >[];
      // Bytes travel as plain number arrays.
      const plain = chunks.map((chunk) =>
        Object.fromEntries(
          Object.entries(chunk).map(([key, value]) => [
            key,
            value instanceof Uint8Array ? { bytes: Array.from(value) } : value,
          ]),
        ),
      );
      return { meta, chunks: plain };
    } finally {
      db.close();
    }
  }, id);
  if (raw.meta === undefined) return undefined;
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
  return {
    meta: raw.meta as SessionMeta,
    samples: chunks.flatMap((chunk) => chunkParts(chunk).flatMap((bytes) => decodeSamples(bytes))),
    chunkRecords: chunks.length,
  };
}

/** The ids of the sessions stored as still recording or paused (a run cut off), newest first. */
export async function unfinishedSessionIds(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
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
      const all = await new Promise<{ id: string; status: string; startedAtWallMs: number }[]>(
        (resolve, reject) => {
          const request = db.transaction('sessions', 'readonly').objectStore('sessions').getAll();
          request.onsuccess = () => {
            resolve(request.result as { id: string; status: string; startedAtWallMs: number }[]);
          };
          request.onerror = () => {
            reject(request.error ?? new Error('getAll of sessions failed'));
          };
        },
      );
      return all
        .filter((meta) => meta.status !== 'finished')
        .sort((a, b) => b.startedAtWallMs - a.startedAtWallMs)
        .map((meta) => meta.id);
    } finally {
      db.close();
    }
  });
}

/**
 * Everything in the app's IndexedDB as one text (keys and values of every store, bytes as numbers), to prove that
 * an action changed nothing at all.
 */
export async function databaseSnapshot(page: Page): Promise<string> {
  return page.evaluate(async () => {
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
      const names = Array.from(db.objectStoreNames).sort();
      const transaction = db.transaction(names, 'readonly');
      const dump: Record<string, unknown[]> = {};
      for (const name of names) {
        dump[name] = await new Promise<unknown[]>((resolve, reject) => {
          const request = transaction.objectStore(name).getAll();
          request.onsuccess = () => {
            resolve(request.result as unknown[]);
          };
          request.onerror = () => {
            reject(request.error ?? new Error(`getAll of ${name} failed`));
          };
        });
      }
      return JSON.stringify(dump, (_key, value: unknown) =>
        value instanceof Uint8Array ? { bytes: Array.from(value) } : value,
      );
    } finally {
      db.close();
    }
  });
}

/** One put into the `chunks` store, as seen by the page: when (wall ms) and the chunk's last sample time. */
export interface ChunkPut {
  atWallMs: number;
  seq: number;
  lastElapsedMs: number;
  sampleCount: number;
}

const chunkLogKey = '__calmRunChunkPuts';

/**
 * Watches every write to the `chunks` store from before the app's code runs (again after each reload): the test
 * sees exactly when the recording stored its samples. Reads nothing the app does not write itself.
 */
export async function watchChunkWrites(context: BrowserContext): Promise<void> {
  await context.addInitScript((key: string) => {
    const log: unknown[] = [];
    Reflect.set(window, key, log);
    const put: unknown = Reflect.get(IDBObjectStore.prototype, 'put');
    if (typeof put !== 'function') return;
    Reflect.set(
      IDBObjectStore.prototype,
      'put',
      function (this: IDBObjectStore, ...args: unknown[]): unknown {
        const [value] = args;
        if (this.name === 'chunks' && typeof value === 'object' && value !== null) {
          log.push({
            atWallMs: Date.now(),
            seq: Reflect.get(value, 'seq') as unknown,
            lastElapsedMs: Reflect.get(value, 'lastElapsedMs') as unknown,
            sampleCount: Reflect.get(value, 'sampleCount') as unknown,
          });
        }
        return Reflect.apply(put, this, args) as unknown;
      },
    );
  }, chunkLogKey);
}

/** The chunk writes seen on the page since it was last loaded. */
export async function chunkWrites(page: Page): Promise<ChunkPut[]> {
  const raw = await page.evaluate((key: string) => Reflect.get(window, key) as unknown, chunkLogKey);
  if (!Array.isArray(raw)) throw new Error('watchChunkWrites() was not called before the page loaded');
  return raw.map((entry: unknown) => {
    const field = (name: string): number => {
      const value: unknown =
        typeof entry === 'object' && entry !== null ? Reflect.get(entry, name) : undefined;
      if (typeof value !== 'number') throw new Error(`A chunk write without a numeric ${name}`);
      return value;
    };
    return {
      atWallMs: field('atWallMs'),
      seq: field('seq'),
      lastElapsedMs: field('lastElapsedMs'),
      sampleCount: field('sampleCount'),
    };
  });
}

/** Waits until the run screen's recording state is this one ('recording' or 'paused'). */
export async function expectRecordingStatus(page: Page, status: 'recording' | 'paused'): Promise<void> {
  await expectAttribute(page.getByTestId('recording-state'), 'data-status', status);
}

/** Waits for the history screen's import outcome to say this. */
export async function expectImportOutcome(page: Page, kind: string, text: string | RegExp): Promise<void> {
  await expectAttribute(page.getByTestId('import-outcome'), 'data-kind', kind);
  await expectText(page.getByTestId('import-outcome'), text);
}

/** Waits until the run screen's clock shows at least this many seconds. */
export async function expectRunClockAtLeast(page: Page, seconds: number): Promise<void> {
  await expectNumber(
    async () => clockSeconds(await textOf(page.getByTestId('run-clock'))),
    (shown) => shown >= seconds,
    `the run clock at ${seconds} s or more`,
  );
}

/**
 * A whole run with the simulated strap, from the home screen: connect it, start, run for `seconds` on the run
 * clock, finish, save. Ends on the saved run's detail screen and returns its id.
 */
export async function recordSimulatedRun(page: Page, seconds = 3): Promise<string> {
  await button(page, m.trySimulatedStrap()).click();
  await expectState(page, 'live');
  await startRun(page);
  await expectRunClockAtLeast(page, seconds);
  const sessionId = await finishRun(page);
  await saveAndShowRun(page, sessionId);
  return sessionId;
}
