import type { ShareServerSettings } from '../core/share/new-share-invitation';
import type { ShareInvitation } from '../core/share/share-invitation';

/*
 * What the live-share screens need from the live-share engine (app/live-share-host.svelte.ts on the therapist's
 * side, app/live-share-runner.svelte.ts on the runner's), declared here so the screens stand on their own: the
 * engine's classes are bound to AppState's `shareHost` and `runShare`.
 */

/** The therapist's side: opens share groups on the practice's server, whose runners join the group run. */
export interface ShareHostPort {
  /** Creates a share group (random id and key, made on this device) and starts listening for its runners. */
  createGroup(settings: ShareServerSettings): Promise<ShareInvitation>;
}

/** Where the runner's share of the run stands. */
export type ShareRunState = 'off' | 'connecting' | 'sharing' | 'reconnecting';

/** The last thing that went wrong with the connection, while it is being tried again. */
export type ShareRunProblem = 'unreachable' | 'login-refused' | 'other';

/** The runner's side, during a run: what the run screen shows and the one-tap stop. */
export interface ShareStatusView {
  readonly state: ShareRunState;
  /** Who receives the readings: the invitation's `invitedBy`. */
  readonly invitedBy: string;
  readonly lastProblem?: ShareRunProblem | undefined;
  /** Stops sharing for the rest of this run, at once; the recording goes on untouched. */
  stop(): void;
}
