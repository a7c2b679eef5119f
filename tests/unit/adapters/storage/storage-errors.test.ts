import { describe, expect, it } from 'vitest';
import {
  StorageError,
  StorageFullError,
  toStorageError,
} from '../../../../src/adapters/storage/storage-errors';

const domError = (name: string) => new DOMException('test', name);

describe('toStorageError', () => {
  it('maps a quota error, directly, as the transaction error behind an abort, or as a cause', () => {
    expect(toStorageError(domError('QuotaExceededError'))).toBeInstanceOf(StorageFullError);
    expect(toStorageError(domError('AbortError'), domError('QuotaExceededError'))).toBeInstanceOf(
      StorageFullError,
    );
    expect(toStorageError(new Error('aborted', { cause: domError('QuotaExceededError') }))).toBeInstanceOf(
      StorageFullError,
    );
    expect(toStorageError(domError('QuotaExceededError')).reason).toBe('full');
  });

  it('does not call everything a full disk', () => {
    expect(toStorageError(domError('AbortError'))).not.toBeInstanceOf(StorageFullError);
    expect(toStorageError(domError('AbortError'), null).reason).toBe('unknown');
    expect(toStorageError(domError('DataError'), domError('QuotaExceededError')).reason).toBe('invalid-data');
  });

  it('names the other causes', () => {
    expect(toStorageError(domError('ConstraintError')).reason).toBe('conflict');
    expect(toStorageError(domError('AbortError'), domError('ConstraintError')).reason).toBe('conflict');
    expect(toStorageError(domError('DataCloneError')).reason).toBe('invalid-data');
    expect(toStorageError(domError('InvalidStateError')).reason).toBe('unavailable');
    expect(toStorageError(domError('VersionError')).reason).toBe('unavailable');
    expect(toStorageError(new TypeError('boom')).reason).toBe('unknown');
    expect(toStorageError('not even an error')).toBeInstanceOf(StorageError);
  });

  it('passes a StorageError through and keeps the cause', () => {
    const original = new StorageError('corrupt-data', 'bad');
    expect(toStorageError(original)).toBe(original);
    const cause = domError('ConstraintError');
    expect(toStorageError(cause).cause).toBe(cause);
  });
});
