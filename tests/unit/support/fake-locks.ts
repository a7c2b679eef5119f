import type { LockRequester } from '../../../src/adapters/platform/web-locks';

/**
 * navigator.locks for exclusive locks taken with ifAvailable, as the recording asks for them. One instance stands
 * for one browser: every "tab" of a test that shares it sees the others' locks.
 */
export class FakeLocks implements LockRequester {
  readonly held = new Set<string>();

  async request(
    name: string,
    options: LockOptions,
    callback: (lock: Lock | null) => Promise<void> | void,
  ): Promise<void> {
    if (this.held.has(name)) {
      if (options.ifAvailable !== true) throw new Error('this fake only does ifAvailable');
      await callback(null);
      return;
    }
    this.held.add(name);
    try {
      await callback({ name, mode: 'exclusive' });
    } finally {
      this.held.delete(name);
    }
  }
}
