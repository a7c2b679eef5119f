import { openNatsLink } from '../adapters/share/nats-link';
import { ShareCipher } from '../adapters/share/share-cipher';
import { ShareGroupReceiver, type ShareGroupSource } from '../adapters/share/share-group-receiver';
import { ShareGroupWorker } from '../adapters/share/share-group-worker-client';
import type { ShareLinkState, ShareLinkStatus } from '../adapters/share/share-link';
import type { SharedStrapSource } from '../adapters/share/shared-strap-source';
import { randomBytes } from '../adapters/platform/random-bytes';
import { newShareInvitation, type ShareServerSettings } from '../core/share/new-share-invitation';
import type { RunnerRef, SessionZone } from '../core/session/session-model';
import type { RunnerProfile } from '../core/zones/runner-profile';
import type { RunGroup } from './run-group.svelte';
import type { RunnerRun, RunnerRunSetup } from './runner-run.svelte';
import type { ShareInvitation } from '../core/share/share-invitation';
import type { OpenShareLink } from './live-share-runner.svelte';
import { StrapConnection } from './strap-connection.svelte';

export interface LiveShareHostOptions {
  /**
   * Tests pass a fake link or a Node connector: the messages are then opened on the page. Else a worker holds the
   * link and opens them, so the page is not woken by every message of every runner.
   */
  openLink?: OpenShareLink;
  /** Each runner as they appear (their first presence). */
  onRunner?: (runner: SharedRunner) => void;
}

/** A runner who shares with this group: their strap as one more StrapConnection, and who they say they are. */
export interface SharedRunner {
  /** The random id of this runner's share (new for every run). */
  readonly shareId: string;
  readonly strap: StrapConnection;
  /** From their first presence. */
  readonly name: string;
  /** Their own calm zone, from their first presence; undefined when they run by feel. */
  readonly zone: SessionZone | undefined;
}

/**
 * The therapist's side of live share: a new share group (random id and key) whose invitation the screens show as a
 * link and QR code; the link to the server; the runners discovered by their presence, each with a StrapConnection
 * that tiles, zone trackers and recorders follow like a paired strap's; and how many messages could not be read
 * (not under this group's key: an old or wrong invitation).
 *
 * Public surface for the screens: `invitation`, `linkState`, `runners`, `runnerOf()`, `undecryptableCount`,
 * `lastHeardSecondsAgo()`, `close()`. AppState adds each runner to the group run (`onRunner`).
 */
export class LiveShareHost {
  readonly invitation: ShareInvitation;
  linkState = $state<ShareLinkState>('connecting');
  runners = $state.raw<readonly SharedRunner[]>([]);
  /** Messages that did not authenticate under the group key: the screen says "cannot read". */
  undecryptableCount = $state(0);
  readonly #link: ShareLinkStatus;
  readonly #receiver: ShareGroupReceiver;
  readonly #sources: SharedStrapSource[] = [];
  readonly #unfollowLink: () => void;

  private constructor(
    invitation: ShareInvitation,
    link: ShareLinkStatus,
    messages: ShareGroupSource,
    onRunner: (runner: SharedRunner) => void,
  ) {
    this.invitation = invitation;
    this.#link = link;
    this.#unfollowLink = link.onState((state) => {
      this.linkState = state;
    });
    this.#receiver = new ShareGroupReceiver({
      ...messages,
      onRunner: (source) => {
        onRunner(this.#addRunner(source));
      },
      onCounts: (counts) => {
        this.undecryptableCount = counts.undecryptable;
      },
    });
    this.#receiver.start();
  }

  /**
   * Creates a share group (the one place its random id and key are made: newShareInvitation) from the therapist's
   * settings, and starts listening for its runners with this device's own therapist login.
   */
  static async open(
    settings: ShareServerSettings,
    options: LiveShareHostOptions = {},
  ): Promise<LiveShareHost> {
    const invitation = newShareInvitation(settings, randomBytes);
    const user = settings.therapistUser?.trim();
    const linkOptions = {
      serverUrl: invitation.serverUrl,
      name: 'calm-run-therapist',
      ...(user && settings.therapistPassword ? { user, password: settings.therapistPassword } : {}),
    };
    const onRunner = options.onRunner ?? (() => undefined);
    if (options.openLink === undefined && typeof Worker !== 'undefined') {
      const worker = new ShareGroupWorker({
        ...linkOptions,
        groupId: invitation.groupId,
        keyBytes: invitation.key,
      });
      return new LiveShareHost(invitation, worker, { feed: worker }, onRunner);
    }
    const cipher = await ShareCipher.fromRawKey(invitation.key);
    const link = (options.openLink ?? openNatsLink)(linkOptions);
    return new LiveShareHost(invitation, link, { link, cipher, groupId: invitation.groupId }, onRunner);
  }

  /** The shared runner whose strap this is, if it is one. */
  runnerOf(strap: StrapConnection | undefined): SharedRunner | undefined {
    return strap && this.runners.find((runner) => runner.strap === strap);
  }

  /** Whole seconds since this runner's phone was last heard ("last heard 12 s ago"), at monotonic `nowMs`. */
  lastHeardSecondsAgo(runner: SharedRunner, nowMs: number): number | undefined {
    return this.#sources
      .find((source) => source.runnerShareId === runner.shareId)
      ?.lastHeardSecondsAgo(nowMs);
  }

  /**
   * Adds a shared runner to a group run going on, recorded like a paired strap: into the history of the client of
   * that name on this device (not in the group yet) when there is one, else under the name they share, with the
   * zone their own app coaches them by. `newRun` builds the run as the app builds a group's runs. False when the
   * runner is in the group already or the run could not start.
   */
  async joinGroupRun(
    group: RunGroup,
    shared: SharedRunner,
    profiles: readonly RunnerProfile[],
    newRun: (runner: RunnerProfile | RunnerRef, changes: Partial<RunnerRunSetup>) => RunnerRun,
  ): Promise<boolean> {
    if (!group.isActive || group.runs.some((run) => run.strap === shared.strap)) return false;
    const name = shared.name.trim();
    const profile = profiles.find(
      (candidate) =>
        candidate.name.trim().toLocaleLowerCase() === name.toLocaleLowerCase() &&
        !group.runByKey(candidate.id),
    );
    const groupRef = group.runs[0]?.recording.meta?.group;
    const run = newRun(profile ?? { id: `shared-${shared.shareId}`, name }, {
      ...(shared.zone && { zone: shared.zone }),
      ...(groupRef && { group: { ...groupRef, size: groupRef.size + 1, place: group.runs.length } }),
    });
    return group.join(run, shared.strap);
  }

  /** Ends the share group here: no more runners, and every shared strap lets go. */
  async close(): Promise<void> {
    this.#unfollowLink();
    this.#receiver.stop();
    for (const runner of this.runners) runner.strap.dispose();
    await this.#link.close();
    this.linkState = 'closed';
  }

  #addRunner(source: SharedStrapSource): SharedRunner {
    this.#sources.push(source);
    const zone = source.zone;
    const runner: SharedRunner = {
      shareId: source.runnerShareId,
      strap: new StrapConnection(source),
      name: source.runnerName ?? '',
      zone: zone && { lowBpm: zone.lowBpm, highBpm: zone.highBpm, method: 'fixed' },
    };
    void source.connect();
    this.runners = [...this.runners, runner];
    return runner;
  }
}
