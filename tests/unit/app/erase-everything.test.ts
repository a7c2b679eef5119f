import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { openCalmRunDb, defaultCalmRunDbName } from '../../../src/adapters/storage/calm-run-db';
import { EraseEverything, type EraseEverythingDeps } from '../../../src/app/erase-everything.svelte';

async function databaseNames(): Promise<string[]> {
  return (await indexedDB.databases()).map((database) => database.name ?? '');
}

function eraser(overrides: Partial<EraseEverythingDeps> = {}) {
  const deps = {
    isRecordingHere: () => false,
    letGo: vi.fn(),
    bluetooth: undefined,
    restart: vi.fn(),
    ...overrides,
  };
  return { eraser: new EraseEverything(deps), deps };
}

describe('erase everything', () => {
  it('asks first, and erases nothing when the user keeps the data', async () => {
    const db = await openCalmRunDb();
    db.close();
    const { eraser: erase, deps } = eraser();
    erase.ask();
    expect(erase.step).toBe('confirming');
    erase.cancel();
    await erase.confirm();
    expect(erase.step).toBe('idle');
    expect(deps.letGo).not.toHaveBeenCalled();
    expect(await databaseNames()).toContain(defaultCalmRunDbName);
  });

  it('deletes the database after the app let go of it, then restarts', async () => {
    const db = await openCalmRunDb();
    const { eraser: erase, deps } = eraser({ letGo: vi.fn(() => db.close()) });
    erase.ask();
    await erase.confirm();
    expect(deps.letGo).toHaveBeenCalledOnce();
    expect(deps.restart).toHaveBeenCalledOnce();
    expect(await databaseNames()).not.toContain(defaultCalmRunDbName);
  });

  it('refuses while a run is recorded, before and after the question', async () => {
    let recording = true;
    const { eraser: erase, deps } = eraser({ isRecordingHere: () => recording });
    erase.ask();
    expect(erase.step).toBe('refused-recording');
    recording = false;
    erase.ask();
    expect(erase.step).toBe('confirming');
    recording = true;
    await erase.confirm();
    expect(erase.step).toBe('refused-recording');
    expect(deps.letGo).not.toHaveBeenCalled();
    expect(deps.restart).not.toHaveBeenCalled();
  });

  it('forgets every paired strap', async () => {
    const forget = vi.fn(() => Promise.resolve());
    const bluetooth = { getDevices: () => Promise.resolve([{ forget }, { forget }]) } as unknown as Bluetooth;
    const { eraser: erase } = eraser({ bluetooth });
    erase.ask();
    await erase.confirm();
    expect(forget).toHaveBeenCalledTimes(2);
  });
});
