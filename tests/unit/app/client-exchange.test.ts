import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { encodeClientFile } from '../../../src/adapters/files/client-file';
import { sessionContentKey } from '../../../src/adapters/files/session-content-key';
import { ClientStore } from '../../../src/adapters/storage/client-store';
import { SessionStore } from '../../../src/adapters/storage/session-store';
import { StorageError } from '../../../src/adapters/storage/storage-errors';
import {
  collectClientFile,
  importClientFile,
  type ClientExchangeStores,
  type ClientRecordStorage,
  type ProfileBook,
} from '../../../src/app/client-exchange';
import { toImportItem } from '../../../src/adapters/files/import-item';
import { loadSessionWithSamples } from '../../../src/app/session-files';
import type { RunnerProfile } from '../../../src/core/zones/runner-profile';
import type { SessionWithSamples } from '../../../src/adapters/files/session-with-samples';
import {
  clientId,
  clientProfile,
  clientRecord,
  clientRun,
  therapistFile,
} from '../../e2e/support/client-files';
import { syntheticRun } from '../../e2e/support/synthetic-sessions';
import { freshDbName } from '../adapters/storage/storage-fixtures';

/** Runner profiles in memory, as the preferences keep them; `failSaves` plays a device that will not store. */
class MemoryProfiles implements ProfileBook {
  profiles: RunnerProfile[] = [];
  active: string | undefined;
  failSaves = false;
  find(runnerId: string): RunnerProfile | undefined {
    return this.profiles.find((profile) => profile.id === runnerId);
  }
  add(profile: RunnerProfile, makeActive: boolean): boolean {
    this.profiles = [...this.profiles.filter((known) => known.id !== profile.id), profile];
    if (makeActive) this.active = profile.id;
    return !this.failSaves;
  }
  choose(runnerId: string): void {
    this.active = runnerId;
  }
  remove(runnerId: string): void {
    this.profiles = this.profiles.filter((profile) => profile.id !== runnerId);
    if (this.active === runnerId) this.active = undefined;
  }
}

interface Device extends ClientExchangeStores {
  sessions: SessionStore;
  clients: ClientStore;
  profiles: MemoryProfiles;
}

async function openDevice(): Promise<Device> {
  const name = freshDbName();
  return {
    sessions: await SessionStore.open(name, { estimator: undefined }),
    clients: await ClientStore.open(name),
    profiles: new MemoryProfiles(),
  };
}

/** The therapist's device: the client's profile, record and these runs. */
async function therapistDevice(runs: readonly SessionWithSamples[]): Promise<Device> {
  const device = await openDevice();
  device.profiles.add(clientProfile(), false);
  await device.clients.put(clientRecord());
  await device.sessions.importSessions(runs.map(toImportItem));
  return device;
}

const fileOf = (text: string, name = 'calm-run-client.json'): File =>
  new File([text], name, { type: 'application/json' });

async function exportFrom(device: Device, runnerId = clientId, includeNotes = true): Promise<File> {
  const profile = device.profiles.find(runnerId);
  if (!profile) throw new Error('no such profile');
  const file = await collectClientFile(device, profile, { includeNotes, nowWallMs: Date.UTC(2026, 9, 1) });
  return fileOf(encodeClientFile(file, 'test'));
}

/** Every session of the device with its content key, by id. */
async function contentOf(device: Device): Promise<Map<string, string>> {
  const keys = new Map<string, string>();
  for (const entry of await device.sessions.listHistory()) {
    const session = await loadSessionWithSamples(device.sessions, entry.id);
    if (session) keys.set(entry.id, sessionContentKey(session));
  }
  return keys;
}

