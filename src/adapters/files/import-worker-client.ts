import type { WorkerLike } from '../platform/worker-port';
import type { ImportWorkerReply, ImportWorkerRequest } from './import-messages';
import type { ImportReadings, ImportReadRequest } from './import-reading';
import { joinReading, type ReadingBatch } from './import-reading-batches';

/** The import worker as the page holds it. */
export type ImportWorkerLike = WorkerLike<ImportWorkerRequest, ImportWorkerReply>;

/** Starts import-worker.ts; undefined where there are no workers (Node, in unit tests). */
function startImportWorker(): ImportWorkerLike | undefined {
  if (typeof Worker === 'undefined') return undefined;
  return new Worker(new URL('./import-worker.ts', import.meta.url), {
    type: 'module',
    name: 'calm-run-import',
  });
}

/**
 * Reads a file for an import off the page's main thread: a worker of its own reads it (import-reading.ts) and is
 * stopped after, taking the parse's garbage with it. The page gets the sessions ready to store, their sample bytes
 * transferred. Without workers, or when the worker cannot start, the same reading runs here. Rejects only for an
 * error in the reading itself, as the reading would throw it in-thread.
 */
export async function readImportFile<K extends ImportReadRequest['kind']>(
  request: Extract<ImportReadRequest, { kind: K }>,
  startWorker: () => ImportWorkerLike | undefined = startImportWorker,
): Promise<ImportReadings[K]> {
  const worker = startWorker();
  if (!worker) return readInThread(request);
  // One request per worker: the number only has to tell its answer from anything else.
  const requestId = 1;
  try {
    const batches: ReadingBatch[] = [];
    const reply = await new Promise<Exclude<ImportWorkerReply, { type: 'batch' }> | undefined>((resolve) => {
      worker.addEventListener('message', (event) => {
        const message = event.data;
        if (message.id !== requestId) return;
        // Each batch is a message, and a task, of its own: the page takes the sessions in a few at a time.
        if (message.type === 'batch') batches.push(message.batch);
        else resolve(message);
      });
      // A worker whose script would not load (or that died) gives no reply: undefined, read here instead.
      worker.addEventListener('error', () => {
        resolve(undefined);
      });
      worker.postMessage({ id: requestId, request });
    });
    if (!reply) return await readInThread(request);
    if (reply.type === 'error') throw new Error(reply.errorMessage);
    // The worker answers each request with the reading of that request's kind.
    return joinReading(reply.rest, batches) as ImportReadings[K];
  } finally {
    worker.terminate();
  }
}

async function readInThread<K extends ImportReadRequest['kind']>(
  request: Extract<ImportReadRequest, { kind: K }>,
): Promise<ImportReadings[K]> {
  const { readImport } = await import('./import-reading');
  return readImport(request);
}
