import { describe, expect, it } from 'vitest';
import { exportBackup } from '../../../../src/adapters/files/backup';
import { encodeClientFile } from '../../../../src/adapters/files/client-file';
import { exportFit } from '../../../../src/adapters/files/fit-export';
import { toImportItem } from '../../../../src/adapters/files/import-item';
import type { ImportWorkerReply, ImportWorkerRequest } from '../../../../src/adapters/files/import-messages';
import type { MessagePortLike } from '../../../../src/adapters/platform/worker-port';
import { readImport, type ImportReading } from '../../../../src/adapters/files/import-reading';
import { serveImportReading } from '../../../../src/adapters/files/import-service';
import {
  joinReading,
  sessionsPerBatch,
  splitReading,
} from '../../../../src/adapters/files/import-reading-batches';
import { readImportFile, type ImportWorkerLike } from '../../../../src/adapters/files/import-worker-client';
import { sessionContentKey } from '../../../../src/adapters/files/session-content-key';
import { clientRun, therapistFile } from '../../../e2e/support/client-files';
import { sampleRun, tinySession } from './support/sample-session';

/**
 * The import's worker protocol, with a MessageChannel standing in for the worker: requests and readings are
 * structured-cloned as between a page and its worker, and the sample bytes are transferred.
 */

interface ChannelWorker extends ImportWorkerLike {
  /** The transfer list of each reply the service posted. */
  readonly transfers: Transferable[][];
  terminated: boolean;
}

/** A worker made of a MessageChannel: the service on one port, the page's end on the other. */
function channelWorker(): ChannelWorker {
  const { port1: page, port2: inWorker } = new MessageChannel();
  const transfers: Transferable[][] = [];
  const workerSide: MessagePortLike<ImportWorkerReply, ImportWorkerRequest> = {
    postMessage: (message, options) => {
      transfers.push(options?.transfer ?? []);
      inWorker.postMessage(message, options);
    },
    addEventListener: (type, listener) => {
      inWorker.addEventListener(type, listener as (event: MessageEvent) => void);
    },
  };
  serveImportReading(workerSide);
  inWorker.start();
  const worker: ChannelWorker = {
    transfers,
    terminated: false,
    postMessage: (message, options) => {
      page.postMessage(message, options);
    },
    addEventListener: (
      type: 'message' | 'error',
      listener: (event: MessageEvent<ImportWorkerReply>) => void,
    ) => {
      if (type === 'message') page.addEventListener('message', listener as (event: MessageEvent) => void);
    },
    terminate: () => {
      worker.terminated = true;
      page.close();
      inWorker.close();
    },
  };
  page.start();
  return worker;
}

const backupBlob = (): Blob => new Blob([exportBackup([tinySession(), sampleRun()], '0.1.0')]);

