import { describe, expect, it } from 'vitest';
import {
  acquireRecordingLock,
  isRecordingLockHeld,
  recordingLockName,
  type LockRequester,
} from '../../../../src/adapters/platform/web-locks';
import { FakeLocks } from '../../support/fake-locks';

describe('acquireRecordingLock', () => {
  it('lets one tab record, tells the second the run is elsewhere, and frees the lock on release', async () => {
    const locks = new FakeLocks();
    const first = await acquireRecordingLock(locks);
    expect(typeof first).toBe('object');
    expect(locks.held.has(recordingLockName)).toBe(true);
    expect(await acquireRecordingLock(locks)).toBe('held-elsewhere');

    if (typeof first !== 'object') throw new Error('expected the lock');
    first.release();
    first.release();
    await Promise.resolve();
    await Promise.resolve();
    expect(locks.held.has(recordingLockName)).toBe(false);
    const again = await acquireRecordingLock(locks);
    expect(typeof again).toBe('object');
    if (typeof again === 'object') again.release();
  });

  it('is unsupported without navigator.locks, or when the request fails', async () => {
    expect(await acquireRecordingLock(undefined)).toBe('unsupported');
    const refusing: LockRequester = {
      request: () => Promise.reject(new DOMException('no', 'SecurityError')),
    };
    expect(await acquireRecordingLock(refusing)).toBe('unsupported');
  });
});

describe('isRecordingLockHeld', () => {
  it('is true only while some tab holds the recording lock', async () => {
    const snapshot = (names: string[]): LockManagerSnapshot => ({
      held: names.map((name) => ({ name, mode: 'exclusive' as const, clientId: 'tab' })),
      pending: [],
    });
    expect(await isRecordingLockHeld({ query: () => Promise.resolve(snapshot([recordingLockName])) })).toBe(
      true,
    );
    expect(await isRecordingLockHeld({ query: () => Promise.resolve(snapshot(['other'])) })).toBe(false);
  });

  it('is false when the browser cannot tell', async () => {
    expect(await isRecordingLockHeld({ query: () => Promise.reject(new Error('no')) })).toBe(false);
  });
});
