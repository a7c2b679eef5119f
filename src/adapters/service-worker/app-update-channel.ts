import { Workbox } from 'workbox-window';

/**
 * The app's link to its service worker: the worker keeps every file of the build for offline use, and a new
 * version installs beside the running one and waits there until the app lets it take over.
 */
export interface AppUpdateChannel {
  /**
   * Registers the service worker. `onWaiting` is called each time a new version has installed and waits, also for
   * one that was already waiting when the page loaded.
   */
  start(onWaiting: () => void): Promise<void>;
  /** Lets the waiting version take over and reloads the page once it controls it. */
  applyUpdate(): void;
  /** Asks the server now whether there is a newer version (browsers otherwise check on navigation). */
  checkForUpdate(): Promise<void>;
}

/** The worker vite-plugin-pwa writes, under Vite's base so the app can live in a sub-folder. */
const scriptUrl = `${import.meta.env.BASE_URL}sw.js`;

class WorkboxUpdateChannel implements AppUpdateChannel {
  readonly #workbox = new Workbox(scriptUrl, { scope: import.meta.env.BASE_URL });
  #reloading = false;

  async start(onWaiting: () => void): Promise<void> {
    // Workbox also fires 'waiting' for a worker that was already waiting before register().
    this.#workbox.addEventListener('waiting', () => {
      onWaiting();
    });
    try {
      await this.#workbox.register();
    } catch {
      // Without a worker (storage blocked, a private window that refuses it) the app still works, only not offline.
    }
  }

  applyUpdate(): void {
    this.#workbox.addEventListener('controlling', () => {
      // Reload only once the new worker answers requests, so the page loads the new version's files.
      if (this.#reloading) return;
      this.#reloading = true;
      location.reload();
    });
    this.#workbox.messageSkipWaiting();
  }

  async checkForUpdate(): Promise<void> {
    try {
      await this.#workbox.update();
    } catch {
      // Offline, or the server is unreachable: the next check will try again.
    }
  }
}

/**
 * The channel of a build in a browser with service workers; none on the dev server, so `npm start` always serves
 * fresh files.
 */
export function createAppUpdateChannel(): AppUpdateChannel | undefined {
  if (!__SERVICE_WORKER__ || !('serviceWorker' in navigator)) return undefined;
  return new WorkboxUpdateChannel();
}