describe('the exchange between therapist and client', () => {
  it('hands the whole record to the client, and merges the client’s runs back without touching any', async () => {
    const therapist = await therapistDevice([clientRun(0), clientRun(1), clientRun(2)]);
    const handOver = await exportFrom(therapist);

    // The client's own Calm Run, empty: profile, record and runs appear, and the profile becomes theirs.
    const client = await openDevice();
    const received = await importClientFile(client, handOver, { makeActive: true });
    expect(received).toEqual({
      kind: 'merged',
      runnerName: clientProfile().name,
      sessionsAdded: 3,
      sessionsAlreadyHere: 0,
      sessionsDiffering: 0,
      notesAdded: 1,
      notesLeftOut: 0,
      profileCreated: true,
      recordPartsTaken: ['record'],
    });
    expect(client.profiles.find(clientId)).toEqual(clientProfile());
    expect(client.profiles.active).toBe(clientId);
    expect(await client.clients.get(clientId)).toMatchObject({
      goals: clientRecord().goals,
      course: clientRecord().course,
      intake: clientRecord().intake,
      notes: clientRecord().notes,
    });
    expect(await contentOf(client)).toEqual(await contentOf(therapist));

    // Importing the same file again changes nothing.
    const again = await importClientFile(client, handOver, { makeActive: true });
    expect(again).toMatchObject({
      kind: 'merged',
      sessionsAdded: 0,
      sessionsAlreadyHere: 3,
      profileCreated: false,
    });

    // The client runs twice more and adds a note to the first run, then sends their runs back.
    await client.sessions.importSessions([clientRun(3), clientRun(4)].map(toImportItem));
    const first = await client.sessions.getSession('anna-run-1');
    if (!first) throw new Error('the first run is missing');
    await client.sessions.updateMeta({ ...first, notes: 'Felt lighter afterwards' });
    const runsBack = await exportFrom(client);

    const therapistBefore = await contentOf(therapist);
    const recordBefore = await therapist.clients.get(clientId);
    const merged = await importClientFile(therapist, runsBack, {
      makeActive: false,
      expectedRunnerId: clientId,
    });
    expect(merged).toMatchObject({
      kind: 'merged',
      sessionsAdded: 2,
      sessionsAlreadyHere: 2,
      sessionsDiffering: 1,
      profileCreated: false,
      recordPartsTaken: [],
    });
    const therapistAfter = await contentOf(therapist);
    for (const [id, key] of therapistBefore) expect(therapistAfter.get(id), id).toBe(key);
    expect([...therapistAfter.keys()].sort()).toEqual([
      'anna-run-1',
      'anna-run-2',
      'anna-run-3',
      'anna-run-4',
      'anna-run-5',
    ]);
    expect(await therapist.clients.get(clientId)).toEqual(recordBefore);
    expect(therapist.profiles.active).toBeUndefined();
  });

  it('leaves the therapist’s notes behind when asked', async () => {
    const therapist = await therapistDevice([clientRun(0)]);
    const client = await openDevice();
    await importClientFile(client, await exportFrom(therapist, clientId, false), { makeActive: true });
    expect((await client.clients.get(clientId))?.notes).toEqual([]);
  });

  it('takes only the client’s finished sessions into the file', async () => {
    const therapist = await therapistDevice([clientRun(0)]);
    const cutOff = clientRun(1);
    await therapist.sessions.importSessions([
      toImportItem({ ...cutOff, meta: { ...cutOff.meta, status: 'recording' } }),
      toImportItem(
        syntheticRun({
          id: 'ben-run',
          startedAtWallMs: Date.UTC(2026, 8, 9),
          durationS: 30,
          runnerId: 'ben',
        }),
      ),
    ]);
    const file = await collectClientFile(therapist, clientProfile(), { includeNotes: true });
    expect(file.sessions.map((session) => session.meta.id)).toEqual(['anna-run-1']);
  });

  it('refuses a file of another client on a client’s page, changing nothing', async () => {
    const therapist = await therapistDevice([clientRun(0)]);
    const before = await contentOf(therapist);
    const otherClient = encodeClientFile(
      {
        profile: { ...clientProfile(), id: 'ben' },
        record: { ...clientRecord(), runnerId: 'ben' },
        sessions: [],
      },
      'test',
    );
    expect(
      await importClientFile(therapist, fileOf(otherClient), {
        makeActive: false,
        expectedRunnerId: clientId,
      }),
    ).toEqual({
      kind: 'refused',
      refusal: { code: 'client-file-other-client' },
    });
    expect(await contentOf(therapist)).toEqual(before);
    expect(await therapist.clients.get('ben')).toBeUndefined();
  });

  it('refuses a file too large to read, before reading it', async () => {
    const device = await openDevice();
    const huge = { name: 'huge.json', size: 100_000_001 } as File;
    expect(await importClientFile(device, huge, { makeActive: true })).toEqual({
      kind: 'refused',
      refusal: { code: 'file-too-large', maxMegabytes: 100 },
    });
  });
});

