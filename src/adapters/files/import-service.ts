import type { ImportWorkerReply, ImportWorkerRequest, MessagePortLike } from './import-messages';
import { readImport, type ImportReading } from './import-reading';

/**
 * The worker's side of the import: each request's file is read (import-reading.ts) and the reading posted back,
 * with the sample bytes of its sessions transferred rather than copied, so the page only takes over the buffers.
 */
export function serveImportReading(port: MessagePortLike<ImportWorkerReply, ImportWorkerRequest>): void {
  port.addEventListener('message', (event) => {
    const { id, request } = event.data;
    void readImport(request).then(
      (reading) => {
        port.postMessage({ id, ok: true, reading }, { transfer: transferablesOf(reading) });
      },
      (error: unknown) => {
        port.postMessage({
          id,
          ok: false,
          errorMessage: error instanceof Error ? error.message : String(error),
        });
      },
    );
  });
}

/** Every sessions' chunk buffers, each once (two views on one buffer would make the transfer fail). */
export function transferablesOf(reading: ImportReading): ArrayBuffer[] {
  if (!reading.ok) return [];
  const items = 'items' in reading ? reading.items : reading.file.sessions.map(({ item }) => item);
  const buffers = new Set<ArrayBuffer>();
  for (const item of items) {
    for (const chunk of item.chunks) {
      // A SharedArrayBuffer is shared already; only plain buffers can (and need to) be transferred.
      if (chunk.bytes.buffer instanceof ArrayBuffer) buffers.add(chunk.bytes.buffer);
    }
  }
  return [...buffers];
}
