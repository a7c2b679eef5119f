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
  /** Runs a reload or crash left recording: one for a solo run, one per runner of a group run. */
  interrupted = $state.raw<InterruptedSession[]>([]);
  persistence = $state<PersistentStorageResult | undefined>();
  /** Bumped after every change to the stored sessions, so history reloads. */
  revision = $state(0);

  /**
   * What the resume prompt offers: the newest interrupted run, with every other runner of its group; an older one
   * left over is offered after that.
   */
  get interruptedRun(): InterruptedSession[] {
    const [newest] = this.interrupted;
    if (!newest) return [];
    const groupId = newest.meta.group?.groupId;
    return groupId === undefined
      ? [newest]
      : this.interrupted.filter((session) => session.meta.group?.groupId === groupId);
  }

  /** Forgets the sessions just resumed or finished, keeping any others for the next prompt. */
  settled(sessions: readonly InterruptedSession[]): void {
    const ids = sessions.map((session) => session.meta.id);
    this.interrupted = this.interrupted.filter((session) => !ids.includes(session.meta.id));
  }

  async open(): Promise<void> {
    try {
      this.store = await SessionStore.open();
      this.interrupted = await this.store.findInterruptedSessions();
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