/** A member of the store, a method bound to the store itself (its private fields are not the proxy's). */
function boundMember(target: SessionStore, name: string | symbol): unknown {
  const value: unknown = Reflect.get(target, name);
  return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
}

describe('a failure while storing', () => {
  const handOver = (): File => fileOf(encodeClientFile(therapistFile([clientRun(0), clientRun(1)]), 'test'));

  it('of the record undoes the sessions just added: the device is as it was', async () => {
    const device = await openDevice();
    const failing: ClientRecordStorage = {
      get: (runnerId) => device.clients.get(runnerId),
      put: () => Promise.reject(new StorageError('full', 'full')),
      delete: (runnerId) => device.clients.delete(runnerId),
    };
    const outcome = await importClientFile({ ...device, clients: failing }, handOver(), { makeActive: true });
    expect(outcome).toEqual({
      kind: 'storage-failed',
      saved: { sessions: 0, record: false, profile: false },
    });
    expect(await device.sessions.listHistory()).toEqual([]);
    expect(device.profiles.profiles).toEqual([]);
  });

  it('of the profile undoes the record and the sessions', async () => {
    const device = await openDevice();
    device.profiles.failSaves = true;
    const outcome = await importClientFile(device, handOver(), { makeActive: true });
    expect(outcome).toEqual({
      kind: 'storage-failed',
      saved: { sessions: 0, record: false, profile: false },
    });
    expect(await device.sessions.listHistory()).toEqual([]);
    expect(await device.clients.get(clientId)).toBeUndefined();
    expect(device.profiles.profiles).toEqual([]);
  });

  it('says what stayed when the undoing fails too', async () => {
    const device = await openDevice();
    device.profiles.failSaves = true;
    const sessions = new Proxy(device.sessions, {
      get: (target, name) =>
        name === 'deleteSession'
          ? () => Promise.reject(new StorageError('unavailable', 'gone'))
          : boundMember(target, name),
    });
    const clients: ClientRecordStorage = {
      get: (runnerId) => device.clients.get(runnerId),
      put: (record) => device.clients.put(record),
      delete: () => Promise.reject(new StorageError('unavailable', 'gone')),
    };
    const outcome = await importClientFile({ ...device, sessions, clients }, handOver(), {
      makeActive: true,
    });
    expect(outcome).toEqual({ kind: 'storage-failed', saved: { sessions: 2, record: true, profile: false } });
  });

  it('of the sessions stores nothing at all', async () => {
    const device = await openDevice();
    const sessions = new Proxy(device.sessions, {
      get: (target, name) =>
        name === 'importSessions'
          ? () => Promise.reject(new StorageError('full', 'full'))
          : boundMember(target, name),
    });
    const outcome = await importClientFile({ ...device, sessions }, handOver(), { makeActive: true });
    expect(outcome).toEqual({
      kind: 'storage-failed',
      saved: { sessions: 0, record: false, profile: false },
    });
    expect(await device.clients.get(clientId)).toBeUndefined();
    expect(device.profiles.profiles).toEqual([]);
  });
});
