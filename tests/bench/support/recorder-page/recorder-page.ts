import { browserClock, type HeartRateSource } from '../../../../src/adapters/heart-rate-source';
import type { SessionStorage } from '../../../../src/adapters/storage/session-storage';
import { ClientStore } from '../../../../src/adapters/storage/client-store';
import { SessionStore } from '../../../../src/adapters/storage/session-store';
import { StrapEventHub } from '../../../../src/adapters/strap-event-hub';
import { RunRecording } from '../../../../src/app/run-recording.svelte';
import { StrapConnection } from '../../../../src/app/strap-connection.svelte';
import type { ClientRecord } from '../../../../src/core/clients/client-record';
import type { SampleChunk } from '../../../../src/core/session/session-model';
import type { ConnectionState, StrapEvent, StrapInfo } from '../../../../src/core/strap/connection-state';
import type {
  RecordedRun,
  RecorderPageApi,
  RunToRecord,
  SessionsToImport,
  StorageUsage,
} from './recorder-page-api';

/**
 * The bench's recorder page: the app's own modules, served on the app's origin, so that what they store lands in
 * the very database the app then reads. A run is recorded as the app records it — the strap's bytes through the
 * strap event hub's decoder into a StrapConnection, RunRecording driving the session recorder, storing a chunk at
 * least every 5 s, finishing and saving the after-run answers through SessionStore — only on a virtual clock, so
 * three hours take seconds. Nothing here is part of the app's build.
 */

const realNow = performance.now.bind(performance);

/** Resolves after the browser ran every pending task and microtask (a message-channel task, never clamped). */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

interface VirtualTimer {
  callback: () => void;
  intervalMs: number;
  dueMs: number;
}

/**
 * Stands in for performance.now, Date.now, setInterval and clearInterval (what RunRecording reads and schedules
 * with) while installed. Time moves only in `advanceTo`, which runs every interval due on the way, in order, and
 * after each lets the writes it started finish, as they would in the second before the next tick.
 */
class VirtualClock {
  #nowMs: number;
  readonly #wallOffsetMs: number;
  readonly #timers = new Map<number, VirtualTimer>();
  #nextTimerId = 1;
  readonly #restore: (() => void)[] = [];

  constructor(startedAtWallMs: number) {
    this.#nowMs = realNow();
    this.#wallOffsetMs = startedAtWallMs - this.#nowMs;
  }

  get nowMs(): number {
    return this.#nowMs;
  }

  install(): void {
    const originalNow = Object.getOwnPropertyDescriptor(performance, 'now');
    Object.defineProperty(performance, 'now', { configurable: true, value: () => this.#nowMs });
    this.#restore.push(() => {
      if (originalNow) Object.defineProperty(performance, 'now', originalNow);
      else Reflect.deleteProperty(performance, 'now');
    });
    const originalDateNow = Date.now.bind(Date);
    Date.now = () => Math.round(this.#nowMs + this.#wallOffsetMs);
    this.#restore.push(() => {
      Date.now = originalDateNow;
    });
    const originalSetInterval = globalThis.setInterval;
    const originalClearInterval = globalThis.clearInterval;
    const setVirtualInterval = (callback: () => void, intervalMs = 0): number => {
      const id = this.#nextTimerId++;
      const every = Math.max(1, intervalMs);
      this.#timers.set(id, { callback, intervalMs: every, dueMs: this.#nowMs + every });
      return id;
    };
    const clearVirtualInterval = (id: number | undefined): void => {
      if (id !== undefined) this.#timers.delete(id);
    };
    globalThis.setInterval = setVirtualInterval as unknown as typeof setInterval;
    globalThis.clearInterval = clearVirtualInterval as unknown as typeof clearInterval;
    this.#restore.push(() => {
      globalThis.setInterval = originalSetInterval;
      globalThis.clearInterval = originalClearInterval;
    });
  }

  uninstall(): void {
    for (const restore of this.#restore.splice(0).reverse()) restore();
    this.#timers.clear();
  }

  /** Moves time to `targetMs` (on this clock), running each interval as it falls due, then `settle()` after it. */
  async advanceTo(targetMs: number, settle: () => Promise<void>): Promise<void> {
    for (;;) {
      let next: VirtualTimer | undefined;
      for (const timer of this.#timers.values()) if (!next || timer.dueMs < next.dueMs) next = timer;
      if (!next || next.dueMs > targetMs) break;
      this.#nowMs = Math.max(this.#nowMs, next.dueMs);
      next.dueMs += next.intervalMs;
      next.callback();
      await settle();
    }
    this.#nowMs = Math.max(this.#nowMs, targetMs);
  }
}

/** The strap of the recorded run: whatever the bench says it sends, through the hub every strap uses. */
class ScriptedStrap implements HeartRateSource {
  readonly id = 'bench-strap';
  readonly kind = 'bluetooth' as const;
  readonly #hub = new StrapEventHub(browserClock);

  connect(): Promise<void> {
    this.#hub.setState({ kind: 'live' });
    return Promise.resolve();
  }

  disconnect(): void {
    this.#hub.setState({ kind: 'idle' });
  }

  subscribe(listener: (event: StrapEvent) => void): () => void {
    return this.#hub.subscribe(listener);
  }

  setInfo(info: StrapInfo): void {
    this.#hub.setInfo(info);
  }

  setState(state: ConnectionState): void {
    this.#hub.setState(state);
  }

  notify(bytes: readonly number[]): void {
    this.#hub.notify(new DataView(Uint8Array.from(bytes).buffer));
  }
}

/**
 * The store RunRecording writes through, counting appends and keeping every write in flight, so the clock can let
 * them finish before time moves on. Only the calls are observed; each is the real SessionStore's.
 */
function observedStore(store: SessionStore): {
  storage: SessionStorage;
  calls: Record<string, number>;
  settle: () => Promise<void>;
} {
  const inFlight = new Set<Promise<unknown>>();
  const calls: Record<string, number> = {};
  const storage = new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]): unknown => {
        if (typeof property === 'string') calls[property] = (calls[property] ?? 0) + 1;
        const result: unknown = Reflect.apply(value, target, args);
        if (result instanceof Promise) {
          inFlight.add(result);
          void result.finally(() => inFlight.delete(result)).catch(() => undefined);
        }
        return result;
      };
    },
  });
  const settle = async () => {
    // A tick starts its write a microtask or two later, and one write may start the next (chunk, then meta).
    await nextTask();
    while (inFlight.size > 0) {
      await Promise.allSettled([...inFlight]);
      await nextTask();
    }
  };
  return { storage, calls, settle };
}

