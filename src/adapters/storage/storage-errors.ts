/**
 * Typed storage failures, so the app can react to the cause (keep the run in memory and offer an export when the disk
 * is full, ask for a reload when the database was closed by a newer tab) instead of showing a raw DOMException.
 */
export type StorageErrorReason =
  'full' | 'invalid-data' | 'conflict' | 'corrupt-data' | 'unavailable' | 'unknown';

export class StorageError extends Error {
  readonly reason: StorageErrorReason;

  constructor(reason: StorageErrorReason, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageError';
    this.reason = reason;
  }
}

/** The origin's quota or the disk is full. The failed transaction was aborted: nothing stored before was touched. */
export class StorageFullError extends StorageError {
  constructor(options?: { cause?: unknown }) {
    super('full', 'The device storage is full: this could not be saved.', options);
    this.name = 'StorageFullError';
  }
}

/** A session or chunk that cannot be stored as given (an import item that is not a well-formed session). */
export class InvalidSessionDataError extends StorageError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('invalid-data', message, options);
    this.name = 'InvalidSessionDataError';
  }
}

const errorName = (error: unknown): string | undefined =>
  error instanceof Error || error instanceof DOMException ? error.name : undefined;

function isQuotaError(error: unknown): boolean {
  if (errorName(error) === 'QuotaExceededError') return true;
  // Some engines and wrappers report the quota failure as the cause of an AbortError.
  return (
    error instanceof Error && error.cause !== undefined && errorName(error.cause) === 'QuotaExceededError'
  );
}

/**
 * Maps what IndexedDB threw to a StorageError. `transactionError` is the transaction's own error: when a request
 * fails or the commit fails (a full disk), what rejects first is often only an AbortError, and the transaction's
 * error carries the real cause.
 */
export function toStorageError(error: unknown, transactionError?: DOMException | null): StorageError {
  if (error instanceof StorageError) return error;
  const cause = errorName(error) === 'AbortError' && transactionError ? transactionError : error;
  if (isQuotaError(cause)) return new StorageFullError({ cause });
  switch (errorName(cause)) {
    case 'ConstraintError':
      return new StorageError('conflict', 'A record with this key is already stored.', { cause });
    case 'DataError':
    case 'DataCloneError':
      return new StorageError('invalid-data', 'This data cannot be stored.', { cause });
    case 'InvalidStateError':
    case 'VersionError':
    case 'UnknownError':
      return new StorageError('unavailable', 'The storage is not available; reloading the page may help.', {
        cause,
      });
    default:
      return new StorageError('unknown', 'The storage failed.', { cause });
  }
}
