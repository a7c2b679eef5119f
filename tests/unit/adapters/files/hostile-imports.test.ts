import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCalmRunDb } from '../../../../src/adapters/storage/calm-run-db';
import { SessionStore } from '../../../../src/adapters/storage/session-store';
import { importSessionFile } from '../../../../src/app/session-files';
import { corpusOriginals, hostileImports, storedBeforeCorpus } from '../../../e2e/support/hostile-imports';
import { backupFileOf } from '../../../e2e/support/synthetic-sessions';
import { freshDbName } from '../storage/storage-fixtures';

/**
 * Every file of the hostile corpus through the app's import (importSessionFile, the History screen's path) into a
 * real session store on fake-indexeddb that already holds two runs: each is refused with its own reason, and
 * afterwards every store holds exactly what it held before, key for key and byte for byte.
 */

const corpus = hostileImports();
let name: string;
let store: SessionStore;

/** Every record of every store, with its key, read past the store's API. */
async function everyStore(): Promise<Record<string, { keys: unknown[]; values: unknown[] }>> {
  const db = await openCalmRunDb(name);
  try {
    const dump: Record<string, { keys: unknown[]; values: unknown[] }> = {};
    for (const storeName of [...db.objectStoreNames].sort()) {
      dump[storeName] = { keys: await db.getAllKeys(storeName), values: await db.getAll(storeName) };
    }
    return dump;
  } finally {
    db.close();
  }
}

let before: Awaited<ReturnType<typeof everyStore>>;

beforeAll(async () => {
  name = freshDbName();
  store = await SessionStore.open(name, { estimator: undefined });
  const seeded = await importSessionFile(
    store,
    new File([new Uint8Array(backupFileOf(storedBeforeCorpus()))], 'calm-run-backup.json', {
      type: 'application/json',
    }),
  );
  expect(seeded).toEqual({ kind: 'imported', imported: 2, skipped: 0 });
  before = await everyStore();
  expect(before.sessions?.keys).toEqual(['kept-run-1', 'kept-run-2']);
});

afterAll(() => {
  store.close();
});

describe('the hostile import corpus', () => {
  it('holds at least 50 files, each with a name of its own', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(50);
    expect(new Set(corpus.map((hostile) => hostile.name)).size).toBe(corpus.length);
  });

  it.each(corpus.map((hostile) => [hostile.name, hostile] as const))(
    '%s: refused, nothing stored',
    { timeout: 60_000 },
    async (_name, hostile) => {
      const file = new File([new Uint8Array(hostile.bytes())], hostile.fileName, { type: hostile.mimeType });
      const outcome = await importSessionFile(store, file);
      expect(outcome).toEqual({
        kind: 'refused',
        refusal: {
          ...hostile.refusal,
          ...(hostile.detail && { detail: expect.stringMatching(hostile.detail) as string }),
        },
      });
      expect(await everyStore()).toEqual(before);
    },
  );

  it('is made from files the import takes, so each case is refused for what it changes', async () => {
    const elsewhere = await SessionStore.open(freshDbName(), { estimator: undefined });
    try {
      for (const original of corpusOriginals()) {
        const file = new File([new Uint8Array(original.bytes)], original.fileName);
        expect(await importSessionFile(elsewhere, file), original.fileName).toMatchObject({
          kind: 'imported',
          imported: 1,
        });
      }
    } finally {
      elsewhere.close();
    }
  });

  it('leaves Object.prototype alone', () => {
    const plain: Record<string, unknown> = {};
    expect(plain.polluted).toBeUndefined();
    expect(plain.isAdmin).toBeUndefined();
  });
});
