import { openNatsLink, type NatsLinkOptions } from '../adapters/share/nats-link';
import { ShareCipher } from '../adapters/share/share-cipher';
import type { ShareLink, ShareLinkState } from '../adapters/share/share-link';
import { SharePublisher } from '../adapters/share/share-publisher';
import { loadAcceptedInvitation } from '../adapters/storage/share-store';
import type { PhaseKind } from '../core/coaching/run-plan';
import type { ShareInvitation } from '../core/share/share-invitation';
import type { RunnerRun } from './runner-run.svelte';
import type { StrapConnection } from './strap-connection.svelte';

/** What the run screen shows: sharing is visible for the whole run. */
export type RunnerShareState = 'off' | 'connecting' | 'sharing' | 'reconnecting';

/** Who is running, as the therapist will see it: sent only inside ciphertext. */
export interface SharedRunSubject {
  runnerName: string;
  /** The runner's own calm zone; absent when running by feel. */
  zone?: { lowBpm: number; highBpm: number };
  /** The planned phase now; absent in a free run. */
  phase?: () => PhaseKind | undefined;
}

/** How to reach the server; tests pass a fake link. */
export type OpenShareLink = (options: NatsLinkOptions) => ShareLink;

/**
 * The runner's side of live share, for one run: built from an invitation the runner agreed to, it shares the run's
 * strap with the therapist who invited them until `stop()` (one tap) or the end of the run, and then it is done: the
 * next run shares anew from the invitation kept on the device (acceptedShareRunner), until the runner forgets it
 * on the before-run screen. Sharing never touches the runner's own recording.
 *
 * Public surface for the screens: `invitation` (who receives the readings: `invitedBy`), `state`, `stop()`.
 */
export class LiveShareRunner {
  readonly invitation: ShareInvitation;
  state = $state<RunnerShareState>('off');
  readonly #openLink: OpenShareLink;
  #link: ShareLink | undefined;
  #publisher: SharePublisher | undefined;
  #unfollowLink: (() => void) | undefined;
  #ended = false;

  constructor(invitation: ShareInvitation, options: { openLink?: OpenShareLink } = {}) {
    this.invitation = invitation;
    this.#openLink = options.openLink ?? openNatsLink;
  }

  /** Whether this share is over (stopped or the run ended): it never starts again. */
  get ended(): boolean {
    return this.#ended;
  }

  /**
   * Starts sharing (call when the run starts, or at once when the runner agrees mid-run). `strap` may be missing
   * and follow later. Never throws: a share that cannot start stays 'off' and the run goes on.
   */
  async start(strap: StrapConnection | undefined, subject: SharedRunSubject): Promise<void> {
    if (this.#ended || this.#publisher) return;
    const invitation = this.invitation;
    let cipher: ShareCipher;
    try {
      cipher = await ShareCipher.fromRawKey(invitation.key);
    } catch {
      return;
    }
    // stop() may have come while the key was imported.
    if (this.ended) return;
    const link = this.#openLink({
      serverUrl: invitation.serverUrl,
      name: 'calm-run-runner',
      ...(invitation.user !== undefined && { user: invitation.user }),
      ...(invitation.password !== undefined && { password: invitation.password }),
    });
    this.#link = link;
    this.#unfollowLink = link.onState((state) => {
      this.state = runnerShareState(state);
    });
    this.#publisher = new SharePublisher(strap?.source, {
      link,
      cipher,
      groupId: invitation.groupId,
      runnerName: subject.runnerName,
      ...(subject.zone && { zone: subject.zone }),
      ...(subject.phase && { phase: subject.phase }),
    });
  }

  /** Shares this run: its strap, its runner's name (else `fallbackName`), zone and planned phase. */
  async shareRun(run: RunnerRun, fallbackName: string): Promise<void> {
    const zone = run.shownZone;
    await this.start(run.strap, {
      runnerName: run.runner?.name ?? fallbackName,
      ...(zone && { zone: { lowBpm: zone.lowBpm, highBpm: zone.highBpm } }),
      phase: () => {
        const position = run.coach?.position;
        return position && !position.finished ? position.phase.kind : undefined;
      },
    });
  }

  /** Shares this strap from now on (one connected after the run started). */
  follow(strap: StrapConnection): void {
    this.#publisher?.follow(strap.source);
  }

  /** Ends sharing for good: the therapist's tile turns "not sharing" at once. */
  async stop(): Promise<void> {
    if (this.#ended) return;
    this.#ended = true;
    const publisher = this.#publisher;
    const link = this.#link;
    this.#publisher = undefined;
    this.#link = undefined;
    this.#unfollowLink?.();
    this.#unfollowLink = undefined;
    this.state = 'off';
    try {
      await publisher?.stop();
      // Sent before the link goes: NATS flushes what was published when it closes.
      await link?.close();
    } catch {
      // Best effort: the therapist's side turns "not sharing" by itself when nothing more arrives.
    }
  }
}

/** The share of the next run, from the invitation this runner agreed to (kept on the device); none without one. */
export function acceptedShareRunner(options: { openLink?: OpenShareLink } = {}): LiveShareRunner | undefined {
  const accepted = loadAcceptedInvitation();
  return accepted && new LiveShareRunner(accepted.invitation, options);
}

function runnerShareState(state: ShareLinkState): RunnerShareState {
  switch (state) {
    case 'connecting':
      return 'connecting';
    case 'connected':
      return 'sharing';
    case 'reconnecting':
      return 'reconnecting';
    case 'closed':
      return 'off';
  }
}
