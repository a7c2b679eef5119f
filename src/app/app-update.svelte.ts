import type { AppUpdateChannel } from '../adapters/service-worker/app-update-channel';

/** What keeps an update waiting: the recording would be cut off by the reload. */
export type UpdateBlocker = 'run' | 'exercise' | 'resting-check';

/** How often an open app asks whether there is a new version: a phone may keep it open for days. */
const checkIntervalMs = 60 * 60 * 1000;

/**
 * A new version of the app that has installed and waits. It is applied only when the user asks, and never while a
 * run or breathing exercise records: the reload into the new version would interrupt it.
 */
export class AppUpdate {
  /** A new version is installed and waiting. */
  available = $state(false);
  /** The last "Update now" was refused because another tab of the app records: the reload would reach it too. */
  recordingElsewhere = $state(false);
  readonly #channel: AppUpdateChannel | undefined;
  readonly #blocker: () => UpdateBlocker | undefined;
  readonly #recordsElsewhere: () => Promise<boolean>;
  #checkTimer: ReturnType<typeof setInterval> | undefined;

  /**
   * `blocker` says what this tab records now, if anything; it is read on every check, so it may read reactive
   * state. `recordsElsewhere` asks whether any tab records (the new version takes over every tab at once).
   */
  constructor(
    channel: AppUpdateChannel | undefined,
    blocker: () => UpdateBlocker | undefined,
    recordsElsewhere: () => Promise<boolean> = () => Promise.resolve(false),
  ) {
    this.#channel = channel;
    this.#blocker = blocker;
    this.#recordsElsewhere = recordsElsewhere;
  }

  /** What the update waits for, while something records. */
  get waitingFor(): UpdateBlocker | undefined {
    return this.#blocker();
  }

  get canApplyNow(): boolean {
    return this.available && this.waitingFor === undefined;
  }

  start(): void {
    const channel = this.#channel;
    if (!channel) return;
    void channel.start(() => {
      this.available = true;
    });
    clearInterval(this.#checkTimer);
    this.#checkTimer = setInterval(() => {
      void channel.checkForUpdate();
    }, checkIntervalMs);
  }

  /** Reloads into the new version; refused (false) while something records, here or in another tab, or when there is none. */
  async apply(): Promise<boolean> {
    if (!this.canApplyNow || !this.#channel) return false;
    // The waiting worker takes over every open tab of the app, and another tab's run would then load its next
    // screens from a version whose files are gone.
    this.recordingElsewhere = await this.#recordsElsewhere();
    // A run started here while the browser answered keeps the update waiting as well.
    if (this.recordingElsewhere || this.waitingFor !== undefined) return false;
    this.#channel.applyUpdate();
    return true;
  }

  stop(): void {
    clearInterval(this.#checkTimer);
    this.#checkTimer = undefined;
  }
}
