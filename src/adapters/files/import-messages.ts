import type { ReadingBatch } from './import-reading-batches';
import type { ImportReading, ImportReadRequest } from './import-reading';

/** What the page asks of the import worker: one file to read, numbered so its answer finds its way back. */
export interface ImportWorkerRequest {
  id: number;
  request: ImportReadRequest;
}

/**
 * The worker's answer: the reading's sessions in batches (import-reading-batches.ts), then the rest of the reading
 * last; or the message of an error the reading threw (a bug, never a bad file).
 */
export type ImportWorkerReply =
  | { id: number; type: 'batch'; batch: ReadingBatch }
  | { id: number; type: 'reading'; rest: ImportReading }
  | { id: number; type: 'error'; errorMessage: string };
