import type { MessagePortLike } from '../platform/worker-port';
import type { ImportWorkerReply, ImportWorkerRequest } from './import-messages';
import { readImport } from './import-reading';
import { splitReading, transferablesOf } from './import-reading-batches';

/**
 * The worker's side of the import: each request's file is read (import-reading.ts) and the reading posted back,
 * its sessions in batches with their sample bytes transferred rather than copied, then the rest of it.
 */
export function serveImportReading(port: MessagePortLike<ImportWorkerReply, ImportWorkerRequest>): void {
  port.addEventListener('message', (event) => {
    const { id, request } = event.data;
    void readImport(request).then(
      (reading) => {
        const { rest, batches } = splitReading(reading);
        for (const batch of batches) {
          port.postMessage({ id, type: 'batch', batch }, { transfer: transferablesOf(batch) });
        }
        port.postMessage({ id, type: 'reading', rest });
      },
      (error: unknown) => {
        port.postMessage({
          id,
          type: 'error',
          errorMessage: error instanceof Error ? error.message : String(error),
        });
      },
    );
  });
}
