import { acquireRecordingLock, type RecordingLock } from '../adapters/platform/web-locks';
import { TileOrder } from '../core/group/tile-order';
import { summarizeRunnerRun, type RunnerRunSummary } from '../core/group/group-summary';
import type { RunnerRun } from './runner-run.svelte';
import { SecondTicker } from './second-ticker';
import type { StrapConnection } from './strap-connection.svelte';

const tickMs = 1000;

export type GroupStartProblem = 'held-elsewhere';

/**
 * The runs recorded together on this device: one for a solo run, up to a whole supervised group. It holds the
 * tab's recording lock while any run records, keeps the tiles in a calm order (attention first, moving only once
 * a state has held), and tells the therapist's device when a tile rises.
 */
export class RunGroup {
  /** Replaced whole when a runner joins mid-run (live share): a new array, so what lists the runs updates. */
  runs = $state.raw<readonly RunnerRun[]>([]);
  /** A therapist's group run: the runners' cues are silent, sessions are marked supervised. */
  readonly supervised: boolean;
  /** The tiles' keys in display order. */
  order = $state.raw<readonly string[]>([]);
  /** The keys of the tiles raised for attention (settled, not flickering), in display order. */
  raised = $state.raw<readonly string[]>([]);
  problem = $state<GroupStartProblem | undefined>();
  readonly #tileOrder = new TileOrder();
  readonly #onRaised: (run: RunnerRun) => void;
  #lock: RecordingLock | undefined;
  readonly #ticker: SecondTicker;
  #stopTicking: (() => void) | undefined;
  /** Started with no runs of its own, for runners sharing from their phones: active until finishAll(). */
  readonly #awaitsJoiners: boolean;
  #open = $state(false);

  constructor(
    runs: readonly RunnerRun[],
    options: {
      supervised: boolean;
      awaitsJoiners?: boolean;
      onRaised?: (run: RunnerRun) => void;
      /** The app's one-second clock, shared with the runs; else the group keeps its own. */
      ticker?: SecondTicker;
    },
  ) {
    this.#ticker = options.ticker ?? new SecondTicker(tickMs);
    this.runs = runs;
    this.supervised = options.supervised;
    this.#awaitsJoiners = options.awaitsJoiners === true;
    this.#onRaised = options.onRaised ?? (() => undefined);
    this.order = runs.map((run) => run.key);
  }

  get isActive(): boolean {
    return this.#open || this.runs.some((run) => run.isActive);
  }

  /** The only run of a solo run. */
  get solo(): RunnerRun | undefined {
    return this.supervised ? undefined : this.runs[0];
  }

  isRaised(key: string): boolean {
    return this.raised.includes(key);
  }

  runByKey(key: string): RunnerRun | undefined {
    return this.runs.find((run) => run.key === key);
  }

  /** The runs in the tiles' order. */
  get ordered(): RunnerRun[] {
    return this.order.map((key) => this.runByKey(key)).filter((run) => run !== undefined);
  }

  /**
   * Starts every run, each with its own strap (or none yet). False (and nothing recorded) when another tab
   * records; a run that fails to start alone is left out while the others go on.
   */
  async start(strapOf: (run: RunnerRun) => StrapConnection | undefined): Promise<boolean> {
    if (!(await this.#takeLock())) return false;
    const started = await Promise.all(this.runs.map((run) => run.start(strapOf(run))));
    if (this.#awaitsJoiners && this.runs.length === 0) this.#open = true;
    else if (!started.some(Boolean)) {
      this.#release();
      return false;
    }
    this.#startTicking();
    return true;
  }

  /**
   * A runner who joins while the group runs (a runner sharing live from their own phone): their run starts now,
   * with its own tile at the end of the order. False when it could not start (the group has ended, or storage
   * refused), and then nothing changed.
   */
  async join(run: RunnerRun, strap: StrapConnection | undefined): Promise<boolean> {
    if (!this.isActive || this.runs.includes(run)) return false;
    if (!(await run.start(strap))) return false;
    this.runs = [...this.runs, run];
    this.order = [...this.order, run.key];
    return true;
  }

  /** After a reload: the runs carry on from their stored chunks; the caller resumed each run already. */
  async continueAfterReload(): Promise<boolean> {
    if (!(await this.#takeLock())) return false;
    this.#startTicking();
    return true;
  }

  /** Ends one runner's run (someone stops early); the others go on. Returns its session id. */
  async finishOne(run: RunnerRun): Promise<string | undefined> {
    const id = await run.finish();
    if (!this.isActive) this.#stop();
    return id;
  }

  /** Ends every run still going; returns every session id, in the group's order. */
  async finishAll(): Promise<string[]> {
    this.#open = false;
    await Promise.all(this.runs.filter((run) => run.isActive).map((run) => run.finish()));
    this.#stop();
    return this.runs.map((run) => run.sessionId).filter((id) => id !== undefined);
  }

  /** For the group summary: each finished run's figures. */
  summaries(): RunnerRunSummary[] {
    return this.runs.flatMap((run) => {
      const meta = run.recording.meta;
      return meta?.status === 'finished' ? [summarizeRunnerRun(meta, run.plannedMs)] : [];
    });
  }

  dispose(): void {
    this.#stop();
    for (const run of this.runs) run.dispose();
  }

  /** Re-reads every tile's attention; called once a second, and by tests with their own clock. */
  updateOrder(nowMs: number): void {
    const tiles = this.runs.map((run) => ({ id: run.key, needsAttention: run.attention.length > 0 }));
    const order = this.#tileOrder.update(nowMs, tiles);
    const raised = order.filter((key) => this.#tileOrder.isRaised(key));
    for (const key of raised) {
      const run = this.runByKey(key);
      if (!this.raised.includes(key) && run) this.#onRaised(run);
    }
    if (order.join('\n') !== this.order.join('\n')) this.order = order;
    if (raised.join('\n') !== this.raised.join('\n')) this.raised = raised;
  }

  async #takeLock(): Promise<boolean> {
    const lock = await acquireRecordingLock();
    if (lock === 'held-elsewhere') {
      this.problem = 'held-elsewhere';
      return false;
    }
    if (lock !== 'unsupported') this.#lock = lock;
    return true;
  }

  #startTicking(): void {
    this.#stopTicking?.();
    this.#stopTicking = this.#ticker.add(() => {
      this.updateOrder(performance.now());
    });
  }

  #stop(): void {
    this.#open = false;
    this.#stopTicking?.();
    this.#stopTicking = undefined;
    this.#release();
  }

  #release(): void {
    this.#lock?.release();
    this.#lock = undefined;
  }
}
