import type { ImportWorkerReply, ImportWorkerRequest, MessagePortLike } from './import-messages';
import type { ImportReadings, ImportReadRequest } from './import-reading';

/** A started worker as the page holds it. */
export interface ImportWorkerLike extends MessagePortLike<ImportWorkerRequest, ImportWorkerReply> {
  addEventListener(type: 'message', listener: (event: MessageEvent<ImportWorkerReply>) => void): void;
  addEventListener(type: 'error', listener: (event: Event) => void): void;
  terminate(): void;
}

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
  try {
    const reply = await new Promise<ImportWorkerReply | undefined>((resolve) => {
      worker.addEventListener('message', (event) => {
        resolve(event.data);
      });
      // A worker whose script would not load (or that died) gives no reply: undefined, read here instead.
      worker.addEventListener('error', () => {
        resolve(undefined);
      });
      worker.postMessage({ id: 1, request });
    });
    if (!reply) return await readInThread(request);
    if (!reply.ok) throw new Error(reply.errorMessage);
    // The worker answers each request with the reading of that request's kind.
    return reply.reading as ImportReadings[K];
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