describe('readImportFile through a worker', () => {
  it('gives the sessions ready to store, as reading them here would, and stops the worker', async () => {
    const worker = channelWorker();
    const reading = await readImportFile(
      { kind: 'sessions', file: backupBlob(), fileName: 'calm-run-backup.json' },
      () => worker,
    );
    expect(reading).toEqual({ ok: true, items: [tinySession(), sampleRun()].map(toImportItem) });
    expect(reading).toEqual(
      await readImport({ kind: 'sessions', file: backupBlob(), fileName: 'calm-run-backup.json' }),
    );
    expect(worker.terminated).toBe(true);
  });

  it('transfers every chunk buffer of the reading, each once, rather than copying it', async () => {
    const worker = channelWorker();
    const reading = await readImportFile(
      { kind: 'sessions', file: backupBlob(), fileName: 'calm-run-backup.json' },
      () => worker,
    );
    if (!reading.ok) throw new Error('refused');
    const chunkCount = reading.items.flatMap((item) => item.chunks).length;
    expect(chunkCount).toBeGreaterThan(0);
    // One batch (two sessions) with the chunk buffers, then the rest of the reading with nothing to transfer.
    expect(worker.transfers).toEqual([expect.any(Array), []]);
    expect(worker.transfers[0]).toHaveLength(chunkCount);
    for (const item of reading.items)
      for (const chunk of item.chunks) expect(chunk.bytes).toBeInstanceOf(Uint8Array);
  });

  it('reads a FIT file by its header, whatever its name', async () => {
    const bytes = new Uint8Array(exportFit(sampleRun()));
    const reading = await readImportFile(
      { kind: 'sessions', file: new Blob([bytes]), fileName: 'activity.bin' },
      channelWorker,
    );
    expect(reading).toEqual(
      await readImport({ kind: 'sessions', file: new Blob([bytes]), fileName: 'x.fit' }),
    );
    expect(reading.ok && reading.items[0]?.meta.id).toMatch(/^fit-/u);
  });

  it('hands a refusal over exactly as the reader gives it', async () => {
    expect(
      await readImportFile(
        { kind: 'sessions', file: new Blob(['{"format":"calm-run-backup"']), fileName: 'cut-off.json' },
        channelWorker,
      ),
    ).toEqual({ ok: false, refusal: { code: 'backup-not-json' } });
    expect(
      await readImportFile(
        { kind: 'sessions', file: new Blob([new Uint8Array([1, 2, 3])]), fileName: 'run.fit' },
        channelWorker,
      ),
    ).toEqual({ ok: false, refusal: { code: 'fit-not-fit' } });
    expect(
      await readImportFile(
        { kind: 'client', file: new Blob([exportBackup([tinySession()], '0.1.0')]), expectations: {} },
        channelWorker,
      ),
    ).toEqual({ ok: false, refusal: { code: 'client-file-is-backup' } });
  });

  it("reads a client file with each session's content key as it will be stored", async () => {
    const written = therapistFile([clientRun(0), clientRun(1)]);
    const file = new Blob([encodeClientFile(written, 'test')]);
    const worker = channelWorker();
    const reading = await readImportFile({ kind: 'client', file, expectations: {} }, () => worker);
    if (!reading.ok) throw new Error(`refused: ${JSON.stringify(reading.refusal)}`);
    expect(reading.file.profile).toEqual(written.profile);
    expect(reading.file.record).toEqual(written.record);
    expect(reading.file.sessions).toEqual(
      written.sessions.map((session) => {
        const item = toImportItem(session);
        return { item, contentKey: sessionContentKey({ meta: item.meta, samples: session.samples }) };
      }),
    );
    expect(worker.transfers[0]).toHaveLength(2);
  });

  it("refuses a client file of someone else when asked for one client's", async () => {
    const file = new Blob([encodeClientFile(therapistFile([clientRun(0)]), 'test')]);
    expect(
      await readImportFile({ kind: 'client', file, expectations: { runnerId: 'ben' } }, channelWorker),
    ).toEqual({ ok: false, refusal: { code: 'client-file-other-client' } });
  });
});

describe('readImportFile without a worker', () => {
  it('reads in this thread where there are no workers (here, in Node)', async () => {
    expect(typeof Worker).toBe('undefined');
    expect(await readImportFile({ kind: 'sessions', file: backupBlob(), fileName: 'b.json' })).toEqual({
      ok: true,
      items: [tinySession(), sampleRun()].map(toImportItem),
    });
  });

  it('reads in this thread when the worker fails to start, and stops it', async () => {
    let errorListener: ((event: MessageEvent<ImportWorkerReply>) => void) | undefined;
    let terminated = false;
    const broken: ImportWorkerLike = {
      postMessage: () => {
        queueMicrotask(() => errorListener?.(new MessageEvent('error')));
      },
      addEventListener: (
        type: 'message' | 'error',
        listener: (event: MessageEvent<ImportWorkerReply>) => void,
      ) => {
        if (type === 'error') errorListener = listener;
      },
      terminate: () => {
        terminated = true;
      },
    };
    expect(
      await readImportFile({ kind: 'sessions', file: backupBlob(), fileName: 'b.json' }, () => broken),
    ).toEqual({ ok: true, items: [tinySession(), sampleRun()].map(toImportItem) });
    expect(terminated).toBe(true);
  });
});

