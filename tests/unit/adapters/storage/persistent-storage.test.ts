import { describe, expect, it, vi } from 'vitest';
import { requestPersistentStorage } from '../../../../src/adapters/platform/persistent-storage';

describe('requestPersistentStorage', () => {
  it('answers granted without asking again when storage is already persistent', async () => {
    const persist = vi.fn(() => Promise.resolve(false));
    expect(await requestPersistentStorage({ persisted: () => Promise.resolve(true), persist })).toBe(
      'granted',
    );
    expect(persist).not.toHaveBeenCalled();
  });

  it('asks, and reports what the browser decided', async () => {
    const persisted = () => Promise.resolve(false);
    expect(await requestPersistentStorage({ persisted, persist: () => Promise.resolve(true) })).toBe(
      'granted',
    );
    expect(await requestPersistentStorage({ persisted, persist: () => Promise.resolve(false) })).toBe(
      'denied',
    );
    expect(
      await requestPersistentStorage({ persisted, persist: () => Promise.reject(new Error('no')) }),
    ).toBe('denied');
  });

  it('is unsupported without navigator.storage or without persist()', async () => {
    expect(await requestPersistentStorage(undefined)).toBe('unsupported');
    expect(await requestPersistentStorage({ persisted: () => Promise.resolve(false) })).toBe('unsupported');
  });
});
