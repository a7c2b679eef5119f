import { Workbox } from 'workbox-window';

/**
 * The app's link to its service worker: the worker keeps every file of the build for offline use, and a new
 * version installs beside the running one and waits there until the app lets it take over.
 */
export interface AppUpdateChannel {
  /**
   * Registers the service worker. `onNewVersion` is called each time a new version has installed and waits (also
   * one that was already waiting when the page loaded), and when another tab's "Update now" has moved this page to
   * the new version, whose files it must reload to use.
   */
  start(onNewVersion: () => void): Promise<void>;
  /**
   * Lets the waiting version take over and reloads the page once it controls it; reloads at once when another tab
   * has already let it take over.
   */
  applyUpdate(): void;
  /** Asks the server now whether there is a newer version (browsers otherwise check on navigation). */
  checkForUpdate(): Promise<void>;
}

/** The worker vite-plugin-pwa writes, under Vite's base so the app can live in a sub-folder. */
const scriptUrl = `${import.meta.env.BASE_URL}sw.js`;

class WorkboxUpdateChannel implements AppUpdateChannel {
  readonly #workbox = new Workbox(scriptUrl, { scope: import.meta.env.BASE_URL });
  #applying = false;
  #reloading = false;

  async start(onNewVersion: () => void): Promise<void> {
    // Workbox also fires 'waiting' for a worker that was already waiting before register(), and in every open tab.
    this.#workbox.addEventListener('waiting', () => {
      onNewVersion();
    });
    // The first worker takes an uncontrolled page at once (clientsClaim): that is no new version. A later change
    // this tab did not ask for is another tab's "Update now": the old version's files are gone from the cache, so
    // this page must reload before it opens a screen it has not loaded yet.
    let controlled = navigator.serviceWorker.controller !== null;
    navigator.serviceWorker.addEventListener('controllerchange', () => {
      if (controlled && !this.#applying) onNewVersion();
      controlled = true;
    });
    try {
      await this.#workbox.register();
    } catch {
      // Without a worker (storage blocked, a private window that refuses it) the app still works, only not offline.
    }
  }

  applyUpdate(): void {
    this.#applying = true;
    void navigator.serviceWorker
      .getRegistration(import.meta.env.BASE_URL)
      .then((registration) => {
        if (registration?.waiting) this.#takeOver();
        else this.#reload();
      })
      .catch(() => {
        this.#reload();
      });
  }

  #takeOver(): void {
    // Reload only once the new worker answers requests, so the page loads the new version's files.
    this.#workbox.addEventListener('controlling', () => {
      this.#reload();
    });
    this.#workbox.messageSkipWaiting();
  }

  #reload(): void {
    if (this.#reloading) return;
    this.#reloading = true;
    location.reload();
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