const writeMethods = ['createSession', 'appendChunk', 'updateMeta', 'finishSession'];

async function recordRun(run: RunToRecord): Promise<RecordedRun> {
  const startedAt = realNow();
  const store = await SessionStore.open();
  const observed = observedStore(store);
  const clock = new VirtualClock(run.startedAtWallMs);
  clock.install();
  const source = new ScriptedStrap();
  const strap = new StrapConnection(source);
  const recording = new RunRecording(observed.storage);
  try {
    source.setInfo(run.strap);
    await source.connect();
    const originMs = clock.nowMs;
    const started = await recording.start({
      strap,
      before: run.before,
      runner: run.runner,
      zone: run.zone,
      ...(run.plan && { plan: run.plan }),
    });
    if (!started) throw new Error(`RunRecording did not start (${recording.problem ?? 'no reason given'})`);
    for (const happening of run.happenings) {
      await clock.advanceTo(originMs + happening.atMs, observed.settle);
      if (happening.kind === 'packet') source.notify(happening.bytes);
      else if (happening.kind === 'state') source.setState(happening.state);
      else recording.cue(happening.cueId);
    }
    await clock.advanceTo(originMs + run.durationMs, observed.settle);
    const sessionId = await recording.finish();
    if (sessionId === undefined) throw new Error('RunRecording finished without a session');
    await recording.saveFeelings(run.after);
    await observed.settle();
    if (recording.problem !== undefined) throw new Error(`The recording reported ${recording.problem}`);
    const meta = recording.meta;
    if (!meta) throw new Error('The recording has no session');
    const parts = await store.loadSamplesBytes(sessionId);
    return {
      sessionId,
      recordingMs: realNow() - startedAt,
      chunksAppended: observed.calls.appendChunk ?? 0,
      writes: Object.fromEntries(
        Object.entries(observed.calls).filter(([method]) => writeMethods.includes(method)),
      ),
      chunkRecordsStored: await chunkRecordCount(sessionId),
      encodedBytes: parts.reduce((sum, part) => sum + part.length, 0),
      samples: recording.state.samples.length,
      meta,
    };
  } finally {
    recording.dispose();
    strap.dispose();
    clock.uninstall();
    store.close();
  }
}

/** How many records the session has in the chunks store (the adapter has no call for it; a read-only count). */
function chunkRecordCount(sessionId: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open('calm-run');
    request.onerror = () => {
      reject(request.error ?? new Error('indexedDB.open failed'));
    };
    request.onsuccess = () => {
      const db = request.result;
      const count = db
        .transaction('chunks', 'readonly')
        .objectStore('chunks')
        .count(IDBKeyRange.bound([sessionId, -Infinity], [sessionId, Infinity]));
      count.onsuccess = () => {
        db.close();
        resolve(count.result);
      };
      count.onerror = () => {
        db.close();
        reject(count.error ?? new Error('count failed'));
      };
    };
  });
}

async function importSessions(toImport: SessionsToImport): Promise<{ imported: number; skipped: number }> {
  const fromBase64 = (text: string) => Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
  const templates = toImport.templates.map((chunks) =>
    chunks.map(({ bytesBase64, ...chunk }): SampleChunk => ({ ...chunk, bytes: fromBase64(bytesBase64) })),
  );
  const store = await SessionStore.open();
  try {
    const totals = { imported: 0, skipped: 0 };
    for (let first = 0; first < toImport.sessions.length; first += toImport.batchSize) {
      const items = toImport.sessions.slice(first, first + toImport.batchSize).map(({ template, meta }) => ({
        meta,
        chunks: (templates[template] ?? []).map((chunk) => ({ ...chunk, sessionId: meta.id })),
      }));
      const result = await store.importSessions(items);
      totals.imported += result.imported.length;
      totals.skipped += result.skipped.length;
    }
    return totals;
  } finally {
    store.close();
  }
}

async function storageUsage(): Promise<StorageUsage> {
  const estimate = await navigator.storage.estimate();
  const details = (estimate as StorageEstimate & { usageDetails?: { indexedDB?: number } }).usageDetails;
  return { usageBytes: estimate.usage ?? 0, indexedDbBytes: details?.indexedDB };
}

async function prepareDatabase(): Promise<void> {
  (await SessionStore.open()).close();
}

async function storeClientRecord(record: ClientRecord): Promise<void> {
  const clients = await ClientStore.open();
  try {
    await clients.put(record);
  } finally {
    clients.close();
  }
}

const api: RecorderPageApi = { prepareDatabase, recordRun, importSessions, storageUsage, storeClientRecord };
window.calmRunBench = api;
