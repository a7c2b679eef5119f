import { spawn, type ChildProcess } from 'node:child_process';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { chromiumArgs, chromiumPath } from './browser';

/**
 * Chromium started as its own process on a profile folder that outlives it, so a test can kill it the hard way
 * (SIGKILL to its whole process group: no unload, no clean shutdown, as when the phone's system kills the browser)
 * and start a new one on the same profile. Playwright drives it over CDP.
 */
export class KillableChromium {
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly #process: ChildProcess;
  #alive = true;

  private constructor(process: ChildProcess, browser: Browser) {
    this.#process = process;
    this.browser = browser;
    const [context] = browser.contexts();
    if (!context) throw new Error('Chromium started without its default context');
    this.context = context;
    process.once('exit', () => {
      this.#alive = false;
    });
  }

  /** Starts Chromium (headless, Web Bluetooth on) on this profile folder and connects to it. */
  static async launch(userDataDir: string): Promise<KillableChromium> {
    const child = spawn(
      chromiumPath(),
      [
        '--headless',
        ...chromiumArgs({ webBluetooth: true }),
        `--user-data-dir=${userDataDir}`,
        '--remote-debugging-port=0',
        'about:blank',
      ],
      { detached: true, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    const endpoint = await new Promise<string>((resolve, reject) => {
      let seen = '';
      const timeout = setTimeout(() => {
        reject(new Error(`Chromium did not report its DevTools endpoint: ${seen}`));
      }, 30_000);
      child.stderr.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        const found = /DevTools listening on (ws:\/\/\S+)/u.exec(seen);
        if (found?.[1]) {
          clearTimeout(timeout);
          resolve(found[1]);
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timeout);
        reject(new Error(`Chromium exited (${code}) before it was ready: ${seen}`));
      });
    });
    // Keep reading stderr, or a full pipe would block Chromium.
    child.stderr.resume();
    return new KillableChromium(child, await chromium.connectOverCDP(endpoint));
  }

  /** SIGKILL to Chromium and every process it started; resolves once the browser process is gone. */
  async kill(): Promise<void> {
    if (!this.#alive || this.#process.pid === undefined) return;
    const exited = new Promise<void>((resolve) => this.#process.once('exit', () => resolve()));
    process.kill(-this.#process.pid, 'SIGKILL');
    await exited;
  }
}
