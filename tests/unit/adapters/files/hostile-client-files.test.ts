import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCalmRunDb } from '../../../../src/adapters/storage/calm-run-db';
import { ClientStore } from '../../../../src/adapters/storage/client-store';
import { SessionStore } from '../../../../src/adapters/storage/session-store';
import { importClientFile, type ProfileBook } from '../../../../src/app/client-exchange';
import { toImportItem } from '../../../../src/adapters/files/import-item';
import type { RunnerProfile } from '../../../../src/core/zones/runner-profile';
import { hostileClientFiles, validClientFileText } from '../../../e2e/support/hostile-client-files';
import { storedBeforeCorpus } from '../../../e2e/support/hostile-imports';
import { freshDbName } from '../storage/storage-fixtures';

/**
 * Every hostile client file through the app's client-file import into a device on fake-indexeddb that already holds
 * two runs, a client record and a profile: each is refused with its own reason, and afterwards every store and the
 * profiles hold exactly what they held before.
 */

const corpus = hostileClientFiles();
let name: string;
let sessions: SessionStore;
let clients: ClientStore;
const profiles: RunnerProfile[] = [{ id: 'ben', name: 'Ben', maxHrSource: 'tanaka' }];
const untouchedProfiles: ProfileBook = {
  find: (runnerId) => profiles.find((profile) => profile.id === runnerId),
  add: () => {
    throw new Error('a refused file reached the profiles');
  },
  choose: () => {
    throw new Error('a refused file reached the profiles');
  },
  remove: () => {
    throw new Error('a refused file reached the profiles');
  },
};

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
  sessions = await SessionStore.open(name, { estimator: undefined });
  clients = await ClientStore.open(name);
  await sessions.importSessions(storedBeforeCorpus().map(toImportItem));
  await clients.put({
    runnerId: 'ben',
    goals: 'Run to the park',
    notes: [],
    updatedAtWallMs: Date.UTC(2026, 8, 1),
  });
  before = await everyStore();
  expect(before.sessions?.keys).toEqual(['kept-run-1', 'kept-run-2']);
  expect(before.clients?.keys).toEqual(['ben']);
});

afterAll(() => {
  sessions.close();
  clients.close();
});

describe('the hostile client files', () => {
  it('are at least 8, each with a name of its own', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(8);
    expect(new Set(corpus.map((hostile) => hostile.name)).size).toBe(corpus.length);
  });

  it.each(corpus.map((hostile) => [hostile.name, hostile] as const))(
    '%s: refused, nothing stored',
    { timeout: 60_000 },
    async (_name, hostile) => {
      const file = new File([new Uint8Array(hostile.bytes())], hostile.fileName, { type: hostile.mimeType });
      const outcome = await importClientFile({ sessions, clients, profiles: untouchedProfiles }, file, {
        makeActive: true,
      });
      expect(outcome).toEqual({
        kind: 'refused',
        refusal: {
          ...hostile.refusal,
          ...(hostile.detail && { detail: expect.stringMatching(hostile.detail) as string }),
        },
      });
      expect(await everyStore()).toEqual(before);
      expect(profiles).toEqual([{ id: 'ben', name: 'Ben', maxHrSource: 'tanaka' }]);
    },
  );

  it('are made from a file the import takes', async () => {
    const elsewhere = freshDbName();
    const device = {
      sessions: await SessionStore.open(elsewhere, { estimator: undefined }),
      clients: await ClientStore.open(elsewhere),
      profiles: { find: () => undefined, add: () => true, choose: () => undefined, remove: () => undefined },
    };
    try {
      const file = new File([validClientFileText()], 'calm-run-client.json', { type: 'application/json' });
      expect(await importClientFile(device, file, { makeActive: true })).toMatchObject({
        kind: 'merged',
        sessionsAdded: 2,
      });
    } finally {
      device.sessions.close();
      device.clients.close();
    }
  });

  it('leave Object.prototype alone', () => {
    const plain: Record<string, unknown> = {};
    expect(plain.polluted).toBeUndefined();
    expect(plain.isAdmin).toBeUndefined();
  });
});
