import type { ClientStore } from '../adapters/storage/client-store';
import type { ShareOutcome } from '../adapters/files/share-or-download';
import type { RunnerProfile } from '../core/zones/runner-profile';
import type { AppState } from './app-state.svelte';
import type { ClientImportOutcome, ProfileBook } from './client-exchange';
import type { PreferencesState } from './preferences.svelte';

/**
 * The exchange and the client store, loaded on the first tap: the profile screen shows the buttons without
 * loading the file code (schemas, the summary's HRV) they need.
 */
async function exchangeModules() {
  const [exchange, { ClientStore }] = await Promise.all([
    import('./client-exchange'),
    import('../adapters/storage/client-store'),
  ]);
  return { ...exchange, openClientStore: () => ClientStore.open() };
}

/** Who the file is about: one client on the therapist's page, or the runner this device runs as. */
export type TransferSubject = { kind: 'client'; runnerId: string } | { kind: 'own-profile' };

/**
 * The state behind the client-file buttons: on a client's page (the therapist exports the client's file and imports
 * the runs the client sends back) and on the runner's own profile (import the therapist's file, send my runs).
 */
export class ClientFileTransfer {
  busy = $state(false);
  importOutcome = $state.raw<ClientImportOutcome | undefined>();
  exportOutcome = $state.raw<ShareOutcome | 'failed' | undefined>();
  /** The therapist's notes go along unless unticked (the client's page only). */
  includeNotes = $state(true);
  readonly #app: AppState;
  readonly #subject: TransferSubject;

  constructor(app: AppState, subject: TransferSubject) {
    this.#app = app;
    this.#subject = subject;
  }

  /** The person the file is about, when this device has their profile. */
  get profile(): RunnerProfile | undefined {
    const preferences = this.#app.preferences;
    const subject = this.#subject;
    return subject.kind === 'client'
      ? preferences.value.runners.find((runner) => runner.id === subject.runnerId)
      : preferences.activeRunner;
  }

  get canExport(): boolean {
    return this.profile !== undefined && this.#app.library.store !== undefined && !this.busy;
  }

  get canImport(): boolean {
    return this.#app.library.store !== undefined && !this.busy;
  }

  async exportFile(): Promise<void> {
    const profile = this.profile;
    const sessions = this.#app.library.store;
    if (!profile || !sessions || this.busy) return;
    this.busy = true;
    this.exportOutcome = undefined;
    let clients: ClientStore | undefined;
    try {
      const { exportClientFile, openClientStore } = await exchangeModules();
      clients = await openClientStore();
      this.exportOutcome = await exportClientFile({ sessions, clients }, profile, {
        includeNotes: this.#subject.kind === 'own-profile' || this.includeNotes,
      });
    } catch {
      this.exportOutcome = 'failed';
    } finally {
      clients?.close();
      this.busy = false;
    }
  }

  async importFile(file: File): Promise<void> {
    const sessions = this.#app.library.store;
    if (!sessions || this.busy) return;
    this.busy = true;
    this.importOutcome = undefined;
    let clients: ClientStore | undefined;
    try {
      const { importClientFile, openClientStore } = await exchangeModules();
      clients = await openClientStore();
      this.importOutcome = await importClientFile(
        { sessions, clients, profiles: profileBook(this.#app.preferences) },
        file,
        {
          makeActive: this.#subject.kind === 'own-profile',
          ...(this.#subject.kind === 'client' && { expectedRunnerId: this.#subject.runnerId }),
        },
      );
      this.#app.library.changed();
    } catch {
      this.importOutcome = { kind: 'storage-failed', saved: { sessions: 0, record: false, profile: false } };
    } finally {
      clients?.close();
      this.busy = false;
    }
  }
}

/** The device's runner profiles as the exchange needs them. */
export function profileBook(preferences: PreferencesState): ProfileBook {
  return {
    find: (runnerId) => preferences.value.runners.find((runner) => runner.id === runnerId),
    add: (profile, makeActive) => {
      if (makeActive) preferences.saveRunner(profile);
      else preferences.addRunner(profile);
      return !preferences.saveFailed;
    },
    choose: (runnerId) => {
      preferences.chooseRunner(runnerId);
    },
    remove: (runnerId) => {
      preferences.removeRunner(runnerId);
    },
  };
}