describe('serveImportReading', () => {
  it('answers a reading that throws with its message, and the page rejects with it', async () => {
    let reply: ImportWorkerReply | undefined;
    let onRequest: ((event: MessageEvent<ImportWorkerRequest>) => void) | undefined;
    serveImportReading({
      postMessage: (message) => {
        reply = message;
      },
      addEventListener: (_type, listener) => {
        onRequest = listener;
      },
    });
    const unreadable = { arrayBuffer: () => Promise.reject(new Error('the file went away')) } as Blob;
    onRequest?.(
      new MessageEvent('message', {
        data: { id: 7, request: { kind: 'sessions', file: unreadable, fileName: 'gone.json' } },
      }),
    );
    await expect.poll(() => reply).toEqual({ id: 7, type: 'error', errorMessage: 'the file went away' });

    // The page's end, wired straight to a service of its own (a File-like that fails cannot be cloned).
    const page = (): ImportWorkerLike => {
      let toPage: ((event: MessageEvent<ImportWorkerReply>) => void) | undefined;
      let toService: ((event: MessageEvent<ImportWorkerRequest>) => void) | undefined;
      serveImportReading({
        postMessage: (message) => toPage?.(new MessageEvent('message', { data: message })),
        addEventListener: (_type, listener) => {
          toService = listener;
        },
      });
      return {
        postMessage: (message) => toService?.(new MessageEvent('message', { data: message })),
        addEventListener: (
          type: 'message' | 'error',
          listener: (event: MessageEvent<ImportWorkerReply>) => void,
        ) => {
          if (type === 'message') toPage = listener;
        },
        terminate: () => undefined,
      };
    };
    await expect(
      readImportFile({ kind: 'sessions', file: unreadable, fileName: 'gone.json' }, page),
    ).rejects.toThrow('the file went away');
  });

  it("takes only its own request's answer", async () => {
    const worker = channelWorker();
    const realPost = worker.postMessage.bind(worker);
    worker.postMessage = (message, options) => {
      // Another request's answer on the same channel, before this one's: a refusal that must not be taken.
      realPost({ ...message, id: message.id + 1, request: { ...message.request, file: new Blob(['']) } });
      realPost(message, options);
    };
    expect(
      await readImportFile({ kind: 'sessions', file: backupBlob(), fileName: 'b.json' }, () => worker),
    ).toEqual({ ok: true, items: [tinySession(), sampleRun()].map(toImportItem) });
  });

  it('posts a refusal as one message', () => {
    const refused: ImportReading = { ok: false, refusal: { code: 'backup-empty' } };
    expect(splitReading(refused)).toEqual({ rest: refused, batches: [] });
  });
});

describe('a reading in batches', () => {
  const manySessions = (count: number) =>
    Array.from({ length: count }, (_, index) => {
      const session = tinySession();
      return { ...session, meta: { ...session.meta, id: `session-${String(index)}` } };
    });

  it('crosses a large backup in batches of sessions, one message and one transfer each, all in order', async () => {
    const sessions = manySessions(2 * sessionsPerBatch + 7);
    const worker = channelWorker();
    const reading = await readImportFile(
      { kind: 'sessions', file: new Blob([exportBackup(sessions, '0.1.0')]), fileName: 'b.json' },
      () => worker,
    );
    expect(reading).toEqual({ ok: true, items: sessions.map(toImportItem) });
    expect(worker.transfers.map((transfer) => transfer.length)).toEqual([
      sessionsPerBatch,
      sessionsPerBatch,
      7,
      0,
    ]);
  });

  it('is whole again after splitting, for both kinds of reading', async () => {
    const backup = await readImport({
      kind: 'sessions',
      file: new Blob([exportBackup(manySessions(5), '0.1.0')]),
      fileName: 'b.json',
    });
    const { rest, batches } = splitReading(backup, 2);
    expect(batches.map((batch) => (batch.kind === 'items' ? batch.items.length : -1))).toEqual([2, 2, 1]);
    expect(rest).toEqual({ ok: true, items: [] });
    expect(joinReading(rest, batches)).toEqual(backup);

    const client = await readImport({
      kind: 'client',
      file: new Blob([encodeClientFile(therapistFile([clientRun(0), clientRun(1), clientRun(2)]), 'test')]),
      expectations: {},
    });
    const split = splitReading(client, 2);
    expect(
      split.batches.map((batch) => (batch.kind === 'client-sessions' ? batch.sessions.length : -1)),
    ).toEqual([2, 1]);
    expect(joinReading(split.rest, split.batches)).toEqual(client);
  });
});
