import { SessionStore } from '../adapters/storage/session-store';
import type { InterruptedSession, SessionStorage } from '../adapters/storage/session-storage';
import {
  requestPersistentStorage,
  type PersistentStorageResult,
} from '../adapters/platform/persistent-storage';

/**
 * The device's store of sessions, opened once. Opening can fail (a private window with storage off, a broken
 * profile): the app then says so and still shows the live heart rate.
 */
export class SessionLibrary {
  store = $state.raw<SessionStorage | undefined>();
  openFailed = $state(false);
  interrupted = $state.raw<InterruptedSession | undefined>();
  persistence = $state<PersistentStorageResult | undefined>();
  /** Bumped after every change to the stored sessions, so history reloads. */
  revision = $state(0);

  async open(): Promise<void> {
    try {
      this.store = await SessionStore.open();
      this.interrupted = await this.store.findInterruptedSession();
    } catch {
      this.openFailed = true;
    }
  }

  /** Asked when the first run starts, not on page load: the reason is then obvious to the user. */
  async askPersistence(): Promise<void> {
    this.persistence ??= await requestPersistentStorage();
  }

  changed(): void {
    this.revision++;
  }

  close(): void {
    this.store?.close();
  }
}
