import { SvelteSet } from 'svelte/reactivity';
import type { ClientStore } from '../adapters/storage/client-store';
import type { AppState } from './app-state.svelte';
import type { ResearchClient } from './research-export';

/** The export's code (the HRV core among it) and the client store, loaded when the section first shows. */
async function researchModules() {
  const [research, { ClientStore }] = await Promise.all([
    import('./research-export'),
    import('../adapters/storage/client-store'),
  ]);
  return { ...research, openClientStore: () => ClientStore.open() };
}

/** The research export on the clients list: which clients go in (all with a course, unless unticked), and the file. */
export class ResearchExport {
  clients = $state.raw<ResearchClient[] | undefined>();
  /** Runner ids left out by the therapist; everyone else with a course is in. */
  readonly leftOut = new SvelteSet<string>();
  busy = $state(false);
  done = $state.raw<{ sessions: number; clients: number } | 'failed' | undefined>();
  readonly #app: AppState;

  constructor(app: AppState) {
    this.#app = app;
  }

  readonly chosen: ResearchClient[] = $derived(
    (this.clients ?? []).filter((client) => !this.leftOut.has(client.runnerId)),
  );

  async load(): Promise<void> {
    let store: ClientStore | undefined;
    try {
      const { researchClients, openClientStore } = await researchModules();
      store = await openClientStore();
      const { records } = await store.list();
      const runners = this.#app.preferences.value.runners;
      this.clients = researchClients(records, (id) => runners.find((runner) => runner.id === id)?.name);
    } catch {
      this.clients = [];
    } finally {
      store?.close();
    }
  }

  setChosen(runnerId: string, chosen: boolean): void {
    if (chosen) this.leftOut.delete(runnerId);
    else this.leftOut.add(runnerId);
  }

  async exportCsv(): Promise<void> {
    const sessions = this.#app.library.store;
    const chosen = this.chosen;
    if (!sessions || chosen.length === 0 || this.busy) return;
    this.busy = true;
    this.done = undefined;
    try {
      const { exportResearchCsv } = await researchModules();
      const result = await exportResearchCsv(sessions, chosen);
      this.done = { sessions: result.sessions, clients: result.clients };
    } catch {
      this.done = 'failed';
    } finally {
      this.busy = false;
    }
  }
}
